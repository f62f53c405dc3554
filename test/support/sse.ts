/** One message of a text/event-stream, as its fields were sent (comments kept apart). */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  /** Comment lines (`: keep-alive`), without the colon. */
  comments: string[];
}

/**
 * Reads a Server-Sent Events stream the way the console does: `fetch` with the bearer token, then
 * the body read chunk by chunk and cut into messages at blank lines.
 */
export class SseClient {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  private ended = false;

  private constructor(
    readonly response: Response,
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly abort: AbortController,
  ) {}

  /** Opens the stream; the response is there once its headers have arrived (the server has subscribed it by then). */
  static async open(url: string, headers: Record<string, string>): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    return new SseClient(response, response.body!.getReader(), abort);
  }

  /** The next whole message; undefined once the server has ended the stream. */
  async next(): Promise<SseMessage | undefined> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return parseMessage(block);
      }
      if (this.ended) return undefined;
      const { done, value } = await this.reader.read();
      if (done) this.ended = true;
      else this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next message that is not a comment only (a change). */
  async nextChange(): Promise<SseMessage | undefined> {
    for (;;) {
      const message = await this.next();
      if (!message || message.event !== undefined || message.data !== undefined) return message;
    }
  }

  /** The data of the next change, parsed. */
  async nextChangeData(): Promise<Record<string, unknown>> {
    const message = await this.nextChange();
    if (!message?.data) throw new Error('the stream ended before a change arrived');
    return JSON.parse(message.data) as Record<string, unknown>;
  }

  /** Closes the connection from the client's side, as a browser tab going away does. */
  close(): void {
    this.abort.abort();
  }
}

function parseMessage(block: string): SseMessage {
  const message: SseMessage = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      message.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') message.data = message.data === undefined ? value : `${message.data}\n${value}`;
    else if (field === 'id' || field === 'event' || field === 'retry') message[field] = value;
  }
  return message;
}

/**
 * Tells the dispatcher, in this process, that a command committed messages to the outbox, so that it
 * takes them up at once instead of at its next poll. Only a hint: the dispatcher polls anyway, and
 * other nodes' messages reach it that way.
 */
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the COMMIT of a transaction that wrote outbox rows. */
  written(): void {
    for (const listener of this.listeners) listener();
  }
}

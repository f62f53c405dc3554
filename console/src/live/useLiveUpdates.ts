import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createParser } from 'eventsource-parser';
import { useEffect } from 'react';
import { tokenStore, type Schemas } from '../api/client';

/** One message of GET /api/stream (`event: change`), as the contract gives it. */
export type ChangeMessage = Schemas['LiveChange'];

/** Waits before the next attempt: quick after a drop, slow while the route is missing (404) or refused. */
const RETRY_MS = { first: 1_000, max: 30_000, missing: 60_000 };

function invalidate(client: QueryClient, message: ChangeMessage): void {
  // A change may have written messages to the outbox: the deliveries list shows them once dispatched.
  const queryKeys = [
    ['instances'],
    ['summary'],
    ['agenda'],
    ['notifications'],
    ['instance', message.instanceId],
    ['history', message.instanceId],
  ];
  for (const queryKey of queryKeys) {
    void client.invalidateQueries({ queryKey });
  }
  if (message.parentId) void client.invalidateQueries({ queryKey: ['instance', message.parentId] });
}

/**
 * Keeps the console's data fresh: reads the service's Server-Sent Events with `fetch` (EventSource
 * cannot send the bearer token), and on each change invalidates the queries that show it.
 * Reconnects with a growing delay when the stream drops; stops when `signedIn` turns false.
 */
export function useLiveUpdates(signedIn: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const abort = new AbortController();
    let delay = RETRY_MS.first;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });

    const connect = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        const token = tokenStore.get();
        if (!token) return;
        try {
          const response = await fetch('/api/stream', {
            headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
            signal: abort.signal,
            cache: 'no-store',
          });
          if (!response.ok || !response.body) {
            // Not there yet (404), or not for this role: ask again, rarely.
            await response.body?.cancel().catch(() => undefined);
            await wait(response.status === 404 || response.status === 403 ? RETRY_MS.missing : delay);
            delay = Math.min(delay * 2, RETRY_MS.max);
            continue;
          }
          delay = RETRY_MS.first;
          const parser = createParser({
            onEvent(event) {
              if (event.event !== 'change') return;
              try {
                invalidate(client, JSON.parse(event.data) as ChangeMessage);
              } catch {
                // A message that is not JSON is ignored; the next one refreshes the views.
              }
            },
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
          // The stream ended (service restart): what changed meanwhile is fetched again.
          void client.invalidateQueries({ queryKey: ['instance'] });
        } catch {
          if (abort.signal.aborted) return;
        }
        await wait(delay);
        delay = Math.min(delay * 2, RETRY_MS.max);
      }
    };
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [signedIn, client]);
}

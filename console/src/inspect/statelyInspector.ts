/**
 * For people who write machines: the steps of a record streamed to Stately's inspector through
 * `@statelyai/inspect` (XState v5's inspection protocol). The service offers it only when
 * CONSOLE_INSPECTOR_URL is set (the page then carries <meta name="console-inspector">): the
 * inspector opens in a window of its own and receives the record's machine, its history, and every
 * change that follows while the page is open.
 */

/** Where the inspector opens, or null when the service does not offer it. */
export function inspectorUrl(): string | null {
  const content = document.querySelector('meta[name="console-inspector"]')?.getAttribute('content');
  return content ? content : null;
}

type StateValue = string | { [parent: string]: StateValue };

/** `open.published` → `{ open: 'published' }`, as XState writes a nested state (our machines have no parallel states). */
export function toStateValue(state: string): StateValue {
  const fromPath = (path: string[]): StateValue => (path.length === 1 ? path[0] : { [path[0]]: fromPath(path.slice(1)) });
  return fromPath(state.split('.'));
}

export interface InspectedRecord {
  id: string;
  kind: string;
  state: string;
  status: string;
  context: unknown;
}

export interface InspectedEvent {
  seq: number;
  type: string;
  payload: unknown;
  actor: string;
  at: string;
}

export interface RecordInspection {
  /** One more step: the event, then the record as it is after it. */
  step(event: InspectedEvent, record: InspectedRecord): void;
  stop(): void;
}

/** Opens the inspector and sends it the record's machine, its history so far and where it stands now. */
export async function inspectRecord(
  url: string,
  record: InspectedRecord,
  definition: Record<string, unknown>,
  history: InspectedEvent[],
): Promise<RecordInspection> {
  const { createBrowserInspector } = await import('@statelyai/inspect');
  const inspector = createBrowserInspector({ url });
  const actorId = `${record.kind}:${record.id}`;
  const snapshotOf = (current: InspectedRecord) => ({
    status: current.status === 'done' ? ('done' as const) : ('active' as const),
    value: toStateValue(current.state),
    context: current.context,
  });
  const eventOf = (event: InspectedEvent) => ({
    ...(event.payload && typeof event.payload === 'object' ? (event.payload as Record<string, unknown>) : {}),
    type: event.type,
    at: event.at,
    actor: event.actor,
  });
  inspector.actor(actorId, snapshotOf(record), { definition: JSON.stringify(definition) });
  // The history gives the events, not the record after each: the inspector shows them in order, then where the record stands.
  for (const event of history) inspector.event(actorId, eventOf(event), { source: `actor:${event.actor}` });
  inspector.snapshot(actorId, snapshotOf(record), history.length > 0 ? { event: eventOf(history[history.length - 1]) } : {});
  return {
    step(event, current) {
      inspector.event(actorId, eventOf(event), { source: `actor:${event.actor}` });
      inspector.snapshot(actorId, snapshotOf(current), { event: eventOf(event) });
    },
    stop: () => inspector.stop(),
  };
}

/**
 * Deadlines are data (DESIGN.md rule 3): a state declares, in its `meta`, which event falls due and
 * at which date of the context. The engine derives the pending deadlines from every new snapshot and
 * stores them with the event; the scheduler only pokes, and the event's guard rechecks the date.
 *
 * Example: `meta: { deadlines: [{ event: 'CLOSE_BIDS', dueAt: 'bidDeadline', label: 'Bids close' }] }`
 */
export interface DeadlineDeclaration {
  /** The event sent when the deadline falls due. */
  event: string;
  /** Dot path to an ISO instant in the context (or, with `each`, in each item). Missing = no deadline. */
  dueAt: string;
  /** Dot path to an array in the context: one deadline per item that has a `dueAt`. */
  each?: string;
  /** Event fields copied from the item (with `each`) or the context: field name → dot path. */
  payload?: Record<string, string>;
  /** What falls due, for the agenda and the diagram. */
  label: string;
  /**
   * A duty rather than a timer: someone must send `event` (the event that fulfils it) by `dueAt`. The
   * scheduler never sends it; the agenda shows it, overdue once past, until an event removes it.
   */
  duty?: true;
}

export interface PendingDeadline {
  event: string;
  dueAt: string;
  payload: Record<string, unknown>;
  label: string;
  /** Only on duties (see DeadlineDeclaration.duty), so that timers keep the shape they always had. */
  duty?: true;
}

export interface StateMetaWithDeadlines {
  deadlines?: DeadlineDeclaration[];
}

export function readPath(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Resolves a state's declarations against a context into concrete deadlines. */
export function resolveDeadlines(declarations: DeadlineDeclaration[], context: unknown): PendingDeadline[] {
  const pending: PendingDeadline[] = [];
  for (const declaration of declarations) {
    const sources = declaration.each ? asArray(readPath(context, declaration.each)) : [context];
    for (const source of sources) {
      const dueAt = readPath(source, declaration.dueAt);
      if (typeof dueAt !== 'string' || dueAt === '') continue;
      const payload: Record<string, unknown> = {};
      for (const [field, path] of Object.entries(declaration.payload ?? {})) {
        payload[field] = readPath(source, path);
      }
      pending.push({ event: declaration.event, dueAt, payload, label: declaration.label, ...(declaration.duty ? { duty: true } : {}) });
    }
  }
  return pending;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

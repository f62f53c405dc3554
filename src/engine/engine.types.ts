import type { PendingDeadline } from '../../machines/shared/deadlines';

/** The first event of every history: its payload is the creation input (and the parent, if any). */
export const CREATE_EVENT = 'CREATE';

/** A command as the API receives it: an event type, its payload, and optionally `at` and a version. */
export interface Command {
  type: string;
  at?: string;
  expectedVersion?: number;
  payload: Record<string, unknown>;
}

export interface ApplyOptions {
  /** Scheduler pokes carry the due instant as `at`, which may precede the instance's last event. */
  trustedTime?: boolean;
}

export interface InstanceView {
  id: string;
  kind: string;
  machineVersion: number;
  state: string;
  stage: string;
  status: string;
  context: unknown;
  summary: Record<string, unknown>;
  version: number;
  nextEvents: readonly string[];
  /** `duty`: someone must send the event (the scheduler never does); otherwise the scheduler sends it when due. */
  deadlines: (Pick<PendingDeadline, 'event' | 'dueAt' | 'label'> & { duty: boolean })[];
  parentId: string | null;
  /** The organisation the record belongs to (docs/access.md, "Organisations"). */
  organisation: string;
  children?: { id: string; kind: string; state: string; stage: string }[];
  headHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface InstanceListItem {
  id: string;
  kind: string;
  machineVersion: number;
  state: string;
  stage: string;
  status: string;
  label: string | null;
  version: number;
  parentId: string | null;
  /** The organisation the record belongs to (docs/access.md, "Organisations"). */
  organisation: string;
  createdAt: string;
  updatedAt: string;
}

/** One stored event with its payload parsed: the fields every view of a history is made of. */
export interface StoredEvent {
  instanceId: string;
  seq: number;
  type: string;
  /** The parsed payload (`{input, parentId?}` for CREATE). */
  payload: unknown;
  actor: string;
  /** The business instant of the event (ISO 8601, UTC). */
  at: string;
  /** When the service recorded it (real clock). */
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** An event as GET /api/instances/:id/history shows it. */
export type EventView = Omit<StoredEvent, 'instanceId' | 'prevHash'> & {
  /** The event's leaf in the transparency log (docs/audit.md); null if it has none (a damaged database). */
  leafIndex: number | null;
};

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

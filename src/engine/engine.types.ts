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
  deadlines: Omit<PendingDeadline, 'payload'>[];
  parentId: string | null;
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
  createdAt: string;
  updatedAt: string;
}

export interface EventView {
  seq: number;
  type: string;
  payload: unknown;
  actor: string;
  at: string;
  recordedAt: string;
  hash: string;
}

export interface InstanceFilter {
  kind?: string;
  stage?: string;
  state?: string;
  parentId?: string;
  limit: number;
  offset: number;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

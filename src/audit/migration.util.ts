import type { KindDefinition } from '../engine/kind-definition';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { stateOf, stateToString, type PersistedSnapshot } from '../engine/snapshot.util';
import { firstDifference, replayHistory, storedFormOf, type HistoryEvent, type StoredInstanceState } from './history.util';

/**
 * What would happen to one instance if its history were replayed on another version of its machine:
 * - `unchanged`: same state and same persisted snapshot;
 * - `context-changed`: same state, different context (e.g. a score computed differently);
 * - `state-changed`: the history replays but ends in another state;
 * - `refused`: the other version refuses one of the events (`seq`), so the history does not replay.
 */
export type MigrationOutcome = 'unchanged' | 'context-changed' | 'state-changed' | 'refused';

export interface MigrationCheck {
  instanceId: string;
  /** The version the instance is pinned to, `kind@version`. */
  pinned: string;
  /** The version replayed, `kind@version`. */
  target: string;
  outcome: MigrationOutcome;
  storedState: string;
  /** Where the replay ended (for `refused`: the state before the refused event). */
  replayedState: string | null;
  /** For `refused`: the refused event. */
  seq?: number;
  eventType?: string;
  /** In words: the refusal, or the first difference of the snapshot. */
  detail?: string;
}

export interface MigrationReport {
  target: string;
  instances: number;
  unchanged: number;
  /** Every instance that would not end exactly as stored. */
  changes: MigrationCheck[];
}

/** Replays one stored history on `target` (pure) and compares the outcome with the stored state. */
export function checkOnVersion(target: KindDefinition, stored: StoredInstanceState, events: Iterable<HistoryEvent>): MigrationCheck {
  const storedSnapshot = (typeof stored.snapshot === 'string' ? JSON.parse(stored.snapshot) : stored.snapshot) as PersistedSnapshot;
  const storedState = stored.state ?? stateToString(storedSnapshot.value);
  const base = {
    instanceId: stored.id,
    pinned: MachineCatalogue.key(stored.kind, stored.machineVersion),
    target: MachineCatalogue.key(target.kind, target.version),
    storedState,
  };
  const result = replayHistory(target, events);
  const replayedState = result.snapshot ? stateOf(result.snapshot) : null;
  if (result.divergence || !result.snapshot) {
    return {
      ...base,
      outcome: 'refused',
      replayedState,
      seq: result.divergence?.seq ?? 1,
      eventType: result.divergence?.type,
      detail: result.divergence?.problem ?? 'no event to replay',
    };
  }
  if (replayedState !== storedState) return { ...base, outcome: 'state-changed', replayedState };
  const difference = firstDifference(storedSnapshot, storedFormOf(target, result.snapshot));
  if (difference) {
    return {
      ...base,
      outcome: 'context-changed',
      replayedState,
      detail: `${difference.path}: stored ${JSON.stringify(difference.stored) ?? '(absent)'}, replayed ${JSON.stringify(difference.replayed) ?? '(absent)'}`,
    };
  }
  return { ...base, outcome: 'unchanged', replayedState };
}

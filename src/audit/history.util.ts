import type { AnyMachineSnapshot } from 'xstate';
import type { StoredDeadline } from '../persistence/repositories/deadline.repository';
import { decider } from '../engine/decider';
import { CREATE_EVENT, type StoredEvent } from '../engine/engine.types';
import { chainHash, GENESIS_HASH } from '../engine/hash-chain.util';
import type { KindDefinition } from '../engine/kind-definition';
import type { MachineCatalogue } from '../engine/machine-catalogue';
import { pendingDeadlinesOf, persistSnapshot, stageOf, stateOf } from '../engine/snapshot.util';
import type { EventEntity } from '../persistence/entities/event.entity';

/**
 * Pure audit logic (no database, no NestJS): replaying a history through a machine version and
 * verifying a history (hash chain + replay + stored state). The HTTP routes, the CLI and the export
 * verifier all use these functions, whether the events come from the database or from a file.
 */

/** One stored event, as read from the `events` table or from an export line. */
export interface HistoryEvent extends StoredEvent {
  /** Set when the stored payload text is not JSON (a tampered row). */
  unreadable?: string;
}

/** What is stored about an instance besides its events: compared with the replay. */
export interface StoredInstanceState {
  id: string;
  kind: string;
  machineVersion: number;
  version: number;
  headHash: string;
  /** The persisted snapshot: the JSON text of the `snapshot` column, or the parsed object of an export. */
  snapshot: unknown;
  parentId?: string | null;
  state?: string;
  stage?: string;
  status?: string;
  /**
   * The deadline rows stored for the instance, when known (the database; an export carries none):
   * they must be those the replayed snapshot implies, derived at the instance's version.
   */
  deadlines?: StoredDeadline[];
}

/** The answer of GET /api/instances/:id/verify and of `engine-cli verify`. */
export interface VerifyReport {
  ok: boolean;
  instanceId: string;
  /** Events examined, in seq order; the check stops at the first divergence (which is counted). */
  eventsChecked: number;
  /** The first sequence number at which the stored record and the recomputation disagree; null if ok. */
  firstDivergentSeq: number | null;
  /** What disagrees, in words; null if ok. */
  problem: string | null;
}

export function historyEventFromRow(row: EventEntity): HistoryEvent {
  let payload: unknown;
  let unreadable: string | undefined;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    unreadable = `payload is not valid JSON (${JSON.stringify(String(row.payload).slice(0, 40))}…)`;
  }
  return {
    instanceId: row.instanceId,
    seq: Number(row.seq),
    type: row.type,
    payload,
    actor: row.actor,
    at: row.at,
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    hash: row.hash,
    ...(unreadable ? { unreadable } : {}),
  };
}

export type StepResult = { ok: true; snapshot: AnyMachineSnapshot } | { ok: false; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * One replay step, through the same decider as the engine's writes (src/engine/decider.ts): CREATE
 * starts the machine from its input; any other event is folded on the snapshot with `{...payload,
 * type, at}`, and must be one the engine would have accepted (the state takes it and its rules pass).
 */
export function applyHistoryEvent(definition: KindDefinition, snapshot: AnyMachineSnapshot | undefined, event: HistoryEvent): StepResult {
  const what = () => `seq ${event.seq} (${event.type})`;
  if (event.unreadable) return { ok: false, problem: `${what()}: ${event.unreadable}` };
  if (snapshot === undefined) {
    if (event.type !== CREATE_EVENT) return { ok: false, problem: `${what()}: the first event must be ${CREATE_EVENT}` };
    const input = isRecord(event.payload) ? event.payload.input : undefined;
    if (!isRecord(input)) return { ok: false, problem: `${what()}: the ${CREATE_EVENT} payload has no input object` };
    const started = decider.start(definition, input);
    return started.ok ? { ok: true, snapshot: started.next } : { ok: false, problem: `${what()}: ${started.reason}` };
  }
  if (event.type === CREATE_EVENT) return { ok: false, problem: `${what()}: ${CREATE_EVENT} may only be the first event` };
  if (!isRecord(event.payload)) return { ok: false, problem: `${what()}: the payload is not a JSON object` };
  const state = stateOf(snapshot);
  if (snapshot.status !== 'active')
    return { ok: false, problem: `${what()}: the instance had already ended (state ${state}, ${snapshot.status})` };
  const folded = decider.fold(definition, snapshot, { ...event.payload, type: event.type, at: event.at });
  if (folded.ok) return { ok: true, snapshot: folded.next };
  const reason = folded.rule ? `rule ${folded.rule} refuses it: ${folded.reason}` : `state ${state} does not accept it`;
  const machine = `${definition.kind}@${definition.version}`;
  return { ok: false, problem: `${what()}: ${machine} would not accept this event in state ${state}; ${reason}` };
}

export interface ReplayOptions {
  /** Only events whose business instant `at` is at or before this instant (ISO 8601), in seq order. */
  until?: string;
}

export interface ReplayResult {
  /** The state after the last replayed event; undefined when no event qualified (e.g. before creation). */
  snapshot?: AnyMachineSnapshot;
  /** The last event replayed. */
  last?: HistoryEvent;
  applied: number;
  /** Set when an event could not be replayed; `snapshot` is then the state before it. */
  divergence?: { seq: number; type: string; problem: string };
}

/**
 * Replays a history through any machine version (pure). Events are taken in seq order; with `until`,
 * only those whose `at` is at or before the instant. Stops at the first event the machine refuses.
 */
export function replayHistory(definition: KindDefinition, events: Iterable<HistoryEvent>, options: ReplayOptions = {}): ReplayResult {
  const until = options.until === undefined ? undefined : Date.parse(options.until);
  let snapshot: AnyMachineSnapshot | undefined;
  let last: HistoryEvent | undefined;
  let applied = 0;
  for (const event of events) {
    if (until !== undefined && !(Date.parse(event.at) <= until)) continue;
    const step = applyHistoryEvent(definition, snapshot, event);
    if (!step.ok) return { snapshot, last, applied, divergence: { seq: event.seq, type: event.type, problem: step.problem } };
    snapshot = step.snapshot;
    last = event;
    applied += 1;
  }
  return { snapshot, last, applied };
}

/** The snapshot as the engine stores it (JSON round trip included: `undefined` fields vanish). */
export function storedFormOf(definition: KindDefinition, snapshot: AnyMachineSnapshot): unknown {
  return JSON.parse(JSON.stringify(persistSnapshot(definition.machine, snapshot)));
}

export interface Difference {
  path: string;
  stored: unknown;
  replayed: unknown;
}

/** The first place where two JSON values differ (object keys compared in sorted order); undefined if equal. */
export function firstDifference(stored: unknown, replayed: unknown, path = ''): Difference | undefined {
  if (stored === replayed) return undefined;
  const here = { path: path || '(root)', stored, replayed };
  if (stored === null || replayed === null || typeof stored !== 'object' || typeof replayed !== 'object') return here;
  if (Array.isArray(stored) !== Array.isArray(replayed)) return here;
  if (Array.isArray(stored) && Array.isArray(replayed)) {
    const length = Math.max(stored.length, replayed.length);
    for (let index = 0; index < length; index += 1) {
      const difference = firstDifference(stored[index], replayed[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  const a = stored as Record<string, unknown>;
  const b = replayed as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const difference = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
    if (difference) return difference;
  }
  return undefined;
}

function preview(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Verifies one history as its events arrive, in one pass (constant memory besides the current
 * snapshot): seqs contiguous from 1, each prev_hash equal to the previous hash (genesis for seq 1),
 * each hash recomputed from the event's fields, each event replayed through the pinned machine. Then
 * `finish` compares the stored instance (version, head hash, parent, snapshot, state columns).
 */
export class HistoryVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private snapshot: AnyMachineSnapshot | undefined;
  private createPayload: Record<string, unknown> | undefined;
  private checked = 0;
  private divergence: { seq: number; problem: string } | undefined;

  constructor(
    readonly instanceId: string,
    private readonly definition: KindDefinition | undefined,
    private readonly machineLabel: string,
  ) {}

  static forInstance(instance: Pick<StoredInstanceState, 'id' | 'kind' | 'machineVersion'>, catalogue: MachineCatalogue): HistoryVerifier {
    return new HistoryVerifier(
      instance.id,
      catalogue.get(instance.kind, instance.machineVersion),
      `${instance.kind}@${instance.machineVersion}`,
    );
  }

  get failed(): boolean {
    return this.divergence !== undefined;
  }

  get eventsChecked(): number {
    return this.checked;
  }

  /** The replayed state so far (undefined before CREATE or after a divergence at CREATE). */
  get current(): AnyMachineSnapshot | undefined {
    return this.snapshot;
  }

  /** Records a divergence found outside the events (e.g. an unreadable export line). */
  fail(seq: number, problem: string): void {
    if (!this.divergence) this.divergence = { seq, problem };
  }

  /** Checks the next event; false once the history has diverged (later events are not examined). */
  push(event: HistoryEvent): boolean {
    if (this.divergence) return false;
    this.checked += 1;
    const seq = this.expectedSeq;
    const what = `seq ${seq}`;
    if (event.instanceId !== this.instanceId) {
      this.fail(seq, `${what}: the event belongs to instance ${event.instanceId}`);
      return false;
    }
    if (event.seq !== seq) {
      this.fail(seq, `${what}: expected the event numbered ${seq} but found ${event.seq} (an event is missing, duplicated or renumbered)`);
      return false;
    }
    if (event.prevHash !== this.previousHash) {
      this.fail(
        seq,
        `${what} (${event.type}): prev_hash ${event.prevHash.slice(0, 16)}… is not the hash of the previous event (${this.previousHash.slice(0, 16)}…)`,
      );
      return false;
    }
    if (event.unreadable) {
      this.fail(seq, `${what} (${event.type}): ${event.unreadable}`);
      return false;
    }
    const recomputed = chainHash(this.previousHash, {
      instanceId: event.instanceId,
      seq: event.seq,
      type: event.type,
      payload: event.payload,
      actor: event.actor,
      at: event.at,
    });
    if (recomputed !== event.hash) {
      this.fail(
        seq,
        `${what} (${event.type}): the stored hash ${event.hash.slice(0, 16)}… does not match the event's content (recomputed ${recomputed.slice(0, 16)}…): its type, payload, actor, at or seq was changed`,
      );
      return false;
    }
    if (!this.definition) {
      this.fail(seq, `${what}: no machine ${this.machineLabel} is loaded, the history cannot be replayed`);
      return false;
    }
    const step = applyHistoryEvent(this.definition, this.snapshot, event);
    if (!step.ok) {
      this.fail(seq, `replay diverges at ${step.problem}`);
      return false;
    }
    if (seq === 1) this.createPayload = event.payload as Record<string, unknown>;
    this.snapshot = step.snapshot;
    this.previousHash = event.hash;
    this.expectedSeq += 1;
    return true;
  }

  /** Compares the stored instance with what the events imply, and gives the report. */
  finish(stored: StoredInstanceState): VerifyReport {
    if (!this.divergence) this.compare(stored);
    const divergence = this.divergence;
    return {
      ok: divergence === undefined,
      instanceId: this.instanceId,
      eventsChecked: this.checked,
      firstDivergentSeq: divergence?.seq ?? null,
      problem: divergence?.problem ?? null,
    };
  }

  private compare(stored: StoredInstanceState): void {
    const count = this.expectedSeq - 1;
    if (count === 0 || !this.snapshot || !this.definition) {
      this.fail(1, 'seq 1: no event is stored for this instance (its CREATE event is missing)');
      return;
    }
    if (stored.version !== count) {
      this.fail(
        Math.min(stored.version, count) + 1,
        stored.version > count
          ? `seq ${count + 1}: the instance is at version ${stored.version} but only ${count} events are stored (events were removed)`
          : `seq ${stored.version + 1}: ${count} events are stored but the instance is at version ${stored.version} (events were added)`,
      );
      return;
    }
    if (stored.headHash !== this.previousHash) {
      this.fail(
        count,
        `seq ${count}: the instance's head_hash ${String(stored.headHash).slice(0, 16)}… is not the hash of its last event (${this.previousHash.slice(0, 16)}…)`,
      );
      return;
    }
    if (stored.parentId !== undefined) {
      const created = (this.createPayload?.parentId as string | undefined) ?? null;
      if ((stored.parentId ?? null) !== created) {
        this.fail(
          1,
          `seq 1: the instance's parent (${stored.parentId ?? 'none'}) is not the one its CREATE event names (${created ?? 'none'})`,
        );
        return;
      }
    }
    let storedSnapshot = stored.snapshot;
    // Fast path: the engine stores JSON.stringify(persistSnapshot(...)); the same text is the same snapshot.
    const replayedText = JSON.stringify(persistSnapshot(this.definition.machine, this.snapshot));
    if (typeof storedSnapshot === 'string' && storedSnapshot !== replayedText) {
      try {
        storedSnapshot = JSON.parse(storedSnapshot);
      } catch {
        this.fail(count, `seq ${count}: the stored snapshot is not valid JSON`);
        return;
      }
    }
    const difference = storedSnapshot === replayedText ? undefined : firstDifference(storedSnapshot, JSON.parse(replayedText));
    if (difference) {
      this.fail(
        count,
        `seq ${count}: the stored snapshot differs from the replay of the ${count} events at ${difference.path}: stored ${preview(difference.stored)}, replayed ${preview(difference.replayed)}`,
      );
      return;
    }
    const columns: [string, string | undefined, () => string][] = [
      ['state', stored.state, () => stateOf(this.snapshot!)],
      ['stage', stored.stage, () => stageOf(this.snapshot!)],
      ['status', stored.status, () => this.snapshot!.status],
    ];
    for (const [name, value, replayedValue] of columns) {
      if (value !== undefined && value !== replayedValue()) {
        this.fail(count, `seq ${count}: the stored ${name} "${value}" is not the replayed ${name} "${replayedValue()}"`);
        return;
      }
    }
    if (stored.deadlines) this.compareDeadlines(count, stored.deadlines);
  }

  /** The stored deadline rows against those the replayed snapshot implies (a deleted, added or moved row). */
  private compareDeadlines(count: number, stored: StoredDeadline[]): void {
    const describe = (deadline: { event: string; dueAt: string; payload: unknown; duty?: boolean }) =>
      `${deadline.duty ? 'duty ' : ''}${deadline.event} due ${deadline.dueAt}${deadline.payload && Object.keys(deadline.payload).length ? ` ${JSON.stringify(deadline.payload)}` : ''}`;
    const derived = pendingDeadlinesOf(this.snapshot!).map(describe).sort();
    const rows = stored.map(describe).sort();
    const missing = derived.filter((item) => !rows.includes(item));
    const extra = rows.filter((item) => !derived.includes(item));
    if (missing.length > 0 || extra.length > 0 || derived.length !== rows.length) {
      const parts = [
        missing.length ? `missing from the deadlines table: ${missing.join('; ')}` : '',
        extra.length ? `stored but not implied by the replay: ${extra.join('; ')}` : '',
      ].filter(Boolean);
      this.fail(
        count,
        `seq ${count}: the stored deadlines are not those the replayed state implies (${parts.join('; ') || 'duplicated rows'})`,
      );
      return;
    }
    const moved = stored.find((deadline) => deadline.instanceVersion !== count);
    if (moved) {
      this.fail(
        count,
        `seq ${count}: the deadline ${describe(moved)} is stored as derived at version ${moved.instanceVersion}, the instance is at version ${count}: it cannot fire`,
      );
    }
  }
}

/** Verifies one whole history (see HistoryVerifier). */
export function verifyHistory(stored: StoredInstanceState, events: Iterable<HistoryEvent>, catalogue: MachineCatalogue): VerifyReport {
  const verifier = HistoryVerifier.forInstance(stored, catalogue);
  for (const event of events) {
    if (!verifier.push(event)) break;
  }
  return verifier.finish(stored);
}

/** `tender@2` → { kind: 'tender', version: 2 }. */
export function parseMachineKey(key: string): { kind: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9-]*)@([1-9]\d*)$/i.exec(key.trim());
  return match ? { kind: match[1], version: Number(match[2]) } : undefined;
}

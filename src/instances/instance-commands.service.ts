import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AnyMachineSnapshot } from 'xstate';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import { DEFAULT_ORGANISATION } from '../auth/organisations';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { instantProblem, toUtcInstant } from '../common/time/instant';
import { decider, type Decision, type Effect, type FoldResult } from '../engine/decider';
import { CREATE_EVENT, type ApplyOptions, type Command, type InstanceView } from '../engine/engine.types';
import { chainHash, GENESIS_HASH } from '../engine/hash-chain.util';
import type { KindDefinition } from '../engine/kind-definition';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { validatePayload } from '../engine/payload-validation.util';
import { pendingDeadlinesOf, persistSnapshot, restoreSnapshot, stageOf, stateOf, type PersistedSnapshot } from '../engine/snapshot.util';
import { BoundedCache, type WarmInstance } from '../engine/warm-instances';
import { listingColumnsOf, listingOf, type ListingColumns } from '../kinds/listing';
import { CREATED_CHANGE, LiveChanges, type CommittedChange } from '../live/live-changes';
import { outboxMessagesOf } from '../notifications/outbox-message.util';
import { OutboxSignal } from '../notifications/outbox-signal';
import { Metrics } from '../observability/metrics';
import { Database } from '../persistence/database';
import type { NewEvent } from '../persistence/repositories/transparency.repository';
import { canonicalize } from '../transparency/jcs';
import type { InstanceEntity } from '../persistence/entities/instance.entity';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { InstanceRepository, type InstanceHead, type StateColumns } from '../persistence/repositories/instance.repository';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { recordTitle } from '../notifications/templates/french-format.util';
import { ReminderRepository } from '../persistence/repositories/reminder.repository';
import type { SqlSession } from '../persistence/sql-session';
import { assertInstanceId } from './instance-id.util';
import { instanceView } from './instance-view';

/** Events may not be dated ahead of the clock by more than this (clock skew between machines). */
const FUTURE_TOLERANCE_MS = 5_000;

/** What a command led to: the new view, and the effects the machine declared (not run here). */
export interface CommandOutcome {
  view: InstanceView;
  effects: Effect[];
}

/** Work joined to a command's own unit of work: `start` is the first statement of its transaction, `finish` the last. */
export interface CommandHook {
  start(session: SqlSession): Promise<void>;
  finish(session: SqlSession, view: InstanceView): Promise<void>;
}

export interface CreateOptions {
  parentId?: string;
  /**
   * The organisation of a record without a parent (called only then: a child takes its parent's);
   * the default organisation when not given.
   */
  organisation?: () => string;
  /** The organisations whose records may be a parent (undefined: any); another's is PARENT_NOT_FOUND. */
  parentOrganisations?: readonly string[];
  at?: string;
  hook?: CommandHook;
}

export interface CommandOptions extends ApplyOptions {
  /** If-Match: the version the record must be at, else 412 (0 matches no version). */
  ifMatchVersion?: number;
  /** The organisations whose records the caller may change (undefined: any); another's is INSTANCE_NOT_FOUND. */
  organisations?: readonly string[];
  hook?: CommandHook;
}

interface Decided extends CommandOutcome {
  next: AnyMachineSnapshot;
  at: string;
  head: InstanceHead;
  deadlines: PendingDeadline[];
  /** Reminders this event's transaction moved to the outbox. */
  reminded: number;
}

/** A refusal of the fold as the API's problem. */
function refused(result: Exclude<FoldResult, Decision>): DomainError {
  const extensions: Record<string, unknown> = { state: result.state };
  if (result.code === ErrorCode.RULE_REFUSED) extensions.rule = result.rule;
  if (result.acceptedEvents) extensions.acceptedEvents = result.acceptedEvents;
  return new DomainError(result.code, result.reason, extensions);
}

/**
 * The command side (DESIGN rule 2): load, fold through the decider, and append in ONE transaction the
 * event, the new snapshot and version, the instance's pending deadlines and the outbox rows of the
 * effects the machine declared (DESIGN rule 8: sent after commit, by the dispatcher). Recently committed
 * instances are kept warm in memory (row and snapshot) to skip a read; the version compare-and-set
 * proves a warm entry current, else the command is decided again on the stored row.
 */
@Injectable()
export class InstanceCommandsService {
  private readonly warm = new BoundedCache<WarmInstance>(5_000);
  /** An instance's kind and machine version never change: remembered to skip a read per command. */
  private readonly kinds = new BoundedCache<Pick<InstanceEntity, 'kind' | 'machineVersion' | 'organisation'>>(50_000);
  private readonly outbox: OutboxRepository;
  private readonly reminders: ReminderRepository;

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(InstanceRepository) private readonly instances: InstanceRepository,
    @Inject(DeadlineRepository) private readonly deadlines: DeadlineRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(Clock) private readonly clock: Clock,
    @Optional() @Inject(Metrics) private readonly metrics?: Metrics,
    @Optional() @Inject(LiveChanges) private readonly live?: LiveChanges,
    @Optional() @Inject(OutboxSignal) private readonly outboxSignal?: OutboxSignal,
    // Built here when not given (an engine made by hand over a database): effects are always written.
    @Optional() @Inject(OutboxRepository) outbox?: OutboxRepository,
    // Not given (an engine made by hand): no reminders.
    @Optional() @Inject(ReminderRepository) reminders?: ReminderRepository,
  ) {
    this.outbox = outbox ?? new OutboxRepository(database);
    this.reminders = reminders ?? new ReminderRepository(database);
  }

  async create(kind: string, input: unknown, actor: string, options: CreateOptions = {}): Promise<InstanceView> {
    return (await this.createWithEffects(kind, input, actor, options)).view;
  }

  async createWithEffects(kind: string, input: unknown, actor: string, options: CreateOptions = {}): Promise<CommandOutcome> {
    const definition = this.catalogue.latest(kind);
    if (!definition) {
      throw new DomainError(ErrorCode.UNKNOWN_KIND, `Unknown kind "${kind}"; known kinds: ${this.catalogue.kinds().join(', ')}.`, {
        knownKinds: this.catalogue.kinds(),
      });
    }
    try {
      const outcome = await this.createKnown(definition, input, actor, options);
      this.metrics?.commandApplied(definition.kind, CREATE_EVENT);
      return outcome;
    } catch (error) {
      this.countRefusal(definition.kind, CREATE_EVENT, error);
      throw error;
    }
  }

  private async createKnown(definition: KindDefinition, input: unknown, actor: string, options: CreateOptions): Promise<CommandOutcome> {
    const cleanInput = validatePayload(definition.inputSchema, input ?? {}, 'input');
    if (options.parentId) assertInstanceId(options.parentId, ErrorCode.PARENT_NOT_FOUND);
    const now = this.clock.now().toISOString();
    const recordedAt = wallClockNow();
    const at = resolveAt(options.at, undefined, now, false);
    const started = decider.start(definition, cleanInput);
    if (!started.ok) throw refused(started);
    const id = randomUUID();
    const payload: Record<string, unknown> = { input: cleanInput };
    if (options.parentId) payload.parentId = options.parentId;

    const { view, head, reminded } = await this.database.sqlTransaction(async (session) => {
      await options.hook?.start(session);
      let organisation: string;
      if (options.parentId) {
        const parentOrganisation = await this.instances.organisationOf(session, options.parentId);
        const readable = options.parentOrganisations;
        // A parent of another organisation is answered as one that does not exist.
        if (parentOrganisation === undefined || (readable !== undefined && !readable.includes(parentOrganisation))) {
          throw new DomainError(ErrorCode.PARENT_NOT_FOUND, `No parent instance ${options.parentId}.`);
        }
        organisation = parentOrganisation;
      } else organisation = options.organisation?.() ?? DEFAULT_ORGANISATION;
      const event = chainEvent(id, 1, CREATE_EVENT, payload, actor, at, recordedAt, GENESIS_HASH);
      const row: InstanceEntity = {
        id,
        kind: definition.kind,
        machineVersion: definition.version,
        parentId: options.parentId ?? null,
        organisation,
        createdAt: recordedAt,
        ...stateColumns(definition, started.next, 1, event.hash, recordedAt),
        ...listingColumnsOf(definition.kind, started.next.context),
      };
      await this.instances.insertInstance(session, row);
      await this.instances.appendEvent(session, event);
      if (started.effects.length > 0) {
        await this.outbox.append(
          session,
          outboxMessagesOf(started.effects, { instanceId: id, kind: row.kind, seq: 1, occurredAt: at, createdAt: recordedAt }),
        );
      }
      await this.deadlines.replace(session, id, row.kind, 1, [], started.deadlines);
      const reminded = await this.reminders.rederive(
        session,
        { instanceId: id, kind: row.kind, seq: 1, at, createdAt: recordedAt, ...titleOf(started.next.context) },
        [],
        started.deadlines,
      );
      const { snapshot: _serialised, label: _label, searchLabel: _searchLabel, searchParties: _searchParties, ...head } = row;
      const created = instanceView(definition, head, started.next, started.deadlines);
      await options.hook?.finish(session, created);
      return { view: created, head, reminded };
    });
    this.warm.set(id, { snapshot: started.next, lastAt: at, head, deadlines: started.deadlines });
    if (started.effects.length > 0 || reminded > 0) this.outboxSignal?.written();
    this.live?.publish(committedChange(head, CREATED_CHANGE, at, actor));
    return { view, effects: started.effects };
  }

  async apply(id: string, command: Command, actor: string, options: CommandOptions = {}): Promise<InstanceView> {
    return (await this.applyWithEffects(id, command, actor, options)).view;
  }

  async applyWithEffects(id: string, command: Command, actor: string, options: CommandOptions = {}): Promise<CommandOutcome> {
    assertInstanceId(id);
    let known = this.kinds.get(id);
    if (!known) {
      known = await this.database.sqlRead((session) => this.instances.kindOf(session, id));
      if (!known) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
      this.kinds.set(id, known);
    }
    // A record of an organisation the caller may not reach is answered as one that does not exist.
    if (options.organisations !== undefined && !options.organisations.includes(known.organisation)) {
      throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    }
    const definition = this.catalogue.pinned(known);
    const schema = definition.eventSchemas[command.type];
    if (!schema || command.type === CREATE_EVENT) {
      throw new DomainError(ErrorCode.UNKNOWN_EVENT, `"${command.type}" is not an event of ${definition.kind}.`, {
        knownEvents: Object.keys(definition.eventSchemas),
      });
    }
    try {
      const outcome = await this.applyKnown(definition, schema, id, command, actor, options);
      this.metrics?.commandApplied(definition.kind, command.type);
      return outcome;
    } catch (error) {
      this.countRefusal(definition.kind, command.type, error);
      throw error;
    }
  }

  /** Refusals of a known kind and event are counted (unknown ones are not: their names are the caller's). */
  private countRefusal(kind: string, event: string, error: unknown): void {
    if (this.metrics && error instanceof DomainError) {
      const rule = error.extensions.rule;
      this.metrics.commandRefused(kind, event, error.code, typeof rule === 'string' ? rule : undefined);
    }
  }

  private async applyKnown(
    definition: KindDefinition,
    schema: KindDefinition['eventSchemas'][string],
    id: string,
    command: Command,
    actor: string,
    options: CommandOptions,
  ): Promise<CommandOutcome> {
    const payload = validatePayload(schema, command.payload, `${command.type} payload`);
    if (command.expectedVersion !== undefined && (!Number.isInteger(command.expectedVersion) || command.expectedVersion < 1)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'expectedVersion must be a positive integer.');
    }

    const outcome = await this.database.sqlTransaction(async (session) => {
      await options.hook?.start(session);
      const decided = await this.decideInTransaction(session, definition, id, command, payload, actor, options);
      await options.hook?.finish(session, decided.view);
      return decided;
    });
    // Only once committed: a rolled-back command leaves nothing warm, and is never streamed.
    this.warm.set(id, { snapshot: outcome.next, lastAt: outcome.at, head: outcome.head, deadlines: outcome.deadlines });
    if (outcome.effects.length > 0 || outcome.reminded > 0) this.outboxSignal?.written();
    this.live?.publish(committedChange(outcome.head, command.type, outcome.at, actor));
    return { view: outcome.view, effects: outcome.effects };
  }

  /** On the warm entry if there is one and it still holds, else on the row as stored (locked). */
  private async decideInTransaction(
    session: SqlSession,
    definition: KindDefinition,
    id: string,
    command: Command,
    payload: Record<string, unknown>,
    actor: string,
    options: CommandOptions,
  ): Promise<Decided> {
    const warm = this.warm.get(id);
    if (warm) {
      // The row as this process last committed it, without reading it again: the compare-and-set on
      // the version proves it still holds. If it does not, or if the command is refused, the command
      // is decided again on the row as stored (nothing was written yet).
      try {
        const decided = await this.decide(session, definition, warm.head, warm, command, payload, actor, options);
        if (decided) return decided;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    const row = await this.instances.head(session, id, true);
    if (!row) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    const current = warm?.head.version === row.version ? warm : undefined;
    const decided = await this.decide(session, definition, row, current, command, payload, actor, options);
    if (!decided) throw new DomainError(ErrorCode.VERSION_CONFLICT, `Instance ${id} was changed concurrently; retry with its new version.`);
    return decided;
  }

  /**
   * Decides `command` on `row` (and its warm snapshot, if any) and writes the outcome; undefined when
   * the row no longer holds the version it was read at.
   */
  private async decide(
    session: SqlSession,
    definition: KindDefinition,
    row: InstanceHead,
    warm: WarmInstance | undefined,
    command: Command,
    payload: Record<string, unknown>,
    actor: string,
    options: CommandOptions,
  ): Promise<Decided | undefined> {
    const id = row.id;
    if (options.ifMatchVersion !== undefined && options.ifMatchVersion !== row.version) {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `If-Match names ${options.ifMatchVersion > 0 ? `version ${options.ifMatchVersion}` : 'no version of this instance'} but the instance is at version ${row.version} (ETag "${row.version}").`,
        { currentVersion: row.version },
      );
    }
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(
        ErrorCode.VERSION_CONFLICT,
        `Expected version ${command.expectedVersion} but the instance is at version ${row.version}.`,
        { currentVersion: row.version },
      );
    }
    const now = this.clock.now().toISOString();
    const lastAt = options.trustedTime ? undefined : (warm?.lastAt ?? (await this.instances.eventAt(session, id, row.version)));
    const at = resolveAt(command.at, lastAt, now, options.trustedTime ?? false);
    const snapshot =
      warm?.snapshot ?? restoreSnapshot(definition.machine, JSON.parse((await this.instances.snapshot(session, id))!) as PersistedSnapshot);
    const derive = definition.relatedFacts?.[command.type];
    const facts = derive ? derive({ children: await this.instances.children(session, id) }) : undefined;
    const recordedPayload = facts ? { ...payload, ...facts } : payload;
    const decision = decider.fold(definition, snapshot, { ...recordedPayload, type: command.type, at });
    if (!decision.ok) throw refused(decision);

    const seq = row.version + 1;
    const recordedAt = wallClockNow();
    const stored = chainEvent(id, seq, command.type, recordedPayload, actor, at, recordedAt, row.headHash);
    const columns = stateColumns(definition, decision.next, seq, stored.hash, recordedAt);
    const listing = changedListing(definition.kind, snapshot, decision.next);
    if (!(await this.instances.updateState(session, row, columns, listing))) return undefined;
    await this.instances.appendEvent(session, stored);
    // The effects go to the outbox with their event, or not at all (DESIGN rule 8); none: no statement.
    if (decision.effects.length > 0) {
      await this.outbox.append(
        session,
        outboxMessagesOf(decision.effects, { instanceId: id, kind: row.kind, seq, occurredAt: at, createdAt: recordedAt }),
      );
    }
    const previous = warm?.deadlines ?? pendingDeadlinesOf(snapshot);
    await this.deadlines.replace(session, id, row.kind, seq, previous, decision.deadlines);
    const reminded = await this.reminders.rederive(
      session,
      { instanceId: id, kind: row.kind, seq, at, createdAt: recordedAt, ...titleOf(decision.next.context) },
      previous,
      decision.deadlines,
    );
    const head: InstanceHead = {
      ...row,
      state: columns.state,
      stage: columns.stage,
      status: columns.status,
      version: columns.version,
      headHash: columns.headHash,
      updatedAt: columns.updatedAt,
    };
    return {
      view: instanceView(definition, head, decision.next, decision.deadlines),
      effects: decision.effects,
      next: decision.next,
      at,
      head,
      deadlines: decision.deadlines,
      reminded,
    };
  }
}

/** The record's title, for its reminders. */
function titleOf(context: unknown): { title?: string } {
  const title = recordTitle(context);
  return title !== undefined ? { title } : {};
}

/** A committed command as the live stream tells it; the row was written at `updatedAt`. */
function committedChange(head: InstanceHead, type: string, at: string, actor: string): CommittedChange {
  return {
    instanceId: head.id,
    kind: head.kind,
    version: head.version,
    type,
    state: head.state,
    stage: head.stage,
    status: head.status,
    at,
    recordedAt: head.updatedAt,
    actor,
    parentId: head.parentId,
    organisation: head.organisation,
  };
}

/** `at` defaults to the clock; a given one is normalised to UTC, not ahead of the clock, not before the last event. */
function resolveAt(given: string | undefined, lastAt: string | undefined, now: string, trusted: boolean): string {
  if (given === undefined) return lastAt && lastAt > now ? lastAt : now;
  const normalised = toUtcInstant(given);
  if (normalised === undefined) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${instantProblem('at', given)}.`, { field: 'at' });
  }
  if (trusted) return normalised;
  if (Date.parse(normalised) > Date.parse(now) + FUTURE_TOLERANCE_MS) {
    throw new DomainError(ErrorCode.INVALID_TIME, `at (${normalised}) is in the future of the service clock (${now}).`, { now });
  }
  if (lastAt && normalised < lastAt) {
    throw new DomainError(
      ErrorCode.INVALID_TIME,
      `at (${normalised}) precedes the instance's last event (${lastAt}); history is kept in time order.`,
      { lastEventAt: lastAt },
    );
  }
  return normalised;
}

function chainEvent(
  instanceId: string,
  seq: number,
  type: string,
  payload: unknown,
  actor: string,
  at: string,
  recordedAt: string,
  prevHash: string,
): NewEvent {
  const hash = chainHash(prevHash, { instanceId, seq, type, payload, actor, at });
  const event: NewEvent = { instanceId, seq, type, payload: JSON.stringify(payload), actor, at, recordedAt, prevHash, hash };
  try {
    event.canonicalPayload = canonicalize(payload);
  } catch {
    // Not I-JSON (an undefined member, say): the leaf is computed from the stored text instead.
  }
  return event;
}

function stateColumns(
  definition: KindDefinition,
  snapshot: AnyMachineSnapshot,
  version: number,
  headHash: string,
  now: string,
): StateColumns {
  return {
    state: stateOf(snapshot),
    stage: stageOf(snapshot),
    status: snapshot.status,
    snapshot: JSON.stringify(persistSnapshot(definition.machine, snapshot)),
    version,
    headHash,
    updatedAt: now,
  };
}

/**
 * The list's columns after an event, when the event changed them (a draft's title, a convention's
 * parties); undefined for the many events that leave them as they were. The stored columns are those
 * of the snapshot before the event: both are written in the same transactions.
 */
function changedListing(kind: string, before: AnyMachineSnapshot, after: AnyMachineSnapshot): ListingColumns | undefined {
  if (before.context === after.context) return undefined;
  // The raw label and parties first: the same words give the same folded columns, without folding them.
  const previous = listingOf(kind, before.context);
  const next = listingOf(kind, after.context);
  const same =
    previous.label === next.label &&
    previous.parties.length === next.parties.length &&
    previous.parties.every((party, index) => party === next.parties[index]);
  return same ? undefined : listingColumnsOf(kind, after.context);
}

/** When a row is written: always the real time, also on the simulated clock (business time is `at`). */
function wallClockNow(): string {
  return new Date().toISOString();
}

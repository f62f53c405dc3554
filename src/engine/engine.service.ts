import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { FindOptionsWhere } from 'typeorm';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { toUtcInstant } from '../common/validation/time.decorators';
import { Database } from '../persistence/database';
import { EventEntity } from '../persistence/entities/event.entity';
import { InstanceEntity } from '../persistence/entities/instance.entity';
import { type InstanceHead, InstanceStore } from './instance-store';
import { BoundedCache, type WarmEntry, WarmSnapshots } from './warm-snapshots';
import { PureStepper } from './pure-step';
import {
  type ApplyOptions,
  type Command,
  CREATE_EVENT,
  type EventView,
  type InstanceFilter,
  type InstanceListItem,
  type InstanceView,
} from './engine.types';
import { chainHash, GENESIS_HASH } from './hash-chain.util';
import type { KindDefinition } from './kind-definition';
import { MachineCatalogue } from './machine-catalogue';
import { validatePayload } from './payload-validation.util';
import { explainRefusal } from './refusal.util';
import {
  nextEventsOf,
  pendingDeadlinesOf,
  persistSnapshot,
  restoreSnapshot,
  stageOf,
  stateToString,
  type PersistedSnapshot,
} from './snapshot.util';

export { CREATE_EVENT };
/** Events may not be dated ahead of the clock by more than this (clock skew between machines). */
const FUTURE_TOLERANCE_MS = 5_000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Folds commands into instances (DESIGN rule 2): a pure `transition()` step, then ONE database
 * transaction that appends the event, stores the new snapshot and version, and rewrites the
 * instance's pending deadlines. Nothing is kept in memory per instance.
 */
@Injectable()
export class EngineService {
  private readonly warm = new WarmSnapshots();
  private readonly stepper = new PureStepper();
  /** An instance's kind and machine version never change: remembered to skip a read per command. */
  private readonly kinds = new BoundedCache<Pick<InstanceEntity, 'kind' | 'machineVersion'>>(50_000);

  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(kind: string, input: unknown, actor: string, options: { parentId?: string; at?: string } = {}): Promise<InstanceView> {
    const definition = this.catalogue.latest(kind);
    if (!definition) {
      throw new DomainError(ErrorCode.UNKNOWN_KIND, `Unknown kind "${kind}"; known kinds: ${this.catalogue.kinds().join(', ')}.`, {
        knownKinds: this.catalogue.kinds(),
      });
    }
    const cleanInput = validatePayload(definition.inputDto, input ?? {}, 'input');
    const now = this.clock.now().toISOString();
    const recordedAt = wallClockNow();
    const at = this.resolveAt(options.at, undefined, now, false);
    const [snapshot] = initialTransition(definition.machine, cleanInput);
    const id = randomUUID();
    const payload: Record<string, unknown> = { input: cleanInput };
    if (options.parentId) payload.parentId = options.parentId;

    const { view, head } = await this.database.sqlTransaction(async (session) => {
      const store = new InstanceStore(session, !this.database.serialised);
      if (options.parentId) {
        this.assertUuid(options.parentId, ErrorCode.PARENT_NOT_FOUND);
        if (!(await store.kindOf(options.parentId)))
          throw new DomainError(ErrorCode.PARENT_NOT_FOUND, `No parent instance ${options.parentId}.`);
      }
      const event = this.chainEvent(id, 1, CREATE_EVENT, payload, actor, at, recordedAt, GENESIS_HASH);
      const row: InstanceEntity = {
        id,
        kind: definition.kind,
        machineVersion: definition.version,
        parentId: options.parentId ?? null,
        createdAt: recordedAt,
        ...this.stateColumns(definition, snapshot, 1, event.hash, recordedAt),
      };
      await store.insertInstance(row);
      await store.appendEvent(event);
      await store.replaceDeadlines(id, row.kind, 1, [], pendingDeadlinesOf(snapshot));
      const { snapshot: _serialised, ...head } = row;
      return { view: this.toView(definition, head, snapshot), head };
    });
    this.warm.set(id, { snapshot, lastAt: at, head });
    return view;
  }

  async apply(id: string, command: Command, actor: string, options: ApplyOptions = {}): Promise<InstanceView> {
    this.assertUuid(id, ErrorCode.INSTANCE_NOT_FOUND);
    let known = this.kinds.get(id);
    if (!known) {
      known = await this.database.sqlRead((session) => new InstanceStore(session, false).kindOf(id));
      if (!known) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
      this.kinds.set(id, known);
    }
    const definition = this.definitionOf(known);
    const dto = definition.eventDtos[command.type];
    if (!dto || command.type === CREATE_EVENT) {
      throw new DomainError(ErrorCode.UNKNOWN_EVENT, `"${command.type}" is not an event of ${definition.kind}.`, {
        knownEvents: Object.keys(definition.eventDtos),
      });
    }
    const payload = validatePayload(dto, command.payload, `${command.type} payload`);
    if (command.expectedVersion !== undefined && (!Number.isInteger(command.expectedVersion) || command.expectedVersion < 1)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'expectedVersion must be a positive integer.');
    }

    const outcome = await this.database.sqlTransaction(async (session) => {
      const store = new InstanceStore(session, !this.database.serialised);
      const warm = this.warm.latest(id);
      if (warm) {
        // The row as this process last committed it, without reading it again: the compare-and-set on
        // the version proves it still holds. If it does not, or if the command is refused, the command
        // is decided again on the row as stored (nothing was written yet).
        try {
          const decided = await this.decide(store, definition, warm.head, warm, command, payload, actor, options);
          if (decided) return decided;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
      const row = await store.head(id, true);
      if (!row) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
      const decided = await this.decide(
        store,
        definition,
        row,
        warm?.head.version === row.version ? warm : undefined,
        command,
        payload,
        actor,
        options,
      );
      if (!decided)
        throw new DomainError(ErrorCode.VERSION_CONFLICT, `Instance ${id} was changed concurrently; retry with its new version.`);
      return decided;
    });
    // Only once committed: a rolled-back command leaves nothing warm.
    this.warm.set(id, { snapshot: outcome.next, lastAt: outcome.at, head: outcome.head });
    return outcome.view;
  }

  /**
   * Decides `command` on `row` (and its warm snapshot, if any) and writes the outcome; undefined when
   * the row no longer holds the version it was read at.
   */
  private async decide(
    store: InstanceStore,
    definition: KindDefinition,
    row: InstanceHead,
    warm: WarmEntry | undefined,
    command: Command,
    payload: Record<string, unknown>,
    actor: string,
    options: ApplyOptions,
  ): Promise<{ view: InstanceView; next: AnyMachineSnapshot; at: string; head: InstanceHead } | undefined> {
    const id = row.id;
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(
        ErrorCode.VERSION_CONFLICT,
        `Expected version ${command.expectedVersion} but the instance is at version ${row.version}.`,
        { currentVersion: row.version },
      );
    }
    const now = this.clock.now().toISOString();
    const lastAt = options.trustedTime ? undefined : (warm?.lastAt ?? (await store.eventAt(id, row.version)));
    const at = this.resolveAt(command.at, lastAt, now, options.trustedTime ?? false);
    const snapshot = warm?.snapshot ?? restoreSnapshot(definition.machine, JSON.parse((await store.snapshot(id))!) as PersistedSnapshot);
    const derive = definition.relatedFacts?.[command.type];
    const facts = derive ? derive({ children: await store.children(id) }) : undefined;
    const recordedPayload = facts ? { ...payload, ...facts } : payload;
    const next = this.step(definition, snapshot, { ...recordedPayload, type: command.type, at });

    const seq = row.version + 1;
    const recordedAt = wallClockNow();
    const stored = this.chainEvent(id, seq, command.type, recordedPayload, actor, at, recordedAt, row.headHash);
    const columns = this.stateColumns(definition, next, seq, stored.hash, recordedAt);
    if (!(await store.updateState(row, columns))) return undefined;
    await store.appendEvent(stored);
    const pending = pendingDeadlinesOf(next);
    await store.replaceDeadlines(id, row.kind, seq, pendingDeadlinesOf(snapshot), pending);
    const head: InstanceHead = {
      ...row,
      state: columns.state,
      stage: columns.stage,
      status: columns.status,
      version: columns.version,
      headHash: columns.headHash,
      updatedAt: columns.updatedAt,
    };
    return { view: this.toView(definition, head, next, pending), next, at, head };
  }

  /** The pure step: refuse with a reason, or return the next snapshot. */
  private step(definition: KindDefinition, snapshot: AnyMachineSnapshot, event: { type: string; at: string }): AnyMachineSnapshot {
    const accepted = snapshot.status === 'active' ? nextEventsOf(snapshot) : [];
    const state = stateToString(snapshot.value);
    if (!accepted.includes(event.type)) {
      throw new DomainError(
        ErrorCode.EVENT_NOT_ACCEPTED,
        `${event.type} is not accepted in state ${state}; it accepts ${accepted.length ? accepted.join(', ') : 'no event (final state)'}.`,
        { state, acceptedEvents: accepted },
      );
    }
    // A step returns the very snapshot it was given when no transition is enabled: only then is `can`
    // asked (a transition that changes nothing at all is still accepted).
    const next = this.stepper.step(definition.machine, snapshot, event);
    if (next === snapshot && !snapshot.can(event)) {
      const refusal = explainRefusal(snapshot, event, definition.rules);
      throw new DomainError(ErrorCode.RULE_REFUSED, refusal?.reason ?? `${event.type} is refused in state ${state}.`, {
        state,
        rule: refusal?.rule ?? null,
      });
    }
    return next;
  }

  async get(id: string): Promise<InstanceView> {
    this.assertUuid(id, ErrorCode.INSTANCE_NOT_FOUND);
    return this.database.read(async (manager) => {
      const row = await manager.findOneBy(InstanceEntity, { id });
      if (!row) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
      const definition = this.definitionOf(row);
      const snapshot = restoreSnapshot(definition.machine, JSON.parse(row.snapshot) as PersistedSnapshot);
      const children = await manager.find(InstanceEntity, {
        where: { parentId: id },
        select: { id: true, kind: true, state: true, stage: true },
        order: { createdAt: 'ASC' },
      });
      return { ...this.toView(definition, row, snapshot), children };
    });
  }

  async list(filter: InstanceFilter): Promise<{ items: InstanceListItem[]; total: number; limit: number; offset: number }> {
    const where: FindOptionsWhere<InstanceEntity> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.stage) where.stage = filter.stage;
    if (filter.state) where.state = filter.state;
    if (filter.parentId) where.parentId = filter.parentId;
    return this.database.read(async (manager) => {
      const [rows, total] = await manager.findAndCount(InstanceEntity, {
        where,
        order: { createdAt: 'DESC', id: 'DESC' },
        take: filter.limit,
        skip: filter.offset,
      });
      return { items: rows.map((row) => this.toListItem(row)), total, limit: filter.limit, offset: filter.offset };
    });
  }

  async history(id: string): Promise<EventView[]> {
    this.assertUuid(id, ErrorCode.INSTANCE_NOT_FOUND);
    return this.database.read(async (manager) => {
      const exists = await manager.existsBy(InstanceEntity, { id });
      if (!exists) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
      const events = await manager.find(EventEntity, { where: { instanceId: id }, order: { seq: 'ASC' } });
      return events.map((event) => ({
        seq: event.seq,
        type: event.type,
        payload: JSON.parse(event.payload) as unknown,
        actor: event.actor,
        at: event.at,
        recordedAt: event.recordedAt,
        hash: event.hash,
      }));
    });
  }

  definitionOf(row: Pick<InstanceEntity, 'kind' | 'machineVersion'>): KindDefinition {
    const definition = this.catalogue.get(row.kind, row.machineVersion);
    if (!definition) throw new Error(`No machine ${row.kind}@${row.machineVersion} is loaded`);
    return definition;
  }

  /** `at` defaults to the clock; a given one is normalised to UTC, not ahead of the clock, not before the last event. */
  private resolveAt(given: string | undefined, lastAt: string | undefined, now: string, trusted: boolean): string {
    if (given === undefined) return lastAt && lastAt > now ? lastAt : now;
    const normalised = toUtcInstant(given);
    if (typeof normalised !== 'string' || !normalised.endsWith('Z') || Number.isNaN(Date.parse(normalised))) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'at must be an ISO 8601 instant with an offset, e.g. 2022-08-05T12:00:00+02:00.');
    }
    if (trusted) return normalised;
    if (Date.parse(normalised) > Date.parse(now) + FUTURE_TOLERANCE_MS) {
      throw new DomainError(ErrorCode.INVALID_TIME, `at (${normalised}) is in the future of the service clock (${now}).`, { now });
    }
    if (lastAt && normalised < lastAt) {
      throw new DomainError(
        ErrorCode.INVALID_TIME,
        `at (${normalised}) precedes the instance's last event (${lastAt}); history is kept in time order.`,
        {
          lastEventAt: lastAt,
        },
      );
    }
    return normalised;
  }

  private chainEvent(
    instanceId: string,
    seq: number,
    type: string,
    payload: unknown,
    actor: string,
    at: string,
    recordedAt: string,
    prevHash: string,
  ): EventEntity {
    const hash = chainHash(prevHash, { instanceId, seq, type, payload, actor, at });
    return { instanceId, seq, type, payload: JSON.stringify(payload), actor, at, recordedAt, prevHash, hash };
  }

  private stateColumns(definition: KindDefinition, snapshot: AnyMachineSnapshot, version: number, headHash: string, now: string) {
    return {
      state: stateToString(snapshot.value),
      stage: stageOf(snapshot),
      status: snapshot.status,
      snapshot: JSON.stringify(persistSnapshot(definition.machine, snapshot)),
      version,
      headHash,
      updatedAt: now,
    };
  }

  toView(
    definition: KindDefinition,
    row: InstanceHead,
    snapshot: AnyMachineSnapshot,
    pending = pendingDeadlinesOf(snapshot),
  ): InstanceView {
    return {
      id: row.id,
      kind: row.kind,
      machineVersion: row.machineVersion,
      state: row.state,
      stage: row.stage,
      status: row.status,
      context: snapshot.context,
      summary: definition.summarize?.(snapshot.context) ?? {},
      version: row.version,
      nextEvents: snapshot.status === 'active' ? nextEventsOf(snapshot) : [],
      deadlines: pending.map(({ event, dueAt, label }) => ({ event, dueAt, label })),
      parentId: row.parentId,
      headHash: row.headHash,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private toListItem(row: InstanceEntity): InstanceListItem {
    const context = (JSON.parse(row.snapshot) as PersistedSnapshot).context as Record<string, unknown> | undefined;
    const label = [context?.title, context?.name, context?.group].find((value) => typeof value === 'string') as string | undefined;
    return {
      id: row.id,
      kind: row.kind,
      machineVersion: row.machineVersion,
      state: row.state,
      stage: row.stage,
      status: row.status,
      label: label ?? null,
      version: row.version,
      parentId: row.parentId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private assertUuid(id: string, code: ErrorCode): void {
    if (!UUID_PATTERN.test(id)) throw new DomainError(code, `"${id.slice(0, 80)}" is not an instance id (a UUID).`);
  }

  static newId(): string {
    return randomUUID();
  }
}

export { UUID_PATTERN };

/** When a row is written: always the real time, also on the simulated clock (business time is `at`). */
function wallClockNow(): string {
  return new Date().toISOString();
}

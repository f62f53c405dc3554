import { Inject, Injectable } from '@nestjs/common';
import { In, MoreThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { toUtcInstant } from '../common/validation/time.decorators';
import { EngineService, UUID_PATTERN } from '../engine/engine.service';
import type { InstanceView } from '../engine/engine.types';
import type { KindDefinition } from '../engine/kind-definition';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { stageOf, stateToString } from '../engine/snapshot.util';
import { Database } from '../persistence/database';
import { EventEntity } from '../persistence/entities/event.entity';
import { InstanceEntity } from '../persistence/entities/instance.entity';
import { endRecord, eventRecord, exportHeader, instanceRecord } from './export-format.util';
import { historyEventFromRow, replayHistory, verifyHistory, type HistoryEvent, type VerifyReport } from './history.util';
import { checkOnVersion, type MigrationReport } from './migration.util';

/** One instance row with its whole history, read in one consistent snapshot of the database. */
export interface StoredHistory {
  instance: InstanceEntity;
  events: HistoryEvent[];
}

export interface VerifyAllSummary {
  ok: boolean;
  instances: number;
  events: number;
  instancesOk: number;
  failures: VerifyReport[];
}

export interface BatchOptions {
  /** Only instances of this kind. */
  kind?: string;
  /** Instances read per database round trip (their events come in one more query). */
  batchSize?: number;
  /** Called after each batch (or each instance of an explicit list) with the number of instances done. */
  onProgress?: (done: number) => void;
}

/** A line sink for exports; may return a promise (back-pressure). */
export type LineSink = (line: string) => void | Promise<void>;

const DEFAULT_BATCH = 200;

/**
 * The auditors' tools over the database (issue 6): state at an instant, verification of one or every
 * history, export, and a dry run of a machine version. Read-only: every read runs in one transaction
 * (REPEATABLE READ, READ ONLY on PostgreSQL) so an instance row and its events are a consistent pair
 * even while the service writes. The logic itself is pure (history.util.ts, migration.util.ts).
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(EngineService) private readonly engine: EngineService,
  ) {}

  /** Parses `?at=`: an ISO 8601 instant with an offset, normalised to UTC; else a 400 problem. */
  static parseInstant(raw: unknown): string {
    const normalised = typeof raw === 'string' ? toUtcInstant(raw) : undefined;
    if (
      typeof normalised !== 'string' ||
      Number.isNaN(Date.parse(normalised)) ||
      normalised !== new Date(Date.parse(normalised)).toISOString()
    ) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'at must be an ISO 8601 instant with an offset, e.g. 2022-08-05T12:00:00+02:00.');
    }
    return normalised;
  }

  /**
   * The instance as it was at `instant` (business time): its events with `at` at or before the
   * instant, in seq order, replayed through its pinned machine version; the same view as GET
   * /api/instances/:id. Before its CREATE event: a 404 problem with code NOT_FOUND (the unknown
   * instance is INSTANCE_NOT_FOUND).
   */
  async stateAt(id: string, rawInstant: unknown): Promise<InstanceView> {
    const instant = AuditService.parseInstant(rawInstant);
    this.assertId(id);
    return this.consistentRead(async (manager) => {
      const history = await this.loadHistory(manager, id);
      const view = this.viewOf(history, instant);
      if (!view) {
        const created = history.events[0]?.at ?? null;
        throw new DomainError(ErrorCode.NOT_FOUND, `Instance ${id} did not exist yet at ${instant}; it was created at ${created}.`, {
          reason: 'BEFORE_CREATION',
          at: instant,
          createdAt: created,
        });
      }
      const children = await manager.find(InstanceEntity, { where: { parentId: id }, order: { createdAt: 'ASC' } });
      view.children = [];
      for (const child of children) {
        const childView = this.viewOf(await this.loadHistory(manager, child.id, child), instant);
        if (childView) view.children.push({ id: childView.id, kind: childView.kind, state: childView.state, stage: childView.stage });
      }
      return view;
    });
  }

  /** The instance replayed from its events (all of them, or up to an instant), as a view. */
  async replay(id: string, rawInstant?: unknown): Promise<InstanceView> {
    if (rawInstant !== undefined) return this.stateAt(id, rawInstant);
    this.assertId(id);
    return this.consistentRead(async (manager) => {
      const view = this.viewOf(await this.loadHistory(manager, id));
      if (!view) throw new DomainError(ErrorCode.NOT_FOUND, `Instance ${id} has no events.`);
      return view;
    });
  }

  /** Verifies one history: chain, replay through the pinned version, stored snapshot and columns. */
  async verify(id: string): Promise<VerifyReport> {
    this.assertId(id);
    const history = await this.consistentRead((manager) => this.loadHistory(manager, id));
    return this.verifyLoaded(history);
  }

  /** Verifies every history (or every one of a kind), in batches; failures are kept, successes counted. */
  async verifyAll(options: BatchOptions & { onReport?: (report: VerifyReport) => void } = {}): Promise<VerifyAllSummary> {
    const summary: VerifyAllSummary = { ok: true, instances: 0, events: 0, instancesOk: 0, failures: [] };
    await this.forEachHistory(options, (history) => {
      const report = this.verifyLoaded(history);
      summary.instances += 1;
      summary.events += history.events.length;
      if (report.ok) summary.instancesOk += 1;
      else summary.failures.push(report);
      options.onReport?.(report);
    });
    summary.ok = summary.failures.length === 0;
    return summary;
  }

  async countInstances(kind?: string): Promise<number> {
    return this.database.read((manager) => manager.count(InstanceEntity, { where: kind ? { kind } : {} }));
  }

  /** Writes the export (see export-format.util.ts): every instance, or the given ones. */
  async exportHistories(
    sink: LineSink,
    options: BatchOptions & { ids?: string[]; exportedAt?: string } = {},
  ): Promise<{ instances: number; events: number }> {
    let instances = 0;
    let events = 0;
    await sink(JSON.stringify(exportHeader(options.exportedAt ?? new Date().toISOString())));
    const write = async (instance: InstanceEntity, rows: EventEntity[]) => {
      await sink(JSON.stringify(instanceRecord(instance)));
      for (const row of rows) await sink(JSON.stringify(eventRecord(row, instance)));
      instances += 1;
      events += rows.length;
    };
    if (options.ids) {
      let done = 0;
      for (const id of options.ids) {
        this.assertId(id);
        const { instance, rows } = await this.consistentRead(async (manager) => {
          const found = await manager.findOneBy(InstanceEntity, { id });
          if (!found) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
          return { instance: found, rows: await manager.find(EventEntity, { where: { instanceId: id }, order: { seq: 'ASC' } }) };
        });
        await write(instance, rows);
        options.onProgress?.((done += 1));
      }
    } else {
      await this.forEachBatch(options, async (batch) => {
        for (const { instance, rows } of batch) await write(instance, rows);
      });
    }
    await sink(JSON.stringify(endRecord(instances, events)));
    return { instances, events };
  }

  /**
   * Dry run of a machine version: replays every history of `target.kind` on `target` and reports the
   * instances that would not end as stored. Nothing is written: instances stay pinned.
   */
  async migrationDryRun(target: KindDefinition, options: Omit<BatchOptions, 'kind'> = {}): Promise<MigrationReport> {
    const report: MigrationReport = { target: MachineCatalogue.key(target.kind, target.version), instances: 0, unchanged: 0, changes: [] };
    await this.forEachHistory({ ...options, kind: target.kind }, (history) => {
      const check = checkOnVersion(target, this.storedStateOf(history.instance), history.events);
      report.instances += 1;
      if (check.outcome === 'unchanged') report.unchanged += 1;
      else report.changes.push(check);
    });
    return report;
  }

  private verifyLoaded(history: StoredHistory): VerifyReport {
    return verifyHistory(this.storedStateOf(history.instance), history.events, this.catalogue);
  }

  private storedStateOf(row: InstanceEntity) {
    return {
      id: row.id,
      kind: row.kind,
      machineVersion: Number(row.machineVersion),
      version: Number(row.version),
      headHash: row.headHash,
      snapshot: row.snapshot,
      parentId: row.parentId,
      state: row.state,
      stage: row.stage,
      status: row.status,
    };
  }

  /** The view of a replayed history (up to an instant); undefined when no event qualifies. */
  private viewOf(history: StoredHistory, instant?: string): InstanceView | undefined {
    const { instance } = history;
    const definition = this.catalogue.get(instance.kind, Number(instance.machineVersion));
    if (!definition) {
      throw new DomainError(
        ErrorCode.INTERNAL,
        `No machine ${instance.kind}@${instance.machineVersion} is loaded; instance ${instance.id} cannot be replayed.`,
      );
    }
    const result = replayHistory(definition, history.events, { until: instant });
    if (result.divergence) {
      throw new DomainError(
        ErrorCode.EVENT_NOT_ACCEPTED,
        `The history of instance ${instance.id} does not replay: ${result.divergence.problem}. Run GET /api/instances/${instance.id}/verify.`,
        { seq: result.divergence.seq },
      );
    }
    if (!result.snapshot || !result.last) return undefined;
    const snapshot = result.snapshot;
    const row: InstanceEntity = {
      ...instance,
      machineVersion: Number(instance.machineVersion),
      state: stateToString(snapshot.value),
      stage: stageOf(snapshot),
      status: snapshot.status,
      version: result.last.seq,
      headHash: result.last.hash,
      updatedAt: result.last.recordedAt,
    };
    return this.engine.toView(definition, row, snapshot);
  }

  private async loadHistory(manager: EntityManager, id: string, known?: InstanceEntity): Promise<StoredHistory> {
    const instance = known ?? (await manager.findOneBy(InstanceEntity, { id }));
    if (!instance) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    const rows = await manager.find(EventEntity, { where: { instanceId: id }, order: { seq: 'ASC' } });
    return { instance, events: rows.map(historyEventFromRow) };
  }

  private async forEachHistory(options: BatchOptions, visit: (history: StoredHistory) => void): Promise<void> {
    await this.forEachBatch(options, (batch) => {
      for (const { instance, rows } of batch) visit({ instance, events: rows.map(historyEventFromRow) });
    });
  }

  /**
   * Every instance (of a kind) with its event rows, by ascending id, `batchSize` instances per
   * consistent read: memory stays bounded by one batch whatever the number of records.
   */
  private async forEachBatch(
    options: BatchOptions,
    visit: (batch: { instance: InstanceEntity; rows: EventEntity[] }[]) => void | Promise<void>,
  ): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let after = '';
    let done = 0;
    for (;;) {
      const batch = await this.consistentRead(async (manager) => {
        const where: FindOptionsWhere<InstanceEntity> = { id: MoreThan(after) };
        if (options.kind) where.kind = options.kind;
        const instances = await manager.find(InstanceEntity, { where, order: { id: 'ASC' }, take: batchSize });
        if (instances.length === 0) return [];
        const rows = await manager.find(EventEntity, {
          where: { instanceId: In(instances.map((instance) => instance.id)) },
          order: { instanceId: 'ASC', seq: 'ASC' },
        });
        const byInstance = new Map<string, EventEntity[]>(instances.map((instance) => [instance.id, []]));
        for (const row of rows) byInstance.get(row.instanceId)?.push(row);
        return instances.map((instance) => ({ instance, rows: byInstance.get(instance.id)! }));
      });
      if (batch.length === 0) return;
      await visit(batch);
      done += batch.length;
      options.onProgress?.(done);
      after = batch[batch.length - 1].instance.id;
      if (batch.length < batchSize) return;
    }
  }

  /**
   * One consistent, read-only view of the database: SQLite takes the process's turn and reads inside
   * a transaction (WAL snapshot); PostgreSQL uses a REPEATABLE READ, READ ONLY transaction.
   */
  private consistentRead<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.database.serialised) return this.database.transaction(work);
    return this.database.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  private assertId(id: string): void {
    if (!UUID_PATTERN.test(id)) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `"${id.slice(0, 80)}" is not an instance id (a UUID).`);
  }
}

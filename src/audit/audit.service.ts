import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { instantProblem, toUtcInstant } from '../common/time/instant';
import type { InstanceView } from '../engine/engine.types';
import type { KindDefinition } from '../engine/kind-definition';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { stageOf, stateOf } from '../engine/snapshot.util';
import { assertInstanceId } from '../instances/instance-id.util';
import { instanceView } from '../instances/instance-view';
import type { InstanceEntity } from '../persistence/entities/instance.entity';
import { HistoryRepository, type BatchReadOptions, type StoredRecord } from '../persistence/repositories/history.repository';
import { endRecord, eventRecord, exportHeader, instanceRecord } from './export-format.util';
import { contextChanges, type ContextChange } from './context-changes.util';
import {
  applyHistoryEvent,
  historyEventFromRow,
  replayHistory,
  verifyHistory,
  type HistoryEvent,
  type StoredInstanceState,
  type VerifyReport,
} from './history.util';
import { checkOnVersion, type MigrationReport } from './migration.util';

/** One instance row with its whole history (parsed events) and its stored deadlines. */
export interface StoredHistory {
  instance: InstanceEntity;
  events: HistoryEvent[];
  deadlines: StoredRecord['deadlines'];
}

export interface VerifyAllSummary {
  ok: boolean;
  instances: number;
  events: number;
  instancesOk: number;
  failures: VerifyReport[];
}

export type BatchOptions = BatchReadOptions;

/** One verification report of a page, with the record's kind. */
export interface VerifyPageItem extends VerifyReport {
  id: string;
  kind: string;
}

export interface VerifyPage {
  items: VerifyPageItem[];
  total: number;
  limit: number;
  offset: number;
}

/** What one event changed in its record: the state, and each field of the context. */
export interface EventChanges {
  seq: number;
  type: string;
  /** null for the creation. */
  stateBefore: string | null;
  stateAfter: string;
  changes: ContextChange[];
  /** More fields changed than are listed. */
  truncated: boolean;
}

/** The export lines of one record: its instance line, then its events in seq order. */
function recordLines({ instance, rows }: StoredRecord): string[] {
  return [JSON.stringify(instanceRecord(instance)), ...rows.map((row) => JSON.stringify(eventRecord(row, instance)))];
}

function historyOf(record: StoredRecord): StoredHistory {
  return { instance: record.instance, events: record.rows.map(historyEventFromRow), deadlines: record.deadlines };
}

/** A line sink for exports; may return a promise (back-pressure). */
export type LineSink = (line: string) => void | Promise<void>;

/**
 * The auditors' tools over the database (issue 6): state at an instant, verification of one or every
 * history, export, and a dry run of a machine version. Read-only: every read runs in one transaction
 * (REPEATABLE READ, READ ONLY on PostgreSQL) so an instance row and its events are a consistent pair
 * even while the service writes. The logic itself is pure (history.util.ts, migration.util.ts).
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(HistoryRepository) private readonly histories: HistoryRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
  ) {}

  /** Parses `?at=`: an ISO 8601 instant with an offset, normalised to UTC; else a 400 problem. */
  static parseInstant(raw: unknown): string {
    const normalised = toUtcInstant(raw);
    if (normalised === undefined) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `${instantProblem('at', raw)}.`, { field: 'at' });
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
    assertInstanceId(id);
    const found = await this.histories.recordWithChildren(id);
    if (!found) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    const history = historyOf(found.record);
    const view = this.viewOf(history, instant);
    if (!view) {
      const created = history.events[0]?.at ?? null;
      throw new DomainError(ErrorCode.NOT_FOUND, `Instance ${id} did not exist yet at ${instant}; it was created at ${created}.`, {
        reason: 'BEFORE_CREATION',
        at: instant,
        createdAt: created,
      });
    }
    view.children = [];
    for (const child of found.children) {
      const childView = this.viewOf(historyOf(child), instant);
      if (childView) view.children.push({ id: childView.id, kind: childView.kind, state: childView.state, stage: childView.stage });
    }
    return view;
  }

  /**
   * What each event changed, worked out by replaying the history through its pinned machine: the
   * state before and after, and each field of the context that differs (GET /api/instances/:id/changes).
   */
  async changes(id: string): Promise<{ items: EventChanges[] }> {
    const history = historyOf(await this.record(id));
    const definition = this.pinnedDefinition(history.instance);
    const items: EventChanges[] = [];
    let snapshot: Parameters<typeof applyHistoryEvent>[1];
    let context: unknown = {};
    for (const event of history.events) {
      const step = applyHistoryEvent(definition, snapshot, event);
      if (!step.ok) {
        throw new DomainError(
          ErrorCode.EVENT_NOT_ACCEPTED,
          `The history of instance ${id} does not replay: ${step.problem}. Run GET /api/instances/${id}/verify.`,
          { seq: event.seq },
        );
      }
      // As the engine stores it: a JSON round trip (undefined fields vanish).
      const next = JSON.parse(JSON.stringify(step.snapshot.context ?? {})) as unknown;
      items.push({
        seq: event.seq,
        type: event.type,
        stateBefore: snapshot ? stateOf(snapshot) : null,
        stateAfter: stateOf(step.snapshot),
        ...contextChanges(context, next),
      });
      snapshot = step.snapshot;
      context = next;
    }
    return { items };
  }

  /** The instance replayed from its events (all of them, or up to an instant), as a view. */
  async replay(id: string, rawInstant?: unknown): Promise<InstanceView> {
    if (rawInstant !== undefined) return this.stateAt(id, rawInstant);
    const view = this.viewOf(historyOf(await this.record(id)));
    if (!view) throw new DomainError(ErrorCode.NOT_FOUND, `Instance ${id} has no events.`);
    return view;
  }

  /** Verifies one history: chain, replay through the pinned version, stored snapshot, columns and deadlines. */
  async verify(id: string): Promise<VerifyReport> {
    return this.verifyLoaded(historyOf(await this.record(id, true)));
  }

  /** Verifies every history (or every one of a kind), in batches; failures are kept, successes counted. */
  async verifyAll(options: BatchOptions & { onReport?: (report: VerifyReport) => void } = {}): Promise<VerifyAllSummary> {
    const summary: VerifyAllSummary = { ok: true, instances: 0, events: 0, instancesOk: 0, failures: [] };
    await this.forEachHistory({ ...options, withDeadlines: true }, (history) => {
      const report = this.verifyLoaded(history);
      summary.instances += 1;
      summary.events += history.events.length;
      if (report.ok) summary.instancesOk += 1;
      else summary.failures.push(report);
      options.onReport?.(report);
    });
    // Deadline rows of an instance that no longer exists belong to no history: reported on their own.
    if (!options.kind) {
      for (const orphan of await this.histories.orphanDeadlines()) {
        const report: VerifyReport = {
          ok: false,
          instanceId: orphan.instanceId,
          eventsChecked: 0,
          firstDivergentSeq: null,
          problem: `${orphan.rows} deadline row(s) belong to instance ${orphan.instanceId}, which does not exist (deleted by hand, or a partial restore)`,
        };
        summary.failures.push(report);
        options.onReport?.(report);
      }
    }
    summary.ok = summary.failures.length === 0;
    return summary;
  }

  async countInstances(kind?: string): Promise<number> {
    return this.histories.countInstances(kind);
  }

  /** Writes the export (see export-format.util.ts): every instance, or the given ones. */
  async exportHistories(
    sink: LineSink,
    options: BatchOptions & { ids?: string[]; exportedAt?: string } = {},
  ): Promise<{ instances: number; events: number }> {
    let instances = 0;
    let events = 0;
    await sink(JSON.stringify(exportHeader(options.exportedAt ?? new Date().toISOString())));
    const write = async (record: StoredRecord) => {
      for (const line of recordLines(record)) await sink(line);
      instances += 1;
      events += record.rows.length;
    };
    if (options.ids) {
      let done = 0;
      for (const id of options.ids) {
        await write(await this.record(id));
        options.onProgress?.((done += 1));
      }
    } else {
      await this.histories.forEachBatch(options, async (batch) => {
        for (const record of batch) await write(record);
      });
    }
    await sink(JSON.stringify(endRecord(instances, events)));
    return { instances, events };
  }

  /**
   * One record's export, whole (the same lines as `engine-cli export <id>`); 404 before any line when
   * there is no such record. One history is small enough to hold.
   */
  async exportOne(id: string, exportedAt = new Date().toISOString()): Promise<string[]> {
    const record = await this.record(id);
    return [JSON.stringify(exportHeader(exportedAt)), ...recordLines(record), JSON.stringify(endRecord(1, record.rows.length))];
  }

  /** A page of verification reports, by ascending id (of a kind), for a caller that verifies everything page by page. */
  async verifyPage(options: { kind?: string; limit: number; offset: number; organisations?: readonly string[] }): Promise<VerifyPage> {
    const { records, total } = await this.histories.page(options);
    const items = records.map((record) => {
      const report = this.verifyLoaded(historyOf(record));
      return { id: record.instance.id, kind: record.instance.kind, ...report };
    });
    return { items, total, limit: options.limit, offset: options.offset };
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
    return verifyHistory({ ...this.storedStateOf(history.instance), deadlines: history.deadlines }, history.events, this.catalogue);
  }

  private storedStateOf(row: InstanceEntity): StoredInstanceState {
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
  private pinnedDefinition(instance: InstanceEntity): KindDefinition {
    const definition = this.catalogue.get(instance.kind, Number(instance.machineVersion));
    if (!definition) {
      throw new DomainError(
        ErrorCode.INTERNAL,
        `No machine ${instance.kind}@${instance.machineVersion} is loaded; instance ${instance.id} cannot be replayed.`,
      );
    }
    return definition;
  }

  private viewOf(history: StoredHistory, instant?: string): InstanceView | undefined {
    const { instance } = history;
    const definition = this.pinnedDefinition(instance);
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
      state: stateOf(snapshot),
      stage: stageOf(snapshot),
      status: snapshot.status,
      version: result.last.seq,
      headHash: result.last.hash,
      updatedAt: result.last.recordedAt,
    };
    return instanceView(definition, row, snapshot);
  }

  /** One record with its history (and its deadline rows, for verification); 404 when there is none. */
  private async record(id: string, withDeadlines = false): Promise<StoredRecord> {
    assertInstanceId(id);
    const record = await this.histories.record(id, { withDeadlines });
    if (!record) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    return record;
  }

  private async forEachHistory(options: BatchOptions, visit: (history: StoredHistory) => void): Promise<void> {
    await this.histories.forEachBatch(options, (batch) => {
      for (const record of batch) visit(historyOf(record));
    });
  }
}

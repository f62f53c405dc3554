import { Inject, Injectable } from '@nestjs/common';
import { And, In, LessThan, MoreThan, MoreThanOrEqual, type EntityManager, type FindOperator, type FindOptionsWhere } from 'typeorm';
import { Database } from '../database';
import { EventEntity } from '../entities/event.entity';
import { InstanceEntity } from '../entities/instance.entity';
import { DeadlineRepository, type StoredDeadline } from './deadline.repository';

/** One instance row with its whole history and its stored deadlines, read in one consistent snapshot. */
export interface StoredRecord {
  instance: InstanceEntity;
  rows: EventEntity[];
  /** Its rows in the deadlines table, when asked for (verification compares them; nothing else reads them). */
  deadlines?: StoredDeadline[];
}

export interface BatchReadOptions {
  /** Only instances of this kind. */
  kind?: string;
  /** Only instances created (createdAt) at or after this UTC instant. */
  createdFrom?: string;
  /** Only instances created before this UTC instant. */
  createdTo?: string;
  /** Instances read per database round trip (their events come in one more query). */
  batchSize?: number;
  /** Called after each batch with the number of instances done. */
  onProgress?: (done: number) => void;
  /** Also read each record's deadline rows. */
  withDeadlines?: boolean;
  /** Only the records of these organisations (undefined: every organisation's). */
  organisations?: readonly string[];
}

/** The condition on the organisation column: none, or the organisations given (a name no record has for none). */
function organisationWhere(organisations: readonly string[] | undefined): FindOptionsWhere<InstanceEntity> {
  if (organisations === undefined) return {};
  // Organisation names have no white space: this one matches no record.
  return { organisation: In(organisations.length > 0 ? [...organisations] : [' ']) };
}

const DEFAULT_BATCH = 200;

/**
 * The auditors' reads: whole histories, each inside one consistent, read-only view of the database
 * (see Database.consistentRead), so an instance row, its events and its deadlines are a consistent
 * triple even while the service writes.
 */
@Injectable()
export class HistoryRepository {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(DeadlineRepository) private readonly deadlines: DeadlineRepository,
  ) {}

  /** One record with its history; undefined when there is no such record. */
  async record(id: string, options: { withDeadlines?: boolean } = {}): Promise<StoredRecord | undefined> {
    return this.database.consistentRead(async (manager) => {
      const instance = await manager.findOneBy(InstanceEntity, { id });
      return instance ? (await this.complete(manager, [instance], options.withDeadlines ?? false))[0] : undefined;
    });
  }

  /** A record and its children with their histories (children oldest first), read together. */
  async recordWithChildren(id: string): Promise<{ record: StoredRecord; children: StoredRecord[] } | undefined> {
    return this.database.consistentRead(async (manager) => {
      const instance = await manager.findOneBy(InstanceEntity, { id });
      if (!instance) return undefined;
      const children = await manager.find(InstanceEntity, { where: { parentId: id }, order: { createdAt: 'ASC' } });
      const [record, ...rest] = await this.complete(manager, [instance, ...children], false);
      return { record, children: rest };
    });
  }

  async countInstances(kind?: string): Promise<number> {
    return this.database.read((manager) => manager.count(InstanceEntity, { where: kind ? { kind } : {} }));
  }

  /** Deadline rows whose instance does not exist. */
  async orphanDeadlines(): Promise<{ instanceId: string; rows: number }[]> {
    return this.database.consistentRead((manager) => this.deadlines.orphans(manager));
  }

  /**
   * Every record (of a kind) with its history, by ascending id, `batchSize` records per consistent
   * read: memory stays bounded by one batch whatever the number of records.
   */
  async forEachBatch(options: BatchReadOptions, visit: (batch: StoredRecord[]) => void | Promise<void>): Promise<void> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let after = '';
    let done = 0;
    for (;;) {
      const batch = await this.database.consistentRead(async (manager) => {
        const where: FindOptionsWhere<InstanceEntity> = {
          id: MoreThan(after),
          ...createdWithin(options),
          ...organisationWhere(options.organisations),
        };
        if (options.kind) where.kind = options.kind;
        const instances = await manager.find(InstanceEntity, { where, order: { id: 'ASC' }, take: batchSize });
        return this.complete(manager, instances, options.withDeadlines ?? false);
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
   * One page of records (of a kind) by ascending id, with their histories and deadline rows, and how
   * many there are in all, read together.
   */
  async page(options: {
    kind?: string;
    limit: number;
    offset: number;
    organisations?: readonly string[];
  }): Promise<{ records: StoredRecord[]; total: number }> {
    return this.database.consistentRead(async (manager) => {
      const where: FindOptionsWhere<InstanceEntity> = {
        ...(options.kind ? { kind: options.kind } : {}),
        ...organisationWhere(options.organisations),
      };
      const [instances, total] = await manager.findAndCount(InstanceEntity, {
        where,
        order: { id: 'ASC' },
        skip: options.offset,
        take: options.limit,
      });
      return { records: await this.complete(manager, instances, true), total };
    });
  }

  /** The events (and deadlines, if asked) of some instances, read in the same view, in the instances' order. */
  private async complete(manager: EntityManager, instances: InstanceEntity[], withDeadlines: boolean): Promise<StoredRecord[]> {
    if (instances.length === 0) return [];
    const ids = instances.map((instance) => instance.id);
    const rows = await manager.find(EventEntity, { where: { instanceId: In(ids) }, order: { instanceId: 'ASC', seq: 'ASC' } });
    const byInstance = new Map<string, EventEntity[]>(ids.map((id) => [id, []]));
    for (const row of rows) byInstance.get(row.instanceId)?.push(row);
    const deadlines = withDeadlines ? await this.deadlines.ofInstances(manager, ids) : undefined;
    return instances.map((instance) => ({
      instance,
      rows: byInstance.get(instance.id) ?? [],
      ...(deadlines ? { deadlines: deadlines.get(instance.id) ?? [] } : {}),
    }));
  }
}

/** The createdAt bounds of a batch read (from inclusive, to exclusive), as a where clause. */
function createdWithin(options: BatchReadOptions): FindOptionsWhere<InstanceEntity> {
  const bounds: FindOperator<string>[] = [];
  if (options.createdFrom !== undefined) bounds.push(MoreThanOrEqual(options.createdFrom));
  if (options.createdTo !== undefined) bounds.push(LessThan(options.createdTo));
  if (bounds.length === 0) return {};
  return { createdAt: bounds.length === 1 ? bounds[0] : And(...bounds) };
}

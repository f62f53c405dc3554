import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type FindOptionsWhere } from 'typeorm';
import { Database } from '../database';
import { EventEntity } from '../entities/event.entity';
import { InstanceEntity } from '../entities/instance.entity';

export interface InstanceListFilter {
  kind?: string;
  stage?: string;
  state?: string;
  parentId?: string;
  limit: number;
  offset: number;
}

export interface EventPage {
  limit: number;
  offset: number;
  afterSeq?: number;
}

export interface ChildRow {
  id: string;
  kind: string;
  state: string;
  stage: string;
}

/** An instance with the business instant of its first event (the indicators' period is on it). */
export interface InstanceWithCreation {
  id: string;
  kind: string;
  stage: string;
  state: string;
  snapshot: string;
  parentId: string | null;
  createdAt: string;
}

/** The dashboard's records by kind, stage, state and status. */
export const COUNTS_BY_KIND_AND_STAGE_SQL =
  'SELECT kind, stage, state, status, COUNT(*) AS count FROM instances GROUP BY kind, stage, state, status ORDER BY kind, stage, state, status';

/** How many records are at one kind, stage, state and status. */
export interface StageCount {
  kind: string;
  stage: string;
  state: string;
  status: string;
  count: number;
}

/** The reads behind the views: one record, its children, the list, its history, the indicators' rows. */
@Injectable()
export class ReadModelRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** One record and its children (oldest first), read together. */
  async instanceWithChildren(id: string): Promise<{ row: InstanceEntity; children: ChildRow[] } | undefined> {
    return this.database.read(async (manager) => {
      const row = await manager.findOneBy(InstanceEntity, { id });
      if (!row) return undefined;
      const children = await manager.find(InstanceEntity, {
        where: { parentId: id },
        select: { id: true, kind: true, state: true, stage: true },
        order: { createdAt: 'ASC' },
      });
      return { row, children };
    });
  }

  async list(filter: InstanceListFilter): Promise<{ rows: InstanceEntity[]; total: number }> {
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
      return { rows, total };
    });
  }

  /** Records counted by kind, stage, state and status (GROUP BY on the covering index ix_instances_kind_stage_state_status). */
  async countsByKindAndStage(): Promise<StageCount[]> {
    return this.database.read(async (manager) => {
      const rows: (Omit<StageCount, 'count'> & { count: number | string })[] = await manager.query(COUNTS_BY_KIND_AND_STAGE_SQL);
      return rows.map((row) => ({ kind: row.kind, stage: row.stage, state: row.state, status: row.status, count: Number(row.count) }));
    });
  }

  /**
   * One page of a record's events in order (after `afterSeq`, if given), and how many there are in
   * all, read together; undefined when there is no such record.
   */
  async eventPage(id: string, page: EventPage): Promise<{ rows: EventEntity[]; total: number } | undefined> {
    return this.database.consistentRead(async (manager) => {
      if (!(await manager.existsBy(InstanceEntity, { id }))) return undefined;
      const where: FindOptionsWhere<EventEntity> = { instanceId: id };
      if (page.afterSeq !== undefined) where.seq = MoreThan(page.afterSeq);
      const [rows, total] = await manager.findAndCount(EventEntity, { where, order: { seq: 'ASC' }, take: page.limit, skip: page.offset });
      return { rows, total };
    });
  }

  /** Instances joined with their first event (seq 1, the creation), filtered on its `at` and the kind. */
  async instancesCreatedIn(filter: { kind?: string; from?: string; to?: string }, createType: string): Promise<InstanceWithCreation[]> {
    return this.database.read(async (manager) => {
      const builder = manager
        .createQueryBuilder(InstanceEntity, 'instance')
        .innerJoin(EventEntity, 'created', 'created.instanceId = instance.id AND created.seq = 1 AND created.type = :createType', {
          createType,
        })
        .select('instance.id', 'id')
        .addSelect('instance.kind', 'kind')
        .addSelect('instance.stage', 'stage')
        .addSelect('instance.state', 'state')
        .addSelect('instance.snapshot', 'snapshot')
        .addSelect('instance.parentId', 'parentId')
        .addSelect('created.at', 'createdAt')
        .orderBy('created.at', 'ASC')
        .addOrderBy('instance.id', 'ASC');
      // Instants are stored as ISO 8601 UTC strings of one width: they compare as text (docs/architecture.md).
      if (filter.kind !== undefined) builder.andWhere('instance.kind = :kind', { kind: filter.kind });
      if (filter.from !== undefined) builder.andWhere('created.at >= :from', { from: filter.from });
      if (filter.to !== undefined) builder.andWhere('created.at <= :to', { to: filter.to });
      return builder.getRawMany<InstanceWithCreation>();
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type FindOptionsWhere } from 'typeorm';
import { Database } from '../database';
import { EventEntity } from '../entities/event.entity';
import { InstanceEntity } from '../entities/instance.entity';
import { toHead, type InstanceHeadRow } from './instance.repository';
import { organisationCondition } from './organisation-filter';

export interface InstanceListFilter {
  kind?: string;
  stage?: string;
  state?: string;
  parentId?: string;
  status?: string;
  /** Folded (src/kinds/listing.ts searchKey) and not empty: a substring of the record's search label. */
  labelContains?: string;
  /** Folded and not empty: a substring of one of the record's party names. */
  partyContains?: string;
  /** UTC ISO 8601 instants: from inclusive, to exclusive. */
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** With a pending deadline due at or before `now` (true), or without one (false). */
  overdue?: { now: string; overdue: boolean };
  /** Only the records of these organisations (undefined: every organisation's). */
  organisations?: readonly string[];
  limit: number;
  offset: number;
}

/** A line of the list as stored: the row without its snapshot nor its search columns. */
export type InstanceListRow = Omit<InstanceEntity, 'snapshot' | 'searchLabel' | 'searchParties'>;

type ListRow = InstanceHeadRow & { label: string | null };

const LIST_COLUMNS =
  'id, kind, machine_version, state, stage, status, version, parent_id, organisation, head_hash, created_at, updated_at, label';

/** A LIKE pattern matching `text` anywhere, its wildcards (`%`, `_`) taken literally: a backslash escapes them. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
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

  /**
   * One page of the list, newest first, and how many rows match. Every filter is a column of the
   * instances table (the label and parties folded for search, src/kinds/listing.ts), but the overdue
   * one, which reads the deadlines' due index.
   */
  async list(filter: InstanceListFilter): Promise<{ rows: InstanceListRow[]; total: number }> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const where = (clause: string, value: unknown) => {
      clauses.push(clause);
      params.push(value);
    };
    // An empty kind, stage or state is no filter, as before these filters existed.
    if (filter.kind) where('kind = ?', filter.kind);
    if (filter.stage) where('stage = ?', filter.stage);
    if (filter.state) where('state = ?', filter.state);
    if (filter.parentId) where('parent_id = ?', filter.parentId);
    if (filter.status !== undefined) where('status = ?', filter.status);
    if (filter.labelContains) where("search_label LIKE ? ESCAPE '\\'", containing(filter.labelContains));
    if (filter.partyContains) where("search_parties LIKE ? ESCAPE '\\'", containing(filter.partyContains));
    // Instants are stored as ISO 8601 UTC strings of one width: they compare as text (docs/architecture.md).
    if (filter.createdFrom !== undefined) where('created_at >= ?', filter.createdFrom);
    if (filter.createdTo !== undefined) where('created_at < ?', filter.createdTo);
    if (filter.updatedFrom !== undefined) where('updated_at >= ?', filter.updatedFrom);
    if (filter.updatedTo !== undefined) where('updated_at < ?', filter.updatedTo);
    const walled = organisationCondition('organisation', filter.organisations);
    if (walled) {
      clauses.push(walled.clause);
      params.push(...walled.params);
    }
    if (filter.overdue) {
      where(`id ${filter.overdue.overdue ? 'IN' : 'NOT IN'} (SELECT instance_id FROM deadlines WHERE due_at <= ?)`, filter.overdue.now);
    }
    const condition = clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
    const order = 'ORDER BY created_at DESC, id DESC';
    let page = `SELECT ${LIST_COLUMNS} FROM instances${condition} ${order} LIMIT ? OFFSET ?`;
    let count = `SELECT COUNT(*) AS total FROM instances${condition}`;
    if (this.database.serialised) {
      // SQLite reads a row to test it, and a row's snapshot may span many pages. The list index
      // (migration 1765300000000) holds the columns most filters test: the page's rowids are found
      // there, and only the page's rows are read. The planner does not see that the index is far
      // narrower than the rows, so it is named when it holds every filtered column.
      const source = usesOnlyListIndex(filter) ? 'instances INDEXED BY ix_instances_list' : 'instances';
      page = `SELECT ${LIST_COLUMNS} FROM instances WHERE rowid IN (SELECT rowid FROM ${source}${condition} ${order} LIMIT ? OFFSET ?) ${order}`;
      count = `SELECT COUNT(*) AS total FROM ${source}${condition}`;
    }
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<ListRow>(page, [...params, filter.limit, filter.offset]);
      const counted = await session.one<{ total: number | string }>(count, params);
      return { rows: rows.map(toListRow), total: Number(counted?.total ?? 0) };
    });
  }

  /** Records counted by kind, stage, state and status (GROUP BY on the covering index ix_instances_kind_stage_state_status). */
  async countsByKindAndStage(organisations?: readonly string[]): Promise<StageCount[]> {
    const walled = organisationCondition('organisation', organisations);
    const sql = walled
      ? COUNTS_BY_KIND_AND_STAGE_SQL.replace(' GROUP BY', ` WHERE ${walled.clause} GROUP BY`)
      : COUNTS_BY_KIND_AND_STAGE_SQL;
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<Omit<StageCount, 'count'> & { count: number | string }>(sql, walled?.params ?? []);
      return rows.map((row) => ({ kind: row.kind, stage: row.stage, state: row.state, status: row.status, count: Number(row.count) }));
    });
  }

  /**
   * One page of a record's events in order (after `afterSeq`, if given), and how many there are in
   * all, read together; undefined when there is no such record.
   */
  async eventPage(
    id: string,
    page: EventPage,
  ): Promise<{ rows: EventEntity[]; total: number; leafIndices: Map<number, number> } | undefined> {
    return this.database.consistentRead(async (manager) => {
      if (!(await manager.existsBy(InstanceEntity, { id }))) return undefined;
      const where: FindOptionsWhere<EventEntity> = { instanceId: id };
      if (page.afterSeq !== undefined) where.seq = MoreThan(page.afterSeq);
      const [rows, total] = await manager.findAndCount(EventEntity, { where, order: { seq: 'ASC' }, take: page.limit, skip: page.offset });
      const leafIndices = new Map<number, number>();
      if (rows.length > 0) {
        const leaves: { idx: number | string; seq: number | string }[] = await manager
          .createQueryBuilder()
          .select(['event.leaf_index AS idx', 'event.seq AS seq'])
          .from('events', 'event')
          .where('event.instance_id = :id AND event.seq >= :first AND event.seq <= :last AND event.leaf_index IS NOT NULL', {
            id,
            first: rows[0].seq,
            last: rows[rows.length - 1].seq,
          })
          .getRawMany();
        for (const leaf of leaves) leafIndices.set(Number(leaf.seq), Number(leaf.idx));
      }
      return { rows, total, leafIndices };
    });
  }

  /** A record's organisation; undefined when there is no such record. */
  async organisationOf(id: string): Promise<string | undefined> {
    return this.database.sqlRead(
      async (session) =>
        (await session.one<{ organisation: string }>('SELECT organisation FROM instances WHERE id = ?', [id]))?.organisation,
    );
  }

  /**
   * A record and all its descendants (its children, theirs, and so on), by id; empty when there is no
   * such record. One recursive query, the same on SQLite and PostgreSQL.
   */
  async subtreeIds(rootId: string): Promise<string[]> {
    return this.database.sqlRead(async (session) => {
      const rows = await session.all<{ id: string }>(
        'WITH RECURSIVE tree(id) AS (SELECT id FROM instances WHERE id = ? ' +
          'UNION SELECT child.id FROM instances child JOIN tree ON child.parent_id = tree.id) SELECT id FROM tree',
        [rootId],
      );
      return rows.map((row) => row.id);
    });
  }

  /**
   * Instances joined with their first event (seq 1, the creation), filtered on its `at`, the kind and,
   * when given, a list of ids (a subtree).
   */
  async instancesCreatedIn(
    filter: { kind?: string; from?: string; to?: string; ids?: readonly string[]; organisations?: readonly string[] },
    createType: string,
  ): Promise<InstanceWithCreation[]> {
    if (filter.ids !== undefined && filter.ids.length === 0) return [];
    if (filter.organisations !== undefined && filter.organisations.length === 0) return [];
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
      if (filter.ids !== undefined) builder.andWhere('instance.id IN (:...ids)', { ids: [...filter.ids] });
      if (filter.organisations !== undefined) {
        builder.andWhere('instance.organisation IN (:...organisations)', { organisations: [...filter.organisations] });
      }
      return builder.getRawMany<InstanceWithCreation>();
    });
  }
}

/**
 * Whether SQLite's list index holds every column the filter tests, and at least one that no other
 * index serves better (a search text, the status or the state): then it is the one to scan.
 */
function usesOnlyListIndex(filter: InstanceListFilter): boolean {
  const elsewhere =
    filter.organisations !== undefined ||
    Boolean(filter.parentId) ||
    filter.updatedFrom !== undefined ||
    filter.updatedTo !== undefined ||
    filter.overdue !== undefined;
  const wide = Boolean(filter.labelContains) || Boolean(filter.partyContains) || filter.status !== undefined || Boolean(filter.state);
  return wide && !elsewhere;
}

function toListRow(row: ListRow): InstanceListRow {
  return { ...toHead(row), label: row.label };
}

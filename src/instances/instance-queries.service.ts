import { Inject, Injectable } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import type { EventView, InstanceListItem, InstanceView } from '../engine/engine.types';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { restoreSnapshot, type PersistedSnapshot } from '../engine/snapshot.util';
import { searchKey } from '../kinds/listing';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { ReadModelRepository, type EventPage, type StageCount } from '../persistence/repositories/read-model.repository';
import { assertInstanceId } from './instance-id.util';
import { instanceListItem, instanceView } from './instance-view';
import type { ListInstancesQuery } from './instances.schemas';

export type InstanceListQuery = Static<typeof ListInstancesQuery>;

export interface InstanceList {
  items: InstanceListItem[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of a record's history, in order: the events after `afterSeq` (if given) are `total`. */
export interface History {
  items: EventView[];
  total: number;
  limit: number;
  offset: number;
}

/** The dashboard's counts (GET /api/instances/summary). */
export interface InstancesSummary {
  byKindAndStage: StageCount[];
  /** Records with a pending deadline due before `now`. */
  overdue: number;
  /** Deadlines marked as unable to fire. */
  failedDeadlines: number;
  /** The service clock's now the counts were made at (the simulated one, on the simulated clock). */
  now: string;
}

/** The query side: a record's view, the list, a record's history, the dashboard's counts. Reads only. */
@Injectable()
export class InstanceQueriesService {
  constructor(
    @Inject(ReadModelRepository) private readonly readModel: ReadModelRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(DeadlineRepository) private readonly deadlines: DeadlineRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The counts over the records of `organisations` (undefined: every organisation's). */
  async summary(organisations?: readonly string[]): Promise<InstancesSummary> {
    const now = this.clock.now().toISOString();
    const byKindAndStage = await this.readModel.countsByKindAndStage(organisations);
    const { overdueInstances, failed } = await this.deadlines.overdueAndFailed(now, organisations);
    return { byKindAndStage, overdue: overdueInstances, failedDeadlines: failed, now };
  }

  async get(id: string): Promise<InstanceView> {
    assertInstanceId(id);
    const found = await this.readModel.instanceWithChildren(id);
    if (!found) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    const definition = this.catalogue.pinned(found.row);
    const snapshot = restoreSnapshot(definition.machine, JSON.parse(found.row.snapshot) as PersistedSnapshot);
    return { ...instanceView(definition, found.row, snapshot), children: found.children };
  }

  /** A page of the list; `q` and `party` are compared folded (case, accents), `overdue` against the service clock. */
  async list(query: InstanceListQuery, organisations?: readonly string[]): Promise<InstanceList> {
    const { q, party, overdue, ...columns } = query;
    const { rows, total } = await this.readModel.list({
      ...columns,
      organisations,
      labelContains: q === undefined ? undefined : searchKey(q),
      partyContains: party === undefined ? undefined : searchKey(party),
      overdue: overdue === undefined ? undefined : { now: this.clock.now().toISOString(), overdue: overdue === 'true' },
    });
    return { items: rows.map(instanceListItem), total, limit: query.limit, offset: query.offset };
  }

  async history(id: string, page: EventPage): Promise<History> {
    assertInstanceId(id);
    const found = await this.readModel.eventPage(id, page);
    if (!found) throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    const items = found.rows.map((event) => ({
      seq: event.seq,
      type: event.type,
      payload: JSON.parse(event.payload) as unknown,
      actor: event.actor,
      at: event.at,
      recordedAt: event.recordedAt,
      hash: event.hash,
      leafIndex: found.leafIndices.get(Number(event.seq)) ?? null,
    }));
    return { items, total: found.total, limit: page.limit, offset: page.offset };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { DeadlineRepository, type AgendaFilter } from '../persistence/repositories/deadline.repository';

export interface AgendaItem {
  instanceId: string;
  kind: string;
  event: string;
  payload: unknown;
  dueAt: string;
  label: string;
  overdue: boolean;
  /** Why the deadline cannot fire (refused by its machine, or not matching its instance); null if it can. */
  failure: string | null;
  /** A duty: someone must send the event (the scheduler never does); overdue until they have. */
  duty: boolean;
}

/** One page of the agenda, in the shape every list shares, and the clock's now (what `overdue` is against). */
export interface Agenda {
  now: string;
  items: AgendaItem[];
  total: number;
  limit: number;
  offset: number;
}

/** The agenda: what falls due across instances, soonest first, with what is overdue or cannot fire. */
@Injectable()
export class AgendaService {
  constructor(
    @Inject(DeadlineRepository) private readonly deadlines: DeadlineRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async agenda(filter: AgendaFilter): Promise<Agenda> {
    const now = this.clock.now().toISOString();
    const { rows, total } = await this.deadlines.agenda(filter);
    return {
      now,
      items: rows.map((row) => ({
        instanceId: row.instanceId,
        kind: row.kind,
        event: row.event,
        payload: JSON.parse(row.payload) as unknown,
        dueAt: row.dueAt,
        label: row.label,
        overdue: row.dueAt <= now,
        failure: row.failure,
        duty: row.duty === 1,
      })),
      total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }
}

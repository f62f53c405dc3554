import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Clock } from '../clock/clock';
import { Actor, CurrentPrincipal } from '../common/actor.decorator';
import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { Contract, ValidQuery } from '../contract/contract';
import { AgendaService, type Agenda } from './agenda.service';
import { DeadlineScheduler, type FiredDeadline } from './deadline-scheduler.service';
import { AgendaQuery, AgendaSchema, FireDueSchema } from './scheduler.schemas';

@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(AgendaService) private readonly agendaService: AgendaService,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  @Contract({
    summary:
      'The agenda: pending deadlines across instances, soonest first (of the caller’s organisations’ records, for administrators and auditors)',
    query: AgendaQuery,
    responses: [{ status: 200, description: 'The agenda', schema: AgendaSchema }],
  })
  agenda(@ValidQuery() query: Static<typeof AgendaQuery>, @CurrentPrincipal() principal: Principal): Promise<Agenda> {
    return this.agendaService.agenda({ ...query, organisations: readableOrganisations(principal) });
  }

  @Post('fire-due')
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @Contract({
    summary: 'Fire every deadline due now (for an outside scheduler such as a cron job); idempotent',
    responses: [{ status: 200, description: 'What fired', schema: FireDueSchema }],
  })
  async fireDue(@Actor() actor: string): Promise<{ now: string; fired: FiredDeadline[] }> {
    const fired = await this.scheduler.fireDue(this.clock.now(), undefined, actor);
    return { now: this.clock.now().toISOString(), fired };
  }
}

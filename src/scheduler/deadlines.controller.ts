import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Clock } from '../clock/clock';
import { Actor } from '../common/actor.decorator';
import { AgendaService, type Agenda } from './agenda.service';
import { DeadlineScheduler, type FiredDeadline } from './deadline-scheduler.service';
import { AgendaQuery } from './dtos/agenda.query';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(AgendaService) private readonly agendaService: AgendaService,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The agenda: pending deadlines across instances, soonest first' })
  agenda(@Query() query: AgendaQuery): Promise<Agenda> {
    return this.agendaService.agenda(query);
  }

  @Post('fire-due')
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @ApiOperation({ summary: 'Fire every deadline due now (for an outside scheduler such as a cron job); idempotent' })
  async fireDue(@Actor() actor: string): Promise<{ now: string; fired: FiredDeadline[] }> {
    const fired = await this.scheduler.fireDue(this.clock.now(), undefined, actor);
    return { now: this.clock.now().toISOString(), fired };
  }
}

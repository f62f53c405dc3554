import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { Between, LessThanOrEqual, MoreThanOrEqual, type FindOptionsWhere } from 'typeorm';
import { Clock } from '../clock/clock';
import { Database } from '../persistence/database';
import { DeadlineEntity } from '../persistence/entities/deadline.entity';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { AgendaQuery } from './dtos/agenda.query';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The agenda: pending deadlines across instances, soonest first' })
  async agenda(@Query() query: AgendaQuery) {
    const where: FindOptionsWhere<DeadlineEntity> = {};
    if (query.kind) where.kind = query.kind;
    if (query.from && query.to) where.dueAt = Between(query.from, query.to);
    else if (query.from) where.dueAt = MoreThanOrEqual(query.from);
    else if (query.to) where.dueAt = LessThanOrEqual(query.to);
    const now = this.clock.now().toISOString();
    const rows = await this.database.read((manager) =>
      manager.find(DeadlineEntity, { where, order: { dueAt: 'ASC', id: 'ASC' }, take: query.limit }),
    );
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
      })),
    };
  }

  @Post('fire-due')
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @ApiOperation({ summary: 'Fire every deadline due now (for an outside scheduler such as a cron job); idempotent' })
  async fireDue(@Actor() actor: string) {
    const fired = await this.scheduler.fireDue(this.clock.now(), undefined, actor);
    return { now: this.clock.now().toISOString(), fired };
  }
}

import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { Clock, SimulatedClock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { DeadlineScheduler, type FiredDeadline } from './deadline-scheduler.service';
import { resolveClockTarget } from './clock-target.util';
import { AdvanceClockDto } from './dtos/advance-clock.dto';

@ApiTags('clock')
@ApiBearerAuth()
@Controller('clock')
export class ClockController {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The simulated clock (404 on the real clock)' })
  read() {
    return { now: this.simulated().now().toISOString(), mode: 'simulated' };
  }

  @Post()
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the simulated clock forward and fire, in due order, everything that falls due on the way' })
  async advance(@Actor() actor: string, @Body() body: AdvanceClockDto) {
    const clock = this.simulated();
    const from = clock.now().toISOString();
    // Validated in full before the first deadline fires: a refused move moves nothing.
    const target = resolveClockTarget(from, body);
    const fired: FiredDeadline[] = [];
    // Step from one due instant to the next, so each event is applied with the clock at its due time.
    for (;;) {
      const next = await this.scheduler.nextDueAt();
      if (!next || next > target) break;
      if (next > clock.now().toISOString()) clock.set(new Date(next));
      const batch = await this.scheduler.fireDue(clock.now(), undefined, actor);
      fired.push(...batch);
      if (batch.length === 0) break;
    }
    clock.set(new Date(target));
    fired.push(...(await this.scheduler.fireDue(clock.now(), undefined, actor)));
    return { from, now: clock.now().toISOString(), fired };
  }

  private simulated(): SimulatedClock {
    if (!(this.clock instanceof SimulatedClock)) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'The service runs on the real clock; start it with CLOCK=simulated to move time.');
    }
    return this.clock;
  }
}

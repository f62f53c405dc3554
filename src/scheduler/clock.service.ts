import { Inject, Injectable } from '@nestjs/common';
import { Clock, SimulatedClock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { resolveClockTarget } from './clock-target.util';
import { DeadlineScheduler, type FiredDeadline } from './deadline-scheduler.service';

export interface ClockAdvance {
  from: string;
  now: string;
  fired: FiredDeadline[];
}

/**
 * The simulated clock (DESIGN rule 7): read it, and move it forward firing, in due order and with the
 * clock at each due instant, everything that falls due on the way. The time is kept in the database
 * (ClockRepository): stored before POST /api/clock answers, read again before each read and move.
 */
@Injectable()
export class ClockService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
  ) {}

  /** The time, after adopting what another node stored if it is later. */
  async now(): Promise<{ now: string; mode: 'simulated' }> {
    const clock = this.simulated();
    await clock.refresh();
    return { now: clock.now().toISOString(), mode: 'simulated' };
  }

  async advance(actor: string, request: { advanceTo?: string; advanceBy?: string }): Promise<ClockAdvance> {
    const clock = this.simulated();
    // From the latest time any node stored: a move never starts behind another node's.
    await clock.refresh();
    const from = clock.now().toISOString();
    // Validated in full before the first deadline fires: a refused move moves nothing.
    const target = resolveClockTarget(from, request);
    const fired: FiredDeadline[] = [];
    // Step from one due instant to the next, so each event is applied with the clock at its due time.
    // Each step's time is stored before what is due at it fires: after a crash mid-way, the clock
    // resumes at least there and the catch-up at start-up fires the rest.
    for (;;) {
      const next = await this.scheduler.nextDueAt();
      if (!next || next > target) break;
      if (next > clock.now().toISOString()) await clock.advanceTo(new Date(next));
      const batch = await this.scheduler.fireDue(clock.now(), undefined, actor);
      fired.push(...batch);
      if (batch.length === 0) break;
    }
    await clock.advanceTo(new Date(target));
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

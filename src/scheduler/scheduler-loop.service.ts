import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, SimulatedClock } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlineScheduler } from './deadline-scheduler.service';

/**
 * The scheduler inside the service. At start-up it catches up: every overdue deadline fires, in due
 * order, stamped with its due instant. Then, on the real clock, it wakes at the next due instant (or
 * every poll interval, whichever is sooner). On the simulated clock, time moves only through the
 * clock API, which fires what falls due itself; the loop only follows, every poll interval, a time
 * another node stored.
 */
@Injectable()
export class SchedulerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private following: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DeadlineScheduler) private readonly scheduler: DeadlineScheduler,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scheduler.enabled) return;
    const caughtUp = await this.runOnce();
    if (caughtUp > 0) this.logger.log(`Caught up ${caughtUp} overdue deadline(s) at start-up`);
    if (this.clock instanceof SimulatedClock) this.follow(this.clock);
    else this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.following;
    await this.running;
  }

  /**
   * Simulated clock: every poll interval, read the stored time; when another node moved it on (and,
   * say, stopped before firing everything on the way), fire here what is now due.
   */
  private follow(clock: SimulatedClock): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const before = clock.now().getTime();
      this.following = clock
        .refresh()
        .then(() => (clock.now().getTime() > before && !this.stopped ? this.runOnce() : 0))
        .catch((error: unknown) => this.logger.error(`Following the simulated clock failed: ${(error as Error).message}`))
        .finally(() => {
          this.following = undefined;
          this.follow(clock);
        });
    }, this.config.scheduler.pollIntervalMs);
    this.timer.unref?.();
  }

  /** Fires what is due now; runs never overlap. */
  async runOnce(): Promise<number> {
    if (this.running) await this.running;
    const run = this.scheduler.fireDue(this.clock.now(), this.config.scheduler.batchSize);
    this.running = run.catch(() => undefined);
    try {
      return (await run).length;
    } finally {
      this.running = undefined;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`Firing deadlines failed: ${(error as Error).message}`);
    }
    let delay = this.config.scheduler.pollIntervalMs;
    try {
      const next = await this.scheduler.nextDueAt();
      if (next) delay = Math.max(0, Math.min(delay, Date.parse(next) - this.clock.now().getTime()));
    } catch {
      // keep the poll interval
    }
    this.schedule(delay);
  }
}

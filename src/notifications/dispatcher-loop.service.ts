import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { OutboxSignal } from './outbox-signal';

/**
 * The dispatcher inside the service (WEBHOOK_DISPATCHER): a pass at start-up (what a crash or a stop
 * left), then one whenever a command of this process commits outbox rows, when the next retry falls
 * due, and at least every WEBHOOK_POLL_MS (other nodes' messages). Passes never overlap; it stops
 * before the database closes.
 */
@Injectable()
export class DispatcherLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private unlisten: (() => void) | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NotificationDispatcher) private readonly dispatcher: NotificationDispatcher,
    @Inject(OutboxSignal) private readonly signal: OutboxSignal,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.dispatcher) return;
    this.unlisten = this.signal.listen(() => this.wake());
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    if (this.timer) clearTimeout(this.timer);
    this.dispatcher.stop();
    await this.running;
  }

  /** A pass soon: at once if idle, right after the current one otherwise. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        // A wake-up that came after the last pass's start, while the next one was being planned.
        if (this.again) this.schedule(0);
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.dispatcher.runOnce();
      } catch (error) {
        this.logger.error(`Dispatching notifications failed: ${(error as Error).message}`);
      }
    } while (this.again && !this.stopped);
    let delay = this.config.webhooks.pollIntervalMs;
    try {
      const next = await this.dispatcher.nextAttemptAt();
      if (next) delay = Math.max(0, Math.min(delay, Date.parse(next) - Date.now()));
    } catch {
      // keep the poll interval
    }
    this.schedule(delay);
  }
}

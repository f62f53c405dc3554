import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Database } from '../persistence/database';
import { DeadlineRepository } from '../persistence/repositories/deadline.repository';
import { WebhookRepository } from '../persistence/repositories/webhook.repository';

type Bound = { inc(): void };

/** Label sets bound once per kind and event (and code and rule): the write path only increments. */
class BoundCounters {
  private readonly bound = new Map<string, Map<string, Bound>>();

  constructor(private readonly bind: (kind: string, event: string) => Bound) {}

  inc(kind: string, event: string): void {
    let byEvent = this.bound.get(kind);
    if (!byEvent) this.bound.set(kind, (byEvent = new Map<string, Bound>()));
    let counter = byEvent.get(event);
    if (!counter) byEvent.set(event, (counter = this.bind(kind, event)));
    counter.inc();
  }
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/**
 * The service's Prometheus metrics, in a registry of its own (several applications can live in one
 * process, as in the tests): commands applied and refused, HTTP latency, deadline lateness, deadlines
 * pending and failed (read from the database at scrape time), notification attempts by outcome and
 * notifications pending, SQLite group-commit sizes, WAL checkpoint durations, and prom-client's
 * default process metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly applied: BoundCounters;
  private readonly refused: BoundCounters;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  private readonly httpBound = new Map<string, { observe(value: number): void }>();
  private readonly lateness: Histogram;
  private readonly attempts: Counter<'outcome'>;

  constructor(
    @Inject(Database) database: Database,
    @Inject(DeadlineRepository) deadlines: DeadlineRepository,
    @Optional() @Inject(WebhookRepository) webhooks?: WebhookRepository,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const applied = new Counter({
      name: 'engine_commands_applied_total',
      help: 'Commands applied (events recorded, records created), by kind and event type',
      labelNames: ['kind', 'event'] as const,
      registers,
    });
    this.applied = new BoundCounters((kind, event) => applied.labels(kind, event));
    const refused = new Counter({
      name: 'engine_commands_refused_total',
      help: 'Commands refused, by kind, event type, problem code and the rule that refused (empty when none)',
      labelNames: ['kind', 'event', 'code', 'rule'] as const,
      registers,
    });
    // The code and rule join the event in the cache key: a refusal is rarer than an application.
    this.refused = new BoundCounters((kind, key) => {
      const [event, code, rule] = key.split('\n');
      return refused.labels(kind, event, code, rule);
    });
    this.httpDuration = new Histogram({
      name: 'engine_http_request_duration_seconds',
      help: 'HTTP request duration, by method, route pattern and status class',
      labelNames: ['method', 'route', 'status_class'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.lateness = new Histogram({
      name: 'engine_deadline_lateness_seconds',
      help: 'How late deadlines fired: the time they fired minus their due time',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
      registers,
    });
    new Gauge({
      name: 'engine_deadlines',
      help: 'Stored deadlines: pending (may still fire) and failed (cannot fire; see the agenda)',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const counts = await deadlines.counts();
        this.set({ status: 'pending' }, counts.pending);
        this.set({ status: 'failed' }, counts.failed);
      },
    });
    this.attempts = new Counter({
      name: 'engine_notification_attempts_total',
      help: 'Webhook delivery attempts, by outcome: delivered (2xx), retried (to be tried again), dead (given up)',
      labelNames: ['outcome'] as const,
      registers,
    });
    if (webhooks) {
      new Gauge({
        name: 'engine_notifications_pending',
        help: 'Notifications waiting for an attempt (first or again)',
        registers,
        async collect() {
          this.set(await webhooks.pendingCount());
        },
      });
    }
    const groupCommits = new Histogram({
      name: 'engine_sqlite_group_commit_commands',
      help: 'Commands per SQLite transaction (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
    database.observeGroupCommits((commands) => groupCommits.observe(commands));
    const checkpoints = new Histogram({
      name: 'engine_sqlite_wal_checkpoint_duration_seconds',
      help: 'Duration of the background WAL checkpoints (copy and sync)',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    database.observeCheckpoints((durationMs) => checkpoints.observe(durationMs / 1000));
  }

  commandApplied(kind: string, event: string): void {
    this.applied.inc(kind, event);
  }

  commandRefused(kind: string, event: string, code: string, rule: string | undefined): void {
    this.refused.inc(kind, `${event}\n${code}\n${rule ?? ''}`);
  }

  requestFinished(method: string, route: string, status: number, durationMs: number): void {
    const key = `${method} ${route} ${status}`;
    let bound = this.httpBound.get(key);
    if (!bound) this.httpBound.set(key, (bound = this.httpDuration.labels(method, route, statusClass(status))));
    bound.observe(durationMs / 1000);
  }

  deadlineFired(latenessMs: number): void {
    this.lateness.observe(Math.max(0, latenessMs) / 1000);
  }

  notificationAttempted(outcome: 'delivered' | 'retried' | 'dead'): void {
    this.attempts.inc({ outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

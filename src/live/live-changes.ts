import { Inject, Injectable, Optional, type BeforeApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';

/** One committed command as the live stream tells it: which record, what happened, where it now stands. */
export interface CommittedChange {
  instanceId: string;
  kind: string;
  /** The record's version after the command (1 for a creation). */
  version: number;
  /** The event's type, or CREATED for a new record. */
  type: string;
  state: string;
  stage: string;
  status: string;
  /** The business instant of the event (UTC ISO 8601). */
  at: string;
  /** When the event was written (real time, UTC ISO 8601). */
  recordedAt: string;
  actor: string;
  parentId: string | null;
  /** The record's organisation: the stream sends a change only to those who may read the record. */
  organisation: string;
}

/** The type a creation is streamed with (the history stores it as its first event, CREATE). */
export const CREATED_CHANGE = 'CREATED';

/** What a subscriber wants: every change, or those of one kind, or of one record. */
export interface ChangeFilter {
  kind?: string;
  instanceId?: string;
  /** Only the changes of records of these organisations (undefined: every organisation's). */
  organisations?: readonly string[];
}

/** Where a subscriber's messages go (an open HTTP response). */
export interface ChangeSink {
  /** Writes SSE text; false when the client is too far behind to keep (the sink is then closed). */
  write(text: string): boolean;
  /** Ends the stream (shutdown, or a client that does not read). */
  close(): void;
}

interface Subscriber {
  filter: ChangeFilter;
  sink: ChangeSink;
}

/** The comment line sent between changes, so that proxies and clients see a live connection. */
export const HEARTBEAT = ': keep-alive\n\n';

/**
 * The in-process publisher of committed changes (GET /api/stream). The command side calls `publish`
 * once a command's transaction has committed, never before, so a rolled-back command is never told.
 * Messages are numbered in publication order on this node (the SSE `id`).
 *
 * Single node for now: `publish` is the one entry point, so a PostgreSQL LISTEN/NOTIFY listener
 * relaying other nodes' commits can later feed it the same way as the local command side.
 */
@Injectable()
export class LiveChanges implements BeforeApplicationShutdown {
  private readonly subscribers = new Set<Subscriber>();
  private lastId = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly heartbeatMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Optional() @Inject(Metrics) metrics?: Metrics) {
    this.heartbeatMs = config.stream.heartbeatMs;
    if (metrics) {
      const subscribers = this.subscribers;
      new Gauge({
        name: 'engine_live_streams',
        help: 'Live streams (GET /api/stream) open on this node',
        registers: [metrics.registry],
        collect() {
          this.set(subscribers.size);
        },
      });
    }
  }

  /** Open streams on this node. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** The id of the last message published (0 before the first). */
  get lastEventId(): number {
    return this.lastId;
  }

  /** Tells every matching subscriber about a committed change. */
  publish(change: CommittedChange): void {
    const id = ++this.lastId;
    // The usual case is nobody listening: nothing is serialised then.
    if (this.subscribers.size === 0) return;
    let message: string | undefined;
    for (const subscriber of this.subscribers) {
      const { kind, instanceId, organisations } = subscriber.filter;
      if ((kind !== undefined && kind !== change.kind) || (instanceId !== undefined && instanceId !== change.instanceId)) continue;
      if (organisations !== undefined && !organisations.includes(change.organisation)) continue;
      message ??= `id: ${id}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;
      this.deliver(subscriber, message);
    }
  }

  /** Adds a subscriber; the returned function removes it (idempotent). */
  subscribe(filter: ChangeFilter, sink: ChangeSink): () => void {
    const subscriber: Subscriber = { filter, sink };
    this.subscribers.add(subscriber);
    this.startHeartbeat();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stopHeartbeat();
    };
  }

  /** Ends every open stream before the HTTP server closes: it would otherwise wait for them for ever. */
  beforeApplicationShutdown(): void {
    for (const subscriber of [...this.subscribers]) {
      this.subscribers.delete(subscriber);
      subscriber.sink.close();
    }
    this.stopHeartbeat();
  }

  private deliver(subscriber: Subscriber, text: string): void {
    if (subscriber.sink.write(text)) return;
    // A client that does not read would make its buffer grow without bound: it is let go, and reconnects.
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stopHeartbeat();
    subscriber.sink.close();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const subscriber of [...this.subscribers]) this.deliver(subscriber, HEARTBEAT);
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseConfig } from '../config/app-config';
import { Database } from './database';
import { ClockRepository } from './repositories/clock.repository';
import { DeadlineRepository } from './repositories/deadline.repository';
import { HistoryRepository } from './repositories/history.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { InstanceRepository } from './repositories/instance.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { ReadModelRepository } from './repositories/read-model.repository';
import { ReminderRepository } from './repositories/reminder.repository';
import { TransparencyRepository } from './repositories/transparency.repository';
import { WebhookRepository } from './repositories/webhook.repository';

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

const REPOSITORIES = [
  InstanceRepository,
  DeadlineRepository,
  ReadModelRepository,
  HistoryRepository,
  IdempotencyRepository,
  ClockRepository,
  OutboxRepository,
  WebhookRepository,
  ReminderRepository,
  TransparencyRepository,
];

/** The database (migrated at start-up) and the repositories, the only code that writes SQL. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: Database, useFactory: () => Database.open(config) }, ...REPOSITORIES, DatabaseCloser],
      exports: [Database, ...REPOSITORIES],
    };
  }
}

import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { AUTHENTICATOR } from './auth/principal';
import { StaticTokenAuthenticator } from './auth/static-token.authenticator';
import { Clock, RealClock, SimulatedClock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EngineService } from './engine/engine.service';
import { MachineCatalogue } from './engine/machine-catalogue';
import { HealthController } from './health/health.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { InstancesController } from './instances/instances.controller';
import { buildCatalogue } from './kinds/kind-catalogue';
import { MachinesController } from './machines-api/machines.controller';
import { Database } from './persistence/database';
import { ClockController } from './scheduler/clock.controller';
import { DeadlineScheduler } from './scheduler/deadline-scheduler.service';
import { DeadlinesController } from './scheduler/deadlines.controller';
import { SchedulerLoop } from './scheduler/scheduler-loop.service';

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [
        InstancesController,
        MachinesController,
        HealthController,
        DeadlinesController,
        ClockController,
        AuditController,
        IndicatorsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: AUTHENTICATOR,
          useFactory: () =>
            StaticTokenAuthenticator.fromConfig(config.apiTokens, config.dataDir, (message) => new Logger('Auth').log(message)),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: Clock,
          useFactory: () => (config.clock.mode === 'simulated' ? new SimulatedClock(config.clock.start ?? new Date()) : new RealClock()),
        },
        { provide: Database, useFactory: () => Database.open(config.database) },
        { provide: MachineCatalogue, useFactory: buildCatalogue },
        EngineService,
        AuditService,
        IndicatorsService,
        DeadlineScheduler,
        SchedulerLoop,
        DatabaseCloser,
      ],
    };
  }
}

import { TransparencyModule } from './transparency/transparency.module';
import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthConfigController } from './auth/auth-config.controller';
import { BearerAuthenticator } from './auth/bearer.authenticator';
import { MeController } from './auth/me.controller';
import { OidcAuthenticator } from './auth/oidc.authenticator';
import { AUTHENTICATOR } from './auth/principal';
import { StaticTokenAuthenticator } from './auth/static-token.authenticator';
import { Clock, RealClock, SimulatedClock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ContractModule } from './contract/contract.module';
import { MachineCatalogue } from './engine/machine-catalogue';
import { HealthModule } from './health/health.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { InstancesModule } from './instances/instances.module';
import { buildCatalogue } from './kinds/kind-catalogue';
import { LiveModule } from './live/live.module';
import { MachinesModule } from './machines-api/machines.module';
import { NotificationsModule } from './notifications/notifications.module';
import { createRootLogger, loggerModuleParams } from './observability/logging';
import { ObservabilityModule } from './observability/observability.module';
import { OpenDataModule } from './open-data/open-data.module';
import { PersistenceModule } from './persistence/persistence.module';
import { ClockRepository } from './persistence/repositories/clock.repository';
import { SchedulerModule } from './scheduler/scheduler.module';

/** What every feature module may use: the configuration, the clock, the machines, and who is calling. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: Clock,
          // The simulated clock resumes from the time stored in the database (see SimulatedClock.resume).
          inject: [ClockRepository],
          useFactory: async (store: ClockRepository): Promise<Clock> =>
            config.clock.mode === 'simulated' ? SimulatedClock.resume(store, config.clock.start) : new RealClock(),
        },
        { provide: MachineCatalogue, useFactory: buildCatalogue },
        {
          provide: AUTHENTICATOR,
          useFactory: () => {
            const logger = new Logger('Auth');
            const tokens = StaticTokenAuthenticator.fromConfig(
              config.apiTokens,
              config.dataDir,
              (message) => logger.log(message),
              // The generated tokens, once, outside the JSON logs.
              (text) => process.stderr.write(text),
              { warn: (message) => logger.error(message), defaultOrganisation: config.defaultOrganisation },
            );
            return new BearerAuthenticator(tokens, config.oidc ? new OidcAuthenticator(config.oidc, logger) : undefined);
          },
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      controllers: [MeController, AuthConfigController],
      exports: [APP_CONFIG, Clock, MachineCatalogue, AUTHENTICATOR],
    };
  }
}

/** The service: one module per feature (controller → service → repository), wired here. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: PinoLogger = createRootLogger(config.log.level)): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot(loggerModuleParams(logger)),
        PersistenceModule.forRoot(config.database),
        ObservabilityModule.forRoot(config),
        InstancesModule,
        LiveModule,
        SchedulerModule.forRoot(config),
        AuditModule,
        IndicatorsModule,
        OpenDataModule,
        MachinesModule,
        NotificationsModule,
        HealthModule,
        TransparencyModule,
        ContractModule,
      ],
    };
  }
}

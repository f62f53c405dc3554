import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';

/** Metrics for every module (the command side, the scheduler, the HTTP hooks), and where they are served. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ObservabilityModule,
      // With a metrics port of their own, the API has no metrics route.
      controllers: config.metrics.port === undefined ? [MetricsController] : [],
      providers: [Metrics, MetricsServer],
      exports: [Metrics],
    };
  }
}

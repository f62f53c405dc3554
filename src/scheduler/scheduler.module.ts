import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InstancesModule } from '../instances/instances.module';
import { AgendaService } from './agenda.service';
import { ClockRefreshInterceptor } from './clock-refresh.interceptor';
import { ClockController } from './clock.controller';
import { ClockService } from './clock.service';
import { DeadlineScheduler } from './deadline-scheduler.service';
import { DeadlinesController } from './deadlines.controller';
import { SchedulerLoop } from './scheduler-loop.service';

/** Deadlines: the agenda, firing what is due (in-process loop or from outside), the simulated clock. */
@Module({
  imports: [InstancesModule],
  controllers: [DeadlinesController, ClockController],
  providers: [DeadlineScheduler, SchedulerLoop, ClockService, AgendaService],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {
  /**
   * The clock's refresh runs on the simulated clock only: an interceptor, even one that does
   * nothing, costs every request an rxjs pipeline and an async resource.
   */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SchedulerModule,
      providers: config.clock.mode === 'simulated' ? [{ provide: APP_INTERCEPTOR, useClass: ClockRefreshInterceptor }] : [],
    };
  }
}

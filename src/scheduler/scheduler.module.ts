import { Module } from '@nestjs/common';
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
  providers: [
    DeadlineScheduler,
    SchedulerLoop,
    ClockService,
    AgendaService,
    { provide: APP_INTERCEPTOR, useClass: ClockRefreshInterceptor },
  ],
  exports: [DeadlineScheduler],
})
export class SchedulerModule {}

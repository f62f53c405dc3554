import { Module } from '@nestjs/common';
import { InstancesModule } from '../instances/instances.module';
import { AgendaService } from './agenda.service';
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
export class SchedulerModule {}

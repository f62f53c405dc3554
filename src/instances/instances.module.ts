import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { IdempotencyService } from './idempotency.service';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService } from './instance-queries.service';
import { InstancesController } from './instances.controller';

/** Records: create them, send them events (command side), read them (query side). */
@Module({
  imports: [LiveModule],
  controllers: [InstancesController],
  providers: [InstanceCommandsService, InstanceQueriesService, IdempotencyService],
  exports: [InstanceCommandsService, InstanceQueriesService],
})
export class InstancesModule {}

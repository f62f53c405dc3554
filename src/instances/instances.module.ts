import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LiveModule } from '../live/live.module';
import { IdempotencyService } from './idempotency.service';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService } from './instance-queries.service';
import { InstancesController } from './instances.controller';
import { OrganisationWallInterceptor } from './organisation-wall.interceptor';

/** Records: create them, send them events (command side), read them (query side). */
@Module({
  imports: [LiveModule],
  controllers: [InstancesController],
  providers: [
    InstanceCommandsService,
    InstanceQueriesService,
    IdempotencyService,
    { provide: APP_INTERCEPTOR, useClass: OrganisationWallInterceptor },
  ],
  exports: [InstanceCommandsService, InstanceQueriesService],
})
export class InstancesModule {}

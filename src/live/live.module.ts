import { Module } from '@nestjs/common';
import { LiveChanges } from './live-changes';
import { LiveController } from './live.controller';

/** Live updates: the publisher of committed changes (fed by the command side) and GET /api/stream. */
@Module({
  controllers: [LiveController],
  providers: [LiveChanges],
  exports: [LiveChanges],
})
export class LiveModule {}

import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ServiceLifecycle } from './service-lifecycle';

/** Liveness and readiness, database included; readiness turns 503 once the service is stopping. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ServiceLifecycle],
  exports: [ServiceLifecycle],
})
export class HealthModule {}

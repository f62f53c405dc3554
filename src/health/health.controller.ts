import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { named } from '../contract/components';
import { Contract, type ResponseContract } from '../contract/contract';
import { Database } from '../persistence/database';
import { ServiceLifecycle } from './service-lifecycle';

const Indicators = Type.Record(Type.String(), Type.Object({ status: Type.String() }, { additionalProperties: true }));

/** @nestjs/terminus's report. */
export const HealthSchema = named(
  'Health',
  Type.Object({
    status: Type.Unsafe<'ok' | 'error' | 'shutting_down'>({ type: 'string', enum: ['ok', 'error', 'shutting_down'] }),
    info: Type.Optional(Indicators),
    error: Type.Optional(Indicators),
    details: Indicators,
  }),
);

const READINESS: ResponseContract[] = [
  { status: 200, description: 'Ready', schema: HealthSchema },
  { status: 503, description: 'Not ready: the database does not answer, or the service is stopping', schema: HealthSchema },
];

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(Database) private readonly database: Database,
    @Inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Get()
  @HealthCheck()
  @Contract({
    summary: 'Readiness (as /api/health/ready): the service answers, its database too, and it is not stopping',
    responses: READINESS,
  })
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(reply);
  }

  @Get('ready')
  @HealthCheck()
  @Contract({ summary: 'Readiness: 200 when the database answers and the service is not stopping, else 503', responses: READINESS })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(reply);
  }

  @Get('live')
  @Contract({
    summary: 'Liveness: the process answers (no database call)',
    responses: [
      { status: 200, description: 'Alive', schema: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }) },
    ],
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The readiness body is Terminus's; a 503 is answered here with that body (not as a problem, and
   * not logged as an error: a load balancer polls it while the service stops).
   */
  private async readiness(reply: FastifyReply): Promise<HealthCheckResult> {
    if (this.lifecycle.stopping) {
      const down = { lifecycle: { status: 'down' as const, message: `stopping since ${this.lifecycle.since}` } };
      void reply.status(503);
      return { status: 'error', info: {}, error: down, details: down };
    }
    try {
      return await this.health.check([
        async () => {
          const indicator = this.indicators.check('database');
          try {
            await this.database.ping();
            return indicator.up({ type: this.database.type });
          } catch (error) {
            return indicator.down({ type: this.database.type, message: (error as Error).message });
          }
        },
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}

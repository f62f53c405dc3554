import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { Database } from '../persistence/database';
import { ServiceLifecycle } from './service-lifecycle';

@ApiTags('health')
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
  @ApiOperation({ summary: 'Readiness (as /api/health/ready): the service answers, its database too, and it is not stopping' })
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(reply);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when the database answers and the service is not stopping, else 503' })
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.readiness(reply);
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no database call)' })
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

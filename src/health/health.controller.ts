import { Controller, Get, Inject } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { named } from '../contract/components';
import { Contract } from '../contract/contract';
import { Database } from '../persistence/database';

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

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(Database) private readonly database: Database,
  ) {}

  @Get()
  @HealthCheck()
  @Contract({
    summary: 'Readiness: the service answers and its database too',
    responses: [
      { status: 200, description: 'Ready', schema: HealthSchema },
      { status: 503, description: 'Not ready: the database does not answer', schema: HealthSchema },
    ],
  })
  check() {
    return this.health.check([
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
  }
}

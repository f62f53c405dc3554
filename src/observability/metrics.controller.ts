import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { Role, Roles } from '../auth/roles.decorator';
import { Contract } from '../contract/contract';
import { Metrics } from './metrics';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get()
  @Roles(Role.Auditor, Role.GlobalAuditor, Role.Scheduler)
  @Header('cache-control', 'no-store')
  @Contract({
    summary: 'Prometheus metrics (text exposition format); absent when METRICS_PORT serves them on a port of their own',
    responses: [
      {
        status: 200,
        description: 'The metrics',
        alternatives: { 'text/plain': Type.String({ description: 'Prometheus text format 0.0.4' }) },
      },
    ],
  })
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.metrics.text();
    void reply.header('content-type', this.metrics.contentType);
    return text;
  }
}

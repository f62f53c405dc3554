import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { READERS, Roles } from '../auth/roles.decorator';
import { IndicatorsQuery } from './dtos/indicators.query';
import { IndicatorsService, type IndicatorsView } from './indicators.service';
import { indicatorsToCsv, prefersCsv } from './indicators.util';

/** Programme indicators (docs/indicators.md): JSON by default, CSV with `Accept: text/csv`. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @Get()
  @Roles(...READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Programme indicators: instances by kind, stage and theme; actions set up; projects supported; participants by sex, age band, neighbourhood and outcome; overdue convention duties',
    description:
      'Counts instances whose CREATE event `at` lies in [from, to] (both optional, inclusive). Send `Accept: text/csv` for one row per (indicator, breakdown, category, sex).',
  })
  async read(
    @Query() query: IndicatorsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IndicatorsView | string> {
    const indicators = await this.indicators.compute(query);
    void reply.header('vary', 'Accept');
    if (!prefersCsv(accept)) return indicators;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return indicatorsToCsv(indicators);
  }
}

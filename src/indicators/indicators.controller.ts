import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../common/actor.decorator';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { IndicatorsCsvSchema, IndicatorsQuery, IndicatorsSchema } from './indicators.schemas';
import { IndicatorsService, type IndicatorsView } from './indicators.service';
import { indicatorsToCsv, prefersCsv } from './indicators.util';

/** Programme indicators (docs/indicators.md): JSON by default, CSV with `Accept: text/csv`. */
@Controller('indicators')
export class IndicatorsController {
  constructor(@Inject(IndicatorsService) private readonly indicators: IndicatorsService) {}

  @Get()
  @Roles(...READERS)
  @Contract({
    summary:
      'Programme indicators: instances by kind, stage and theme; actions set up; projects supported; participants by sex, age band, neighbourhood and outcome; overdue convention duties',
    description:
      'Counts instances whose CREATE event `at` lies in [from, to] (both optional, inclusive); with `parentId`, only that record and its descendants. Send `Accept: text/csv` for one row per (indicator, breakdown, category, sex).',
    query: IndicatorsQuery,
    problems: [ErrorCode.PARENT_NOT_FOUND],
    responses: [
      { status: 200, description: 'The indicators', schema: IndicatorsSchema, alternatives: { 'text/csv': IndicatorsCsvSchema } },
    ],
  })
  async read(
    @ValidQuery() query: Static<typeof IndicatorsQuery>,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IndicatorsView | string> {
    const indicators = await this.indicators.compute(query, readableOrganisations(principal));
    void reply.header('vary', 'Accept');
    if (!prefersCsv(accept)) return indicators;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return indicatorsToCsv(indicators);
  }
}

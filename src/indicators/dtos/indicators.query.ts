import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsInstant } from '../../common/validation/time.decorators';
import { buildCatalogue } from '../../kinds/kind-catalogue';

/** The kinds the service hosts (tender, convention, cohort). */
export const KNOWN_KINDS = buildCatalogue().kinds();

/**
 * GET /api/indicators: the period is on the instances' creation (the `at` of their CREATE event, business
 * time), both bounds inclusive and optional (docs/indicators.md).
 */
export class IndicatorsQuery {
  @ApiPropertyOptional({
    example: '2022-01-01T00:00:00+01:00',
    description: 'Instances created at or after this instant (ISO 8601 with an offset).',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2022-12-31T23:59:59+01:00',
    description: 'Instances created at or before this instant (ISO 8601 with an offset).',
  })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: KNOWN_KINDS, description: 'Only this kind of record.' })
  @IsOptional()
  @IsIn(KNOWN_KINDS, { message: `kind must be one of: ${KNOWN_KINDS.join(', ')}` })
  kind?: string;
}

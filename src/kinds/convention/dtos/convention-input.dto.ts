import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsRecordOf } from '../../../common/validation/record.decorator';
import { IsBusinessDate } from '../../../common/validation/time.decorators';
import { IsCalendarDuration } from './calendar-duration.decorator';

/** Ids of parties and duties: short, URL-safe, used in events and payloads. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export class RepresentativeDto {
  @ApiPropertyOptional({ example: 'Jocelyne BONJOUR' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
  @ApiPropertyOptional({ example: 'Directrice' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;
}

export class ConventionPartyDto {
  @ApiPropertyOptional({ example: 'cio-chateauroux' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(ID_PATTERN)
  id!: string;
  @IsString() @MinLength(1) @MaxLength(300) organisation!: string;
  @ValidateNested() @Type(() => RepresentativeDto) representative!: RepresentativeDto;
  @ApiPropertyOptional({ example: 'local signatory' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  role!: string;
}

export class TermRuleDto {
  @ApiPropertyOptional({ example: 'P1Y' })
  @IsCalendarDuration()
  duration!: string;
  @IsBoolean() tacitRenewal!: boolean;
  @IsOptional() @IsInt() @Min(0) maxRenewals?: number;
}

export class ReviewRuleDto {
  @ApiPropertyOptional({ example: 'P1M' })
  @IsCalendarDuration()
  anniversaryWindow!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(['amendment', 'denunciation'], { each: true })
  allows!: ('amendment' | 'denunciation')[];
}

export class DutyRuleDto {
  @ApiPropertyOptional({ example: 'technicalCommittee' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(ID_PATTERN)
  id!: string;
  @IsIn(['committee', 'report']) kind!: 'committee' | 'report';
  @ApiPropertyOptional({ example: 'P3M' })
  @IsCalendarDuration()
  every!: string;
  @IsOptional() @IsString() @MaxLength(300) label?: string;
}

/** The terms an amendment may change (every field optional; the amended whole is checked by the machine). */
export class AmendableTermsDto {
  @IsOptional() @IsString() @MaxLength(500) title?: string;
  @IsOptional() @IsString() @MaxLength(5000) object?: string;
  @IsOptional() @ValidateNested() @Type(() => TermRuleDto) term?: TermRuleDto;
  @IsOptional() @ValidateNested() @Type(() => ReviewRuleDto) review?: ReviewRuleDto;
  @ApiPropertyOptional({ example: 'P2M' })
  @IsOptional()
  @IsCalendarDuration()
  formalNoticePeriod?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DutyRuleDto)
  duties?: DutyRuleDto[];
  /** Article number → agreed text. */
  @IsOptional() @IsObject() @IsRecordOf('string', { maxKeys: 50, maxLength: 10000 }) clauses?: Record<string, string>;
}

/** The draft of a convention (creation input and UPDATE_DRAFT); OPEN_FOR_SIGNATURE checks completeness. */
export class ConventionDraftDto extends AmendableTermsDto {
  @ApiPropertyOptional({ description: 'A stated effective date; the convention takes effect at the later of it and the last signature' })
  @IsOptional()
  @IsBusinessDate()
  effectiveDate?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ConventionPartyDto)
  parties?: ConventionPartyDto[];
}

/**
 * convention@2's draft: also what the +6-month evaluation counts from, the effective date (`start`,
 * the default) or the end of the convention. convention@1 keeps ConventionDraftDto, which refuses it.
 */
export class ConventionDraftDtoV2 extends ConventionDraftDto {
  @ApiPropertyOptional({ enum: ['start', 'end'], description: 'The +6-month evaluation counts from the effective date by default' })
  @IsOptional()
  @IsIn(['start', 'end'])
  sixMonthAnchor?: 'start' | 'end';
}

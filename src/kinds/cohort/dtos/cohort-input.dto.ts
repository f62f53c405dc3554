import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../common/validation/time.decorators';

/** An inclusive range of whole numbers; the machine checks min ≤ max when recruitment opens. */
export class RangeDto {
  @IsInt() @Min(0) @Max(10000) min!: number;
  @IsInt() @Min(0) @Max(10000) max!: number;
}

/** Who may enrol (001 §III, §V). A criterion left out is not checked. */
export class EligibilityDto {
  @ApiPropertyOptional({ enum: ['F', 'M'], example: 'F' })
  @IsOptional()
  @IsIn(['F', 'M'])
  sex?: 'F' | 'M';

  @ApiPropertyOptional({ example: ["Fontaine d'Ouche", 'Grésilles', 'Quetigny'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  neighbourhoods?: string[];

  @ApiPropertyOptional({ description: 'Strictly older than this at enrolment; age = Paris year of enrolment − birth year', example: 30 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  olderThan?: number;

  @ApiPropertyOptional({ description: 'Already followed by an employment or integration scheme', example: true })
  @IsOptional()
  @IsBoolean()
  requiresScheme?: boolean;
}

export class IndividualPlanDto {
  @IsInt() @Min(0) @Max(10) perParticipant!: number;
  @ValidateNested() @Type(() => RangeDto) minutes!: RangeDto;
}

export class CollectivePlanDto {
  @ValidateNested() @Type(() => RangeDto) count!: RangeDto;
  @ValidateNested() @Type(() => RangeDto) minutes!: RangeDto;
}

export class ThematicPlanDto extends CollectivePlanDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  themes!: string[];
}

/** 001 §IV: weeks 10–12; 1 individual coaching (30–60 min) each; 3–4 collective (150–180 min); 7–8 thematic (120 min). */
export class SessionPlanDto {
  @ValidateNested() @Type(() => RangeDto) weeks!: RangeDto;
  @ValidateNested() @Type(() => IndividualPlanDto) individual!: IndividualPlanDto;
  @ValidateNested() @Type(() => CollectivePlanDto) collective!: CollectivePlanDto;
  @ValidateNested() @Type(() => ThematicPlanDto) thematic!: ThematicPlanDto;
}

/** The draft terms of a cohort; every field is optional while drafting, OPEN_RECRUITMENT checks completeness. */
export class CohortTermsDto {
  @ApiPropertyOptional({ example: "Group 1: Fontaine d'Ouche, Grésilles, Quetigny" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  group?: string;

  @ApiPropertyOptional({ example: 'employment of women' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  theme?: string;

  @ApiPropertyOptional({ example: { min: 10, max: 12 } })
  @IsOptional()
  @ValidateNested()
  @Type(() => RangeDto)
  size?: RangeDto;

  @ApiPropertyOptional({ example: '2022-09-16T18:00:00+02:00' })
  @IsOptional()
  @IsInstant()
  recruitmentClosesAt?: string;

  @IsOptional() @ValidateNested() @Type(() => EligibilityDto) eligibility?: EligibilityDto;

  @IsOptional() @ValidateNested() @Type(() => SessionPlanDto) plan?: SessionPlanDto;

  @ApiPropertyOptional({
    enum: ['start', 'end'],
    description:
      'What the +6-month follow-up counts from when left out: the end of the sessions for cohort@1, their start from cohort@2 on',
  })
  @IsOptional()
  @IsIn(['start', 'end'])
  sixMonthAnchor?: 'start' | 'end';
}

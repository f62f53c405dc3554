import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsInstant } from '../../../common/validation/time.decorators';

export class AwardCriterionDto {
  @IsString() @MinLength(1) @MaxLength(64) id!: string;
  @IsString() @MinLength(1) @MaxLength(200) label!: string;
  @IsInt() @Min(0) @Max(100) weight!: number;
  @IsIn(['quality', 'price']) kind!: 'quality' | 'price';
}

export class DeliveryCapsDto {
  @IsOptional() @IsNumber() @Min(0) maxDaysPerStructure?: number;
  @IsOptional() @IsInt() @Min(0) maxStructures?: number;
  @IsOptional() @IsNumber() @Min(0) maxTotalDays?: number;
}

/** The draft terms of a tender; every field is optional while drafting, PUBLISH checks completeness. */
export class TenderTermsDto {
  @ApiPropertyOptional({ example: 'Remobilisation and coaching of women from priority neighbourhoods' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;
  @ApiPropertyOptional({ example: "Creativ'" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  buyer?: string;
  @IsOptional() @IsString() @MaxLength(5000) object?: string;
  @IsOptional() @IsString() @MaxLength(200) theme?: string;
  @ApiPropertyOptional({ description: 'Budget floor in cents incl. VAT', example: 3500000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  budgetFloorCents?: number;
  @ApiPropertyOptional({ description: 'Budget cap in cents incl. VAT', example: 4000000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  budgetCapCents?: number;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AwardCriterionDto)
  criteria?: AwardCriterionDto[];
  @ApiPropertyOptional({ example: '2022-08-05T23:59:59+02:00' })
  @IsOptional()
  @IsInstant()
  bidDeadline?: string;
  @ApiPropertyOptional({ example: '2022-08-25T18:00:00+02:00' })
  @IsOptional()
  @IsInstant()
  decisionDate?: string;
  @IsOptional() @IsBusinessDate() plannedDeliveryStart?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  requiredDocuments?: string[];
  @IsOptional() @ValidateNested() @Type(() => DeliveryCapsDto) deliveryCaps?: DeliveryCapsDto;
  @IsOptional() @IsIn(['start', 'end']) sixMonthAnchor?: 'start' | 'end';
  @IsOptional() @IsBoolean() moveDeadlineToWorkingDay?: boolean;
}

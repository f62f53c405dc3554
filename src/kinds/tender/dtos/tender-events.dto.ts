import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsInstant } from '../../../common/validation/time.decorators';
import { IsRecordOf } from '../../../common/validation/record.decorator';
import { TenderTermsDto } from './tender-input.dto';

export class OrganisationDto {
  @IsString() @MinLength(1) @MaxLength(300) name!: string;
  @IsString() @MinLength(1) @MaxLength(64) identifier!: string;
}

export class NoPayloadDto {}

export class SubmitBidDto {
  @ValidateNested() @Type(() => OrganisationDto) bidder!: OrganisationDto;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => OrganisationDto)
  consortium?: OrganisationDto[];
  @IsInt() @Min(0) priceExclVatCents!: number;
  @IsInt() @Min(0) priceInclVatCents!: number;
  /** Document name → reference (e.g. a file name or a link). */
  @IsOptional() @IsObject() @IsRecordOf('string', { maxKeys: 30, maxLength: 500 }) documents?: Record<string, string>;
}

export class BidRefDto {
  @IsString() @MinLength(1) @MaxLength(32) bidId!: string;
}

export class ScoreBidDto extends BidRefDto {
  /** Criterion id → score 0 to 100. */
  @IsObject() @IsRecordOf('number', { maxKeys: 20 }) scores!: Record<string, number>;
}

export class RecordAuditionDto extends BidRefDto {
  @IsIn(['inPerson', 'video']) mode!: 'inPerson' | 'video';
  @IsOptional() @IsString() @MaxLength(10000) notes?: string;
  @IsOptional() @IsObject() @IsRecordOf('number', { maxKeys: 20 }) scores?: Record<string, number>;
}

export class ReasonDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class StartDeliveryDto {
  @IsOptional() @IsInstant() startedAt?: string;
}

export class CompleteDeliveryDto {
  @IsOptional() @IsInstant() completedAt?: string;
}

export class RecordInterventionDto {
  @IsString() @MinLength(1) @MaxLength(300) structure!: string;
  @IsBusinessDate() date!: string;
  @IsNumber() @IsPositive() days!: number;
}

export class EndEvaluationDto {
  @IsString() @MinLength(1) @MaxLength(10000) questionnaireResult!: string;
  @IsString() @MinLength(1) @MaxLength(10000) verbalExchangeNotes!: string;
}

export class SixMonthEvaluationDto {
  @IsString() @MinLength(1) @MaxLength(10000) questionnaireResult!: string;
  @IsOptional() @IsInt() @Min(0) respondents?: number;
}

export const tenderEventDtos = {
  UPDATE_DRAFT: TenderTermsDto,
  PUBLISH: NoPayloadDto,
  SUBMIT_BID: SubmitBidDto,
  WITHDRAW_BID: BidRefDto,
  CLOSE_BIDS: NoPayloadDto,
  START_AUDITIONS: NoPayloadDto,
  RECORD_AUDITION: RecordAuditionDto,
  SCORE_BID: ScoreBidDto,
  ATTRIBUTE: BidRefDto,
  DECLARE_UNSUCCESSFUL: ReasonDto,
  CANCEL: ReasonDto,
  START_DELIVERY: StartDeliveryDto,
  RECORD_INTERVENTION: RecordInterventionDto,
  COMPLETE_DELIVERY: CompleteDeliveryDto,
  RECORD_END_EVALUATION: EndEvaluationDto,
  SIX_MONTH_EVALUATION_DUE: NoPayloadDto,
  RECORD_SIX_MONTH_EVALUATION: SixMonthEvaluationDto,
};

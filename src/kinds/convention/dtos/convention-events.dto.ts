import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate } from '../../../common/validation/time.decorators';
import { AmendableTermsDto, ConventionDraftDto, ConventionDraftDtoV2, ID_PATTERN } from './convention-input.dto';

export class NoPayloadDto {}

export class SignDto {
  @IsString() @MinLength(1) @MaxLength(64) party!: string;
}

export class WithdrawDto {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class AmendDto {
  @IsString() @MinLength(1) @MaxLength(2000) summary!: string;
  /** Every party's id: an amendment (avenant) binds them all. */
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(64, { each: true }) signedBy!: string[];
  @IsOptional() @ValidateNested() @Type(() => AmendableTermsDto) changes?: AmendableTermsDto;
}

export class RecordCommitteeDto {
  @IsString() @MinLength(1) @MaxLength(64) @Matches(ID_PATTERN) committee!: string;
  /** The meeting date (Europe/Paris): it places the meeting in its period. */
  @IsBusinessDate() date!: string;
  @IsString() @MinLength(1) @MaxLength(500) minutesRef!: string;
}

export class RecordReportDto {
  /** The report duty's id, e.g. activityReport. */
  @IsString() @MinLength(1) @MaxLength(64) @Matches(ID_PATTERN) report!: string;
  /** The occurrence reported on: for a yearly report, the convention year (1, 2, 3...). */
  @IsInt() @Min(1) year!: number;
  @IsOptional() @IsString() @MaxLength(500) documentRef?: string;
}

export class SendFormalNoticeDto {
  @IsString() @MinLength(1) @MaxLength(64) from!: string;
  @IsString() @MinLength(1) @MaxLength(64) to!: string;
  @IsString() @MinLength(1) @MaxLength(5000) breach!: string;
  /** The registered letter's reference (recommandé avec accusé de réception). */
  @IsOptional() @IsString() @MaxLength(100) letterRef?: string;
}

export class RemedyDto {
  @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class DenounceDto {
  @IsString() @MinLength(1) @MaxLength(64) party!: string;
  @IsString() @MinLength(1) @MaxLength(5000) reason!: string;
}

export class DutyDueDto {
  @IsString() @MinLength(1) @MaxLength(64) dutyId!: string;
  @IsInt() @Min(1) sequence!: number;
}

export class EvaluationDto {
  @IsString() @MinLength(1) @MaxLength(10000) assessment!: string;
  @IsOptional() @IsString() @MaxLength(300) evaluator?: string;
}

export const conventionEventDtos = {
  UPDATE_DRAFT: ConventionDraftDto,
  OPEN_FOR_SIGNATURE: NoPayloadDto,
  SIGN: SignDto,
  WITHDRAW: WithdrawDto,
  AMEND: AmendDto,
  RECORD_COMMITTEE: RecordCommitteeDto,
  RECORD_REPORT: RecordReportDto,
  ANNIVERSARY: NoPayloadDto,
  TERM_END: NoPayloadDto,
  SEND_FORMAL_NOTICE: SendFormalNoticeDto,
  REMEDY: RemedyDto,
  NOTICE_EXPIRED: NoPayloadDto,
  DENOUNCE: DenounceDto,
  DUTY_DUE: DutyDueDto,
  RECORD_END_EVALUATION: EvaluationDto,
  SIX_MONTH_EVALUATION_DUE: NoPayloadDto,
  RECORD_SIX_MONTH_EVALUATION: EvaluationDto,
};

/** convention@2: UPDATE_DRAFT may also name the +6-month anchor. */
export const conventionEventDtosV2 = { ...conventionEventDtos, UPDATE_DRAFT: ConventionDraftDtoV2 };

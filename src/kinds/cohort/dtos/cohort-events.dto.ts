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
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OUTCOMES, SESSION_TYPES, type Outcome, type SessionType } from '../../../../machines/coaching-cohort/coaching-cohort.types';
import { IsBusinessDate } from '../../../common/validation/time.decorators';
import { CohortTermsDto } from './cohort-input.dto';

/**
 * A pseudonymous participant reference: letters, digits, dot, dash, underscore, no spaces, so that a
 * name does not fit comfortably (e.g. `G1-P07`, or the referring scheme's file number).
 */
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const REF_MESSAGE = '$property must be a pseudonymous reference (letters, digits, . _ -, no spaces, at most 40)';

export class NoPayloadDto {}

/**
 * Personal data: a pseudonymous reference and only what the rules and the indicators need. Any other
 * field (a name, an address, a phone number) is refused by the engine's validation (forbidNonWhitelisted).
 */
export class ParticipantDto {
  @Matches(REF_PATTERN, { message: REF_MESSAGE }) ref!: string;
  @IsIn(['F', 'M']) sex!: 'F' | 'M';
  @IsInt() @Min(1900) @Max(2100) birthYear!: number;
  @IsString() @MinLength(1) @MaxLength(100) neighbourhood!: string;
  /** The scheme following the participant (e.g. "PLIE", "Pôle emploi"); absent when none. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(60) scheme?: string;
}

export class EnrollDto {
  @ValidateNested() @Type(() => ParticipantDto) participant!: ParticipantDto;
}

export class ParticipantRefDto {
  @Matches(REF_PATTERN, { message: REF_MESSAGE }) ref!: string;
}

/** The scheduler sends no payload at the date; an administrator closing early sends `manual: true`. */
export class CloseRecruitmentDto {
  @IsOptional() @IsBoolean() manual?: boolean;
}

export class RecordPositioningDto extends ParticipantRefDto {
  @IsInt() @Min(1) @Max(480) minutes!: number;
}

/** One session with its attendance. `sessionType` because `type` is the event's own name. */
export class RecordSessionDto {
  @IsIn(SESSION_TYPES) sessionType!: SessionType;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64) theme?: string;
  @IsBusinessDate() date!: string;
  @IsInt() @Min(1) @Max(600) minutes!: number;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(REF_PATTERN, { each: true, message: REF_MESSAGE })
  attendees!: string[];
}

export class SixMonthOutcomeDto extends ParticipantRefDto {
  @IsIn(OUTCOMES) outcome!: Outcome;
}

export class EndOutcomeDto extends SixMonthOutcomeDto {
  @IsBoolean() skillsMapDone!: boolean;
}

export class EndEvaluationDto {
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => EndOutcomeDto) outcomes!: EndOutcomeDto[];
}

export class SixMonthEvaluationDto {
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SixMonthOutcomeDto) outcomes!: SixMonthOutcomeDto[];
}

export class ReasonDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export const cohortEventDtos = {
  UPDATE_DRAFT: CohortTermsDto,
  OPEN_RECRUITMENT: NoPayloadDto,
  ENROLL: EnrollDto,
  WITHDRAW_PARTICIPANT: ParticipantRefDto,
  CLOSE_RECRUITMENT: CloseRecruitmentDto,
  RECORD_POSITIONING: RecordPositioningDto,
  CONFIRM_COHORT: NoPayloadDto,
  START_SESSIONS: NoPayloadDto,
  RECORD_SESSION: RecordSessionDto,
  COMPLETE_SESSIONS: NoPayloadDto,
  RECORD_END_EVALUATION: EndEvaluationDto,
  SIX_MONTH_EVALUATION_DUE: NoPayloadDto,
  RECORD_SIX_MONTH_EVALUATION: SixMonthEvaluationDto,
  CANCEL: ReasonDto,
};

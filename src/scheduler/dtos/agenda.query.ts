import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsQueryInteger, MAX_QUERY_OFFSET } from '../../common/validation/query.decorators';
import { IsInstant } from '../../common/validation/time.decorators';

export class AgendaQuery {
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;
  @IsOptional() @IsString() @MaxLength(64) kind?: string;
  @IsOptional() @IsQueryInteger(1, 1000) limit: number = 200;
  @IsOptional() @IsQueryInteger(0, MAX_QUERY_OFFSET) offset: number = 0;
}

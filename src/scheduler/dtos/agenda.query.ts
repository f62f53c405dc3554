import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsQueryInteger } from '../../common/validation/query.decorators';
import { IsInstant } from '../../common/validation/time.decorators';

export class AgendaQuery {
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;
  @IsOptional() @IsString() @MaxLength(64) kind?: string;
  @IsOptional() @IsQueryInteger(1, 1000) limit: number = 200;
}

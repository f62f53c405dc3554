import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../common/validation/time.decorators';

export class AgendaQuery {
  @IsOptional() @IsInstant() from?: string;
  @IsOptional() @IsInstant() to?: string;
  @IsOptional() @IsString() @MaxLength(64) kind?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 200;
}

import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsQueryInteger, MAX_QUERY_OFFSET } from '../../common/validation/query.decorators';

export class ListInstancesQuery {
  @IsOptional() @IsString() @MaxLength(64) kind?: string;
  @IsOptional() @IsString() @MaxLength(32) stage?: string;
  @IsOptional() @IsString() @MaxLength(200) state?: string;
  @IsOptional() @IsUUID() parentId?: string;
  @IsOptional() @IsQueryInteger(1, 500) limit: number = 50;
  @IsOptional() @IsQueryInteger(0, MAX_QUERY_OFFSET) offset: number = 0;
}

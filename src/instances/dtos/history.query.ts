import { IsOptional } from 'class-validator';
import { IsQueryInteger, MAX_QUERY_OFFSET } from '../../common/validation/query.decorators';

export class HistoryQuery {
  @IsOptional() @IsQueryInteger(1, 1000) limit: number = 100;
  @IsOptional() @IsQueryInteger(0, MAX_QUERY_OFFSET) offset: number = 0;
  /** Only the events after this sequence number (to follow a history as it grows). */
  @IsOptional() @IsQueryInteger(0, MAX_QUERY_OFFSET) afterSeq?: number;
}

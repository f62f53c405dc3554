import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '../../common/validation/time.decorators';

export class CreateInstanceDto {
  @ApiProperty({ example: 'tender', description: 'The kind of record: tender, convention or cohort.' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z][a-zA-Z-]*$/)
  kind!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "The kind's input (see GET /api/machines/:kind)." })
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The instance this one belongs to (a tender that leads to cohorts).' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'When it was created (ISO instant); defaults to now.' })
  @IsOptional()
  @IsInstant()
  at?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsInstant } from '../../common/validation/time.decorators';

export class AdvanceClockDto {
  @ApiPropertyOptional({ example: '2022-08-06T00:00:00+02:00', description: 'Move the simulated clock to this instant.' })
  @IsOptional()
  @IsInstant()
  advanceTo?: string;

  @ApiPropertyOptional({ example: 'P6M', description: 'Move it forward by an ISO 8601 duration (calendar terms, Europe/Paris).' })
  @IsOptional()
  @IsString()
  @Matches(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, {
    message: 'advanceBy must be an ISO 8601 duration such as P6M or PT2H',
  })
  advanceBy?: string;
}

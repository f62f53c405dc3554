import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { ClockService, type ClockAdvance } from './clock.service';
import { AdvanceClockDto } from './dtos/advance-clock.dto';

@ApiTags('clock')
@ApiBearerAuth()
@Controller('clock')
export class ClockController {
  constructor(@Inject(ClockService) private readonly clock: ClockService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The simulated clock (404 on the real clock)' })
  read(): { now: string; mode: 'simulated' } {
    return this.clock.now();
  }

  @Post()
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the simulated clock forward and fire, in due order, everything that falls due on the way' })
  advance(@Actor() actor: string, @Body() body: AdvanceClockDto): Promise<ClockAdvance> {
    return this.clock.advance(actor, body);
  }
}

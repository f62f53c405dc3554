import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidBody } from '../contract/contract';
import { ClockService, type ClockAdvance } from './clock.service';
import { AdvanceClockBody, ClockAdvanceSchema, ClockNowSchema } from './scheduler.schemas';

@Controller('clock')
export class ClockController {
  constructor(@Inject(ClockService) private readonly clock: ClockService) {}

  @Get()
  @Roles(...READERS)
  @Contract({
    summary: 'The simulated clock (404 on the real clock)',
    responses: [{ status: 200, description: 'The simulated time', schema: ClockNowSchema }],
    problems: [ErrorCode.NOT_FOUND],
  })
  read(): Promise<{ now: string; mode: 'simulated' }> {
    return this.clock.now();
  }

  @Post()
  @Roles(Role.Scheduler)
  @HttpCode(200)
  @Contract({
    summary: 'Move the simulated clock forward and fire, in due order, everything that falls due on the way',
    body: AdvanceClockBody,
    responses: [{ status: 200, description: 'Where the clock went and what fired', schema: ClockAdvanceSchema }],
    problems: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_TIME],
  })
  advance(@Actor() actor: string, @ValidBody() body: Static<typeof AdvanceClockBody>): Promise<ClockAdvance> {
    return this.clock.advance(actor, body);
  }
}

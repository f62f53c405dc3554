import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import type { InstanceView } from '../engine/engine.types';
import { AuditService } from './audit.service';
import type { VerifyReport } from './history.util';

/** The auditors' routes (docs/audit.md): read-only, thin, one AuditService call each. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('instances')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get(':id/state')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The record as it was at an instant: its events with `at` up to the instant, replayed through its pinned machine version',
    description:
      'Same view as GET /api/instances/:id. 400 on a bad instant; 404 INSTANCE_NOT_FOUND for an unknown record; 404 NOT_FOUND (reason BEFORE_CREATION) before its creation.',
  })
  @ApiQuery({ name: 'at', required: true, example: '2022-08-06T09:00:00+02:00', description: 'ISO 8601 instant with an offset' })
  stateAt(@Param('id') id: string, @Query('at') at: string): Promise<InstanceView> {
    return this.audit.stateAt(id, at);
  }

  @Get(':id/verify')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Recomputes the hash chain and replays the whole history; compares with the stored record',
    description: 'Answers {ok, instanceId, eventsChecked, firstDivergentSeq, problem} with 200 whether or not the record verifies.',
  })
  verify(@Param('id') id: string): Promise<VerifyReport> {
    return this.audit.verify(id);
  }
}

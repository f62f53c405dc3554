import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { Uuid } from '../contract/schema';
import type { InstanceView } from '../engine/engine.types';
import { InstanceViewSchema } from '../instances/instances.schemas';
import { StateAtQuery, VerifyReportSchema } from './audit.schemas';
import { AuditService } from './audit.service';
import type { VerifyReport } from './history.util';

const ID = { id: Uuid({ description: 'The record’s id' }) };

/** The auditors' routes (docs/audit.md): read-only, thin, one AuditService call each. */
@Controller('instances')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get(':id/state')
  @Roles(...READERS)
  @Contract({
    summary: 'The record as it was at an instant: its events with `at` up to the instant, replayed through its pinned machine version',
    description: 'Same view as GET /api/instances/{id}. 404 NOT_FOUND (reason BEFORE_CREATION) before its creation.',
    params: ID,
    query: StateAtQuery,
    responses: [{ status: 200, description: 'The record at that instant', schema: InstanceViewSchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND, ErrorCode.NOT_FOUND],
  })
  stateAt(@Param('id') id: string, @ValidQuery() query: Static<typeof StateAtQuery>): Promise<InstanceView> {
    return this.audit.stateAt(id, query.at);
  }

  @Get(':id/verify')
  @Roles(...READERS)
  @Contract({
    summary: 'Recomputes the hash chain and replays the whole history; compares with the stored record',
    description: 'Answers 200 whether or not the record verifies: `ok` says.',
    params: ID,
    responses: [{ status: 200, description: 'The verification report', schema: VerifyReportSchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  verify(@Param('id') id: string): Promise<VerifyReport> {
    return this.audit.verify(id);
  }
}

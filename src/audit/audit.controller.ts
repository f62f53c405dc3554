import { PassThrough, type Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { READERS, Roles } from '../auth/roles.decorator';
import { CurrentPrincipal } from '../common/actor.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery, type ResponseContract } from '../contract/contract';
import { Uuid } from '../contract/schema';
import type { InstanceView } from '../engine/engine.types';
import { InstanceViewSchema } from '../instances/instances.schemas';
import {
  AuditExportLines,
  EventChangesSchema,
  ExportQuery,
  StateAtQuery,
  VerifyPageQuery,
  VerifyPageSchema,
  VerifyReportSchema,
} from './audit.schemas';
import { AuditService, type EventChanges, type LineSink, type VerifyPage } from './audit.service';
import type { VerifyReport } from './history.util';
import { WalledByOrganisation } from '../instances/organisation-wall.interceptor';

const ID = { id: Uuid({ description: 'The record’s id' }) };

const JSON_LINES = 'application/x-ndjson; charset=utf-8';

const EXPORT_ANSWER = (description: string): ResponseContract => ({
  status: 200,
  description,
  alternatives: { 'application/x-ndjson': AuditExportLines },
  headers: {
    'Content-Disposition': { description: 'attachment, with a file name ending in .jsonl', schema: Type.String() },
  },
});

/** The auditors' routes (docs/audit.md): read-only, thin, one AuditService call each. */
@WalledByOrganisation()
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

  @Get(':id/changes')
  @Roles(...READERS)
  @Contract({
    summary: 'What each event changed: the state before and after, and each field of the context, worked out by replaying the history',
    params: ID,
    responses: [{ status: 200, description: 'One entry per event, in seq order', schema: EventChangesSchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND, ErrorCode.EVENT_NOT_ACCEPTED],
  })
  changes(@Param('id') id: string): Promise<{ items: EventChanges[] }> {
    return this.audit.changes(id);
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

  @Get(':id/history.jsonl')
  @Roles(...READERS)
  @Contract({
    summary: 'The record’s history as a file: JSON Lines in the audit export format (engine-cli export <id>)',
    description: 'A download (Content-Disposition: attachment) that `engine-cli verify-export` checks without the database.',
    params: ID,
    responses: [EXPORT_ANSWER('The export of this one record')],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  async historyFile(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const lines = await this.audit.exportOne(id);
    await download(reply, `${id}.history.jsonl`).send(lines.map((line) => `${line}\n`).join(''));
  }
}

/** The auditors' routes over every record: the export and the verification, page by page. */
@Controller('audit')
export class AuditAllController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get('export')
  @Roles(...READERS)
  @Contract({
    summary: 'Every history (of a kind, created in a period) as JSON Lines in the audit export format, streamed',
    description:
      'The same file as `engine-cli export --all`, records by ascending id, each read in one consistent snapshot. Written as it is read: a failure midway ends the response early, without the `end` line, which `engine-cli verify-export` reports as a truncated file.',
    query: ExportQuery,
    responses: [EXPORT_ANSWER('The export')],
  })
  async exportAll(
    @ValidQuery() query: Static<typeof ExportQuery>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const exportedAt = new Date().toISOString();
    const organisations = readableOrganisations(principal);
    const lines = lineStream((sink) =>
      this.audit.exportHistories(sink, { kind: query.kind, createdFrom: query.from, createdTo: query.to, exportedAt, organisations }),
    );
    await download(reply, `audit-export-${exportedAt.replace(/[:.]/g, '-')}.jsonl`).send(lines);
  }

  @Get('verify')
  @Roles(...READERS)
  @Contract({
    summary: 'Verification reports of a page of records (GET /api/instances/{id}/verify for each), by ascending id',
    description:
      'To verify everything with a progress bar: follow `offset` until it reaches `total`. Each item is `ok` or names the first divergent event. Deadline rows of records that do not exist are reported by `engine-cli verify --all` only.',
    query: VerifyPageQuery,
    responses: [{ status: 200, description: 'A page of verification reports', schema: VerifyPageSchema }],
  })
  verifyPage(@ValidQuery() query: Static<typeof VerifyPageQuery>, @CurrentPrincipal() principal: Principal): Promise<VerifyPage> {
    return this.audit.verifyPage({ ...query, organisations: readableOrganisations(principal) });
  }
}

function download(reply: FastifyReply, filename: string): FastifyReply {
  return reply
    .header('content-type', JSON_LINES)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store');
}

/**
 * The lines `produce` writes, as a stream that the response reads at its own pace: `produce` waits
 * while the client is slower (back-pressure), and stops when the client goes away.
 */
function lineStream(produce: (sink: LineSink) => Promise<unknown>): Readable {
  const stream = new PassThrough();
  // The response reports a failure by ending early; a failure after it ended must not go unhandled.
  stream.on('error', () => undefined);
  const sink: LineSink = async (line) => {
    if (stream.destroyed) throw new Error('The client closed the connection during the export.');
    if (!stream.write(`${line}\n`)) await drainedOrClosed(stream);
  };
  produce(sink).then(
    () => stream.end(),
    (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return stream;
}

function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

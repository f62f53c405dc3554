import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor, CurrentPrincipal } from '../common/actor.decorator';
import { organisationForNewRecord, readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Contract, ValidBody, ValidQuery, type HeaderContract, type ResponseContract } from '../contract/contract';
import { Uuid } from '../contract/schema';
import { toCommand } from './event-command';
import { idempotencyKeyOf, ifMatchOf, isNotModified, versionTag } from './http-conventions';
import { IdempotencyService, requestHashOf, type IdempotentOutcome, type IdempotentRequest } from './idempotency.service';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService, type History, type InstanceList, type InstancesSummary } from './instance-queries.service';
import {
  CreateInstanceBody,
  EventBody,
  HistoryQuery,
  HistorySchema,
  InstanceListSchema,
  InstancesSummarySchema,
  InstanceViewSchema,
  ListInstancesQuery,
} from './instances.schemas';
import type { InstanceView } from '../engine/engine.types';
import { WalledByOrganisation } from './organisation-wall.interceptor';

const ID = { id: Uuid({ description: 'The record’s id' }) };

const IDEMPOTENCY_KEY: HeaderContract = {
  name: 'Idempotency-Key',
  description:
    'Makes a retry safe: the same key and body within 24 hours answers the first response again (Idempotent-Replayed: true) and stores nothing twice; the same key with another body is 422. Keys are per principal and per route.',
  schema: Type.String({ minLength: 1, maxLength: 257 }),
};

const ETAG = { description: 'The record’s version, quoted ("3")', schema: Type.String() };
const REPLAYED = { description: 'true when the answer is the stored first response to this Idempotency-Key', schema: Type.Literal('true') };

const VIEW_ANSWER = (status: number, description: string): ResponseContract => ({
  status,
  description,
  schema: InstanceViewSchema,
  headers: {
    ETag: ETAG,
    'Idempotent-Replayed': REPLAYED,
    ...(status === 201 ? { Location: { description: 'The new record: /api/instances/{id}', schema: Type.String() } } : {}),
  },
});

@Controller('instances')
export class InstancesController {
  constructor(
    @Inject(InstanceCommandsService) private readonly commands: InstanceCommandsService,
    @Inject(InstanceQueriesService) private readonly queries: InstanceQueriesService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Roles(Role.Administrator)
  @Contract({
    summary: 'Create a record (tender, convention, cohort) in its initial state',
    description:
      "The input is validated against the kind's input schema (GET /api/machines/{kind}, `inputSchema`). The record belongs to `organisation` (one of the caller's), else to the caller's only organisation; a child record to its parent's.",
    body: CreateInstanceBody,
    documentedBody: { $ref: '#/components/schemas/CreateInstanceBody' } as never,
    headers: [IDEMPOTENCY_KEY],
    responses: [VIEW_ANSWER(201, 'The new record')],
    problems: [
      ErrorCode.UNKNOWN_KIND,
      ErrorCode.PARENT_NOT_FOUND,
      ErrorCode.ORGANISATION_FORBIDDEN,
      ErrorCode.ORGANISATION_REQUIRED,
      ErrorCode.INVALID_TIME,
      ErrorCode.RULE_REFUSED,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
    ],
  })
  async create(
    @Actor() actor: string,
    @CurrentPrincipal() principal: Principal,
    @ValidBody() body: Static<typeof CreateInstanceBody>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceView> {
    const idempotent = idempotentRequest(request, actor, '/api/instances');
    const outcome = await this.idempotency.execute(idempotent, 201, (hook) =>
      this.commands.create(body.kind, body.input ?? {}, actor, {
        parentId: body.parentId,
        at: body.at,
        hook,
        organisation: () => organisationForNewRecord(principal, body.organisation),
        parentOrganisations: readableOrganisations(principal),
      }),
    );
    void reply.header('location', `/api/instances/${outcome.view.id}`);
    return answer(reply, outcome);
  }

  @Get()
  @Roles(...READERS)
  @Contract({
    summary:
      'List records, filtered by kind, stage, state or parent, newest first (the caller’s organisations’ only, for administrators and auditors)',
    query: ListInstancesQuery,
    responses: [{ status: 200, description: 'A page of records', schema: InstanceListSchema }],
  })
  list(@ValidQuery() query: Static<typeof ListInstancesQuery>, @CurrentPrincipal() principal: Principal): Promise<InstanceList> {
    return this.queries.list(query, readableOrganisations(principal));
  }

  // Before :id, so that "summary" is not read as a record's id.
  @Get('summary')
  @Roles(...READERS)
  @Contract({
    summary: 'Counts for the dashboard: records by kind, stage, state and status; overdue records; failed deadlines',
    description:
      '`overdue` counts records with a pending deadline due before the service clock’s `now` (the simulated clock’s, on the simulated clock); `failedDeadlines` counts deadlines marked as unable to fire (the agenda shows each with its `failure`).',
    responses: [{ status: 200, description: 'The counts', schema: InstancesSummarySchema }],
  })
  summary(@CurrentPrincipal() principal: Principal): Promise<InstancesSummary> {
    return this.queries.summary(readableOrganisations(principal));
  }

  @Get(':id')
  @WalledByOrganisation()
  @Roles(...READERS)
  @Contract({
    summary: 'The current view of a record (ETag: its version; If-None-Match answers 304)',
    params: ID,
    headers: [
      { name: 'If-None-Match', description: 'The ETag held: 304 without a body if the record is still at it', schema: Type.String() },
    ],
    responses: [
      { status: 200, description: 'The record', schema: InstanceViewSchema, headers: { ETag: ETAG } },
      { status: 304, description: 'The record is still at the version of If-None-Match', headers: { ETag: ETAG } },
    ],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  async get(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.queries.get(id);
    void reply.header('etag', versionTag(view.version));
    if (isNotModified(request.headers['if-none-match'], view.version)) await reply.status(304).send();
    else await reply.send(view);
  }

  @Post(':id/events')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @Contract({
    summary: 'Send an event: {type, ...payload, at?, expectedVersion?}',
    description:
      "The payload is validated against the schema of that event for the record's kind (GET /api/machines/{kind}, `eventSchemas`). If-Match makes it conditional (412 on another version); a deployment may require it (428 without).",
    params: ID,
    body: EventBody,
    documentedBody: { $ref: '#/components/schemas/EventBody' } as never,
    headers: [
      IDEMPOTENCY_KEY,
      { name: 'If-Match', description: 'Apply only if the record is at this ETag ("3"), or * for any version', schema: Type.String() },
    ],
    responses: [VIEW_ANSWER(200, 'The record after the event')],
    problems: [
      ErrorCode.INSTANCE_NOT_FOUND,
      ErrorCode.UNKNOWN_EVENT,
      ErrorCode.INVALID_TIME,
      ErrorCode.EVENT_NOT_ACCEPTED,
      ErrorCode.VERSION_CONFLICT,
      ErrorCode.RULE_REFUSED,
      ErrorCode.PRECONDITION_FAILED,
      ErrorCode.PRECONDITION_REQUIRED,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
    ],
  })
  async send(
    @Actor() actor: string,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @ValidBody() body: Static<typeof EventBody>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceView> {
    const command = toCommand(body);
    const ifMatch = ifMatchOf(request.headers['if-match']);
    if (!ifMatch && this.config.requireIfMatch) {
      throw new DomainError(ErrorCode.PRECONDITION_REQUIRED, 'Send If-Match with the ETag of the record (or *): this service requires it.');
    }
    const ifMatchVersion = ifMatch && !ifMatch.any ? ifMatch.version : undefined;
    if (ifMatchVersion !== undefined && command.expectedVersion !== undefined && command.expectedVersion !== ifMatchVersion) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'If-Match and expectedVersion name different versions; give one of them.', {
        field: 'expectedVersion',
      });
    }
    const idempotent = idempotentRequest(request, actor, `/api/instances/${id}/events`);
    const outcome = await this.idempotency.execute(idempotent, 200, (hook) =>
      this.commands.apply(id, command, actor, { ifMatchVersion, hook, organisations: readableOrganisations(principal) }),
    );
    return answer(reply, outcome);
  }

  @Get(':id/history')
  @WalledByOrganisation()
  @Roles(...READERS)
  @Contract({
    summary: 'The append-only history of a record, in order, a page at a time',
    params: ID,
    query: HistoryQuery,
    responses: [{ status: 200, description: 'A page of events', schema: HistorySchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  history(@Param('id') id: string, @ValidQuery() query: Static<typeof HistoryQuery>): Promise<History> {
    return this.queries.history(id, query);
  }
}

/** The Idempotency-Key of a request, scoped to whoever sends it and to the route; undefined without one. */
function idempotentRequest(request: FastifyRequest, principal: string, path: string): IdempotentRequest | undefined {
  const key = idempotencyKeyOf(request.headers['idempotency-key']);
  if (key === undefined) return undefined;
  return { principal, route: `POST ${path}`, key, requestHash: requestHashOf(request.body) };
}

/** The view with its ETag, its status and, for a stored response answered again, Idempotent-Replayed. */
function answer(reply: FastifyReply, outcome: IdempotentOutcome): InstanceView {
  void reply.header('etag', versionTag(outcome.view.version));
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return outcome.view;
}

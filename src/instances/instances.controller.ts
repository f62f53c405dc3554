import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CreateInstanceDto } from './dtos/create-instance.dto';
import { toCommand } from './dtos/event-command';
import { HistoryQuery } from './dtos/history.query';
import { ListInstancesQuery } from './dtos/list-instances.query';
import { idempotencyKeyOf, ifMatchOf, isNotModified, versionTag } from './http-conventions';
import { IdempotencyService, requestHashOf, type IdempotentOutcome, type IdempotentRequest } from './idempotency.service';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService, type History, type InstanceList } from './instance-queries.service';
import type { InstanceView } from '../engine/engine.types';

@ApiTags('instances')
@ApiBearerAuth()
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
  @ApiOperation({ summary: 'Create a record (tender, convention, cohort) in its initial state' })
  async create(
    @Actor() actor: string,
    @Body() body: CreateInstanceDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceView> {
    const idempotent = idempotentRequest(request, actor, '/api/instances');
    const outcome = await this.idempotency.execute(idempotent, 201, (hook) =>
      this.commands.create(body.kind, body.input ?? {}, actor, { parentId: body.parentId, at: body.at, hook }),
    );
    void reply.header('location', `/api/instances/${outcome.view.id}`);
    return answer(reply, outcome);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List records, filtered by kind, stage or state, newest first' })
  list(@Query() query: ListInstancesQuery): Promise<InstanceList> {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The current view of a record (ETag: its version; If-None-Match answers 304)' })
  async get(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const view = await this.queries.get(id);
    void reply.header('etag', versionTag(view.version));
    if (isNotModified(request.headers['if-none-match'], view.version)) await reply.status(304).send();
    else await reply.send(view);
  }

  @Post(':id/events')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event: {type, ...payload, at?, expectedVersion?}; If-Match and Idempotency-Key headers' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', example: 'PUBLISH' }, at: { type: 'string' }, expectedVersion: { type: 'integer' } },
      additionalProperties: true,
    },
  })
  async send(
    @Actor() actor: string,
    @Param('id') id: string,
    @Body() body: unknown,
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
      this.commands.apply(id, command, actor, { ifMatchVersion, hook }),
    );
    return answer(reply, outcome);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The append-only history of a record, in order, a page at a time' })
  history(@Param('id') id: string, @Query() query: HistoryQuery): Promise<History> {
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

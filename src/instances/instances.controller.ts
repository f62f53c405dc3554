import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidBody, ValidQuery } from '../contract/contract';
import { Uuid } from '../contract/schema';
import { toCommand } from './event-command';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService, type InstanceList } from './instance-queries.service';
import {
  CreateInstanceBody,
  EventBody,
  HistorySchema,
  InstanceListSchema,
  InstanceViewSchema,
  ListInstancesQuery,
} from './instances.schemas';
import type { EventView, InstanceView } from '../engine/engine.types';

const ID = { id: Uuid({ description: 'The record’s id' }) };

@Controller('instances')
export class InstancesController {
  constructor(
    @Inject(InstanceCommandsService) private readonly commands: InstanceCommandsService,
    @Inject(InstanceQueriesService) private readonly queries: InstanceQueriesService,
  ) {}

  @Post()
  @Roles(Role.Administrator)
  @Contract({
    summary: 'Create a record (tender, convention, cohort) in its initial state',
    description: "The input is validated against the kind's input schema (GET /api/machines/{kind}, `input`).",
    body: CreateInstanceBody,
    documentedBody: { $ref: '#/components/schemas/CreateInstanceBody' } as never,
    responses: [{ status: 201, description: 'The new record', schema: InstanceViewSchema }],
    problems: [ErrorCode.UNKNOWN_KIND, ErrorCode.PARENT_NOT_FOUND, ErrorCode.INVALID_TIME, ErrorCode.RULE_REFUSED],
  })
  create(@Actor() actor: string, @ValidBody() body: Static<typeof CreateInstanceBody>): Promise<InstanceView> {
    return this.commands.create(body.kind, body.input ?? {}, actor, { parentId: body.parentId, at: body.at });
  }

  @Get()
  @Roles(...READERS)
  @Contract({
    summary: 'List records, filtered by kind, stage, state or parent, newest first',
    query: ListInstancesQuery,
    responses: [{ status: 200, description: 'A page of records', schema: InstanceListSchema }],
  })
  list(@ValidQuery() query: Static<typeof ListInstancesQuery>): Promise<InstanceList> {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @Contract({
    summary: 'The current view of a record',
    params: ID,
    responses: [{ status: 200, description: 'The record', schema: InstanceViewSchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  get(@Param('id') id: string): Promise<InstanceView> {
    return this.queries.get(id);
  }

  @Post(':id/events')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @Contract({
    summary: 'Send an event: {type, ...payload, at?, expectedVersion?}',
    description:
      "The payload is validated against the schema of that event for the record's kind (GET /api/machines/{kind}, `eventSchemas`).",
    params: ID,
    body: EventBody,
    documentedBody: { $ref: '#/components/schemas/EventBody' } as never,
    responses: [{ status: 200, description: 'The record after the event', schema: InstanceViewSchema }],
    problems: [
      ErrorCode.INSTANCE_NOT_FOUND,
      ErrorCode.UNKNOWN_EVENT,
      ErrorCode.INVALID_TIME,
      ErrorCode.EVENT_NOT_ACCEPTED,
      ErrorCode.VERSION_CONFLICT,
      ErrorCode.RULE_REFUSED,
    ],
  })
  send(@Actor() actor: string, @Param('id') id: string, @ValidBody() body: Static<typeof EventBody>): Promise<InstanceView> {
    return this.commands.apply(id, toCommand(body), actor);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @Contract({
    summary: 'The append-only history of a record, in order',
    params: ID,
    responses: [{ status: 200, description: 'The events', schema: HistorySchema }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND],
  })
  history(@Param('id') id: string): Promise<EventView[]> {
    return this.queries.history(id);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Role, Roles } from '../auth/roles.decorator';
import { Actor } from '../common/actor.decorator';
import { CreateInstanceDto } from './dtos/create-instance.dto';
import { toCommand } from './dtos/event-command';
import { ListInstancesQuery } from './dtos/list-instances.query';
import { InstanceCommandsService } from './instance-commands.service';
import { InstanceQueriesService, type InstanceList } from './instance-queries.service';
import type { EventView, InstanceView } from '../engine/engine.types';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstancesController {
  constructor(
    @Inject(InstanceCommandsService) private readonly commands: InstanceCommandsService,
    @Inject(InstanceQueriesService) private readonly queries: InstanceQueriesService,
  ) {}

  @Post()
  @Roles(Role.Administrator)
  @ApiOperation({ summary: 'Create a record (tender, convention, cohort) in its initial state' })
  create(@Actor() actor: string, @Body() body: CreateInstanceDto): Promise<InstanceView> {
    return this.commands.create(body.kind, body.input ?? {}, actor, { parentId: body.parentId, at: body.at });
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List records, filtered by kind, stage or state, newest first' })
  list(@Query() query: ListInstancesQuery): Promise<InstanceList> {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The current view of a record' })
  get(@Param('id') id: string): Promise<InstanceView> {
    return this.queries.get(id);
  }

  @Post(':id/events')
  @Roles(Role.Administrator)
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an event: {type, ...payload, at?, expectedVersion?}' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', example: 'PUBLISH' }, at: { type: 'string' }, expectedVersion: { type: 'integer' } },
      additionalProperties: true,
    },
  })
  send(@Actor() actor: string, @Param('id') id: string, @Body() body: unknown): Promise<InstanceView> {
    return this.commands.apply(id, toCommand(body), actor);
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The append-only history of a record, in order' })
  history(@Param('id') id: string): Promise<EventView[]> {
    return this.queries.history(id);
  }
}

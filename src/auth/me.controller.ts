import { Controller, Get, Req } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { READERS, Role, Roles } from './roles.decorator';
import { named } from '../contract/components';
import { Contract } from '../contract/contract';
import type { Principal } from './principal';

/** What each role may do, as the console needs it to show only what the API would allow. */
export const ABILITIES = {
  [Role.Administrator]: {
    createRecords: true,
    sendEvents: true,
    moveClock: false,
    fireDeadlines: false,
    readAudit: true,
    exportOpenData: true,
    manageWebhooks: true,
    readNotifications: true,
    retryNotifications: true,
  },
  [Role.Scheduler]: {
    createRecords: false,
    sendEvents: false,
    moveClock: true,
    fireDeadlines: true,
    readAudit: true,
    exportOpenData: false,
    manageWebhooks: false,
    readNotifications: false,
    retryNotifications: false,
  },
  [Role.Auditor]: {
    createRecords: false,
    sendEvents: false,
    moveClock: false,
    fireDeadlines: false,
    readAudit: true,
    exportOpenData: true,
    manageWebhooks: false,
    readNotifications: true,
    retryNotifications: false,
  },
} as const;

export const MeSchema = named(
  'Me',
  Type.Object(
    {
      name: Type.String({ description: 'The name recorded as the actor of what this principal does' }),
      role: Type.Union(
        Object.values(Role).map((role) => Type.Literal(role)),
        { description: 'The role the token carries' },
      ),
      can: Type.Object(
        {
          createRecords: Type.Boolean(),
          sendEvents: Type.Boolean(),
          moveClock: Type.Boolean(),
          fireDeadlines: Type.Boolean(),
          readAudit: Type.Boolean(),
          exportOpenData: Type.Boolean({ description: 'The open-data exports (DECP, OCDS): auditors and administrators' }),
          manageWebhooks: Type.Boolean({ description: 'List, create, rotate and delete webhook subscriptions: administrators' }),
          readNotifications: Type.Boolean({
            description: 'The deliveries, across records and on a record: administrators and auditors',
          }),
          retryNotifications: Type.Boolean({ description: 'Retry a dead delivery: administrators' }),
        },
        { description: 'What the role may do (the API stays the authority: a forced request is still refused with 403)' },
      ),
    },
    { additionalProperties: false },
  ),
);

@Controller('me')
export class MeController {
  @Get()
  @Roles(...READERS)
  @Contract({
    summary: 'Who the bearer token names: name, role and what the role may do',
    responses: [{ status: 200, description: 'The principal', schema: MeSchema }],
  })
  me(@Req() request: FastifyRequest & { principal?: Principal }): { name: string; role: Role; can: (typeof ABILITIES)[Role] } {
    const principal = request.principal!;
    return { name: principal.name, role: principal.role, can: ABILITIES[principal.role] };
  }
}

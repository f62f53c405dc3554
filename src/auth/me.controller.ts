import { Controller, Get, Req } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { READERS, Role, Roles } from './roles.decorator';
import { named } from '../contract/components';
import { Contract } from '../contract/contract';
import { readableOrganisations } from './organisations';
import { actorOf, type Principal } from './principal';

const AUDITOR_ABILITIES = {
  createRecords: false,
  sendEvents: false,
  moveClock: false,
  fireDeadlines: false,
  readAudit: true,
  exportOpenData: true,
  manageWebhooks: false,
  readNotifications: true,
  retryNotifications: false,
} as const;

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
  [Role.Auditor]: AUDITOR_ABILITIES,
  // A global auditor may do what an auditor may, on every organisation's records.
  [Role.GlobalAuditor]: AUDITOR_ABILITIES,
} as const;

export const MeSchema = named(
  'Me',
  Type.Object(
    {
      name: Type.String({ description: 'The display name: a static token’s name, or the name claim of an OpenID Connect token' }),
      actor: Type.String({
        description:
          'The actor recorded in histories for what this principal does: a static token’s name, or `Display Name <sub@issuer-host>` for an OpenID Connect token',
      }),
      subject: Type.Optional(Type.String({ description: 'The token’s `sub` (OpenID Connect tokens only)' })),
      issuer: Type.Optional(Type.String({ description: 'The token’s issuer (OpenID Connect tokens only)' })),
      organisations: Type.Array(Type.String(), {
        description:
          'The organisations the principal belongs to (a static token’s `@org1+org2`, else the default organisation; an OpenID Connect token’s OIDC_ORG_CLAIM). Administrators and auditors reach only their records',
      }),
      allOrganisations: Type.Boolean({
        description: 'Reads the records of every organisation (global auditors and schedulers)',
      }),
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
          exportOpenData: Type.Boolean({ description: 'The open-data exports (DECP, OCDS): auditors, global auditors and administrators' }),
          manageWebhooks: Type.Boolean({ description: 'List, create, rotate and delete webhook subscriptions: administrators' }),
          readNotifications: Type.Boolean({
            description: 'The deliveries, across records and on a record: administrators, auditors and global auditors',
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
    summary:
      'Who the bearer token names: name, recorded actor, role, organisations (and, for an OpenID Connect token, subject and issuer) and what the role may do',
    responses: [{ status: 200, description: 'The principal', schema: MeSchema }],
  })
  me(@Req() request: FastifyRequest & { principal?: Principal }): Static<typeof MeSchema> {
    const principal = request.principal!;
    return {
      name: principal.name,
      actor: actorOf(principal),
      role: principal.role,
      ...(principal.subject !== undefined ? { subject: principal.subject } : {}),
      ...(principal.issuer !== undefined ? { issuer: principal.issuer } : {}),
      organisations: [...(principal.organisations ?? [])],
      allOrganisations: readableOrganisations(principal) === undefined,
      can: ABILITIES[principal.role],
    };
  }
}

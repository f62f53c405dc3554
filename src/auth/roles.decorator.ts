import { SetMetadata } from '@nestjs/common';

/** The kinds of users (product brief); a global auditor reads every organisation's records and writes nothing. */
export enum Role {
  Administrator = 'administrator',
  Scheduler = 'scheduler',
  Auditor = 'auditor',
  GlobalAuditor = 'global-auditor',
}

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** Which roles may call a route. A route with neither @Roles nor @Public is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no token (readiness). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reads: every role may read; writes are given explicitly. */
export const READERS = [Role.Administrator, Role.Scheduler, Role.Auditor, Role.GlobalAuditor];

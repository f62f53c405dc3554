import { DomainError, ErrorCode } from '../common/errors/domain-error';
import type { Principal } from './principal';
import { Role } from './roles.decorator';

/** The organisation of records and principals when none is named (DEFAULT_ORGANISATION's default). */
export const DEFAULT_ORGANISATION = 'default';

/** An organisation's name: 1 to 200 characters, no white space, comma, plus, colon nor at sign. */
export const ORGANISATION_PATTERN = /^[^\s,+:@]{1,200}$/u;

/** Why `name` is not an organisation's name, or undefined when it is one. */
export function organisationProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 200) return 'must be 1 to 200 characters';
  if (!ORGANISATION_PATTERN.test(name)) return 'must have no white space, comma, plus, colon nor at sign';
  return undefined;
}

/**
 * The organisations whose records a principal may read: undefined for every record (a global
 * auditor, a scheduler: deadlines are not per organisation), else the principal's own.
 */
export function readableOrganisations(principal: Principal): readonly string[] | undefined {
  if (principal.role === Role.GlobalAuditor || principal.role === Role.Scheduler) return undefined;
  return principal.organisations ?? [];
}

/** Whether a principal may read a record of `organisation`. */
export function mayRead(principal: Principal, organisation: string): boolean {
  const readable = readableOrganisations(principal);
  return readable === undefined || readable.includes(organisation);
}

/**
 * The organisation a new record (without a parent) belongs to: the one named, if the principal is
 * one of its members; else the principal's only organisation. Several and none named: 400 naming them.
 */
export function organisationForNewRecord(principal: Principal, named: string | undefined): string {
  const own = principal.organisations ?? [];
  if (named !== undefined) {
    if (!own.includes(named)) {
      throw new DomainError(ErrorCode.ORGANISATION_FORBIDDEN, `${principal.name} does not belong to the organisation "${named}".`, {
        organisations: own,
      });
    }
    return named;
  }
  if (own.length === 1) return own[0];
  if (own.length === 0) {
    throw new DomainError(ErrorCode.ORGANISATION_FORBIDDEN, `${principal.name} belongs to no organisation: it may create no record.`, {
      organisations: own,
    });
  }
  throw new DomainError(
    ErrorCode.ORGANISATION_REQUIRED,
    `${principal.name} belongs to several organisations: name one in "organisation" (${own.join(', ')}).`,
    { organisations: own },
  );
}

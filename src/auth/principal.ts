import { Role } from './roles.decorator';

/**
 * Who is calling, and their role. A static token's principal is its name; a principal from an
 * OpenID Connect token also has its subject (`sub`) and its issuer. Both have organisations.
 */
export interface Principal {
  /** The display name: a static token's name, or the token's name claim. */
  name: string;
  role: Role;
  /** The token's `sub` (OpenID Connect only). */
  subject?: string;
  /** The token's `iss` (OpenID Connect only). */
  issuer?: string;
  /**
   * The organisations the principal belongs to: a static token's `@org1+org2` (the default
   * organisation without one), an OpenID Connect token's OIDC_ORG_CLAIM (none when absent).
   * Administrators and auditors reach only these organisations' records (src/auth/organisations.ts).
   */
  organisations?: string[];
}

/**
 * The actor recorded in histories for what the principal does: a static token's name as it is;
 * for an OpenID Connect principal, `Display Name <sub@issuer-host>`, which names the person and
 * stays the same when the display name changes at the provider (the part in angle brackets is the
 * stable identity). At most 200 characters (the history's column).
 */
export function actorOf(principal: Principal): string {
  if (principal.subject === undefined || principal.issuer === undefined) return principal.name;
  let host: string;
  try {
    host = new URL(principal.issuer).host;
  } catch {
    host = principal.issuer;
  }
  const identity = `${principal.subject}@${host}`.slice(0, 130);
  const name = principal.name
    .replace(/[\p{Cc}<>]/gu, '')
    .trim()
    .slice(0, 64);
  return name === '' || name === principal.subject ? `<${identity}>` : `${name} <${identity}>`;
}

/**
 * Turns a bearer credential into a principal, or undefined when it is not valid. A verifier may
 * also throw a DomainError saying why a credential is refused (an expired JWT, a wrong audience).
 */
export interface Authenticator {
  authenticate(bearer: string): Promise<Principal | undefined>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

export const ROLE_VALUES = Object.values(Role) as string[];

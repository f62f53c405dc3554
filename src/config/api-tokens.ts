import { hash } from 'node:crypto';
import { ROLE_VALUES, type Principal } from '../auth/principal';
import { DEFAULT_ORGANISATION, organisationProblem } from '../auth/organisations';
import type { Role } from '../auth/roles.decorator';

/** Tokens shorter than this are refused: a bearer token must not be guessable. */
export const MIN_TOKEN_LENGTH = 16;

const NAME_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;

/** A token as stored: `sha256:` and the hex SHA-256 of the token. */
const STORED_DIGEST = /^sha256:([0-9a-f]{64})$/;

/** An entry with its token as it is, or (in the token file, or in API_TOKENS) only the token's SHA-256. */
export type ApiTokenEntry = { principal: Principal; token: string } | { principal: Principal; digest: string };

/** The SHA-256 of a token, in hex: what the token file stores. */
export function tokenDigest(token: string): string {
  return hash('sha256', token, 'hex');
}

/** `sha256:<hex>`: a token as the token file stores it. */
export function storedToken(token: string): string {
  return `sha256:${tokenDigest(token)}`;
}

export function digestOf(entry: ApiTokenEntry): string {
  return 'digest' in entry ? entry.digest : tokenDigest(entry.token);
}

/**
 * Reads `name=role:token,name=role@org1+org2:token` (the organisations the principal belongs to
 * after `@`, joined by `+`; without them, `defaultOrganisation`; a token may be given as `sha256:<64 hex digits>`, its
 * digest, as the token file stores it; commas or new lines between entries, `#` starts a comment
 * line). Every problem is described by the entry's position and name, never by its token, so that the
 * description can be printed and logged.
 */
export function checkApiTokens(
  spec: string,
  defaultOrganisation: string = DEFAULT_ORGANISATION,
): { entries: ApiTokenEntry[]; problems: string[] } {
  const texts = spec
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (texts.length === 0)
    return { entries: [], problems: ['names no principal (expected name=role:token or name=role@organisation:token,…)'] };
  const problems: string[] = [];
  const entries: ApiTokenEntry[] = [];
  const positionByName = new Map<string, number>();
  const positionByToken = new Map<string, number>();
  texts.forEach((text, index) => {
    const position = index + 1;
    const equals = text.indexOf('=');
    const colon = equals < 0 ? -1 : text.indexOf(':', equals);
    const name = equals < 0 ? '' : text.slice(0, equals);
    // Only a well-formed name is repeated back: anything else might be a token pasted in the wrong place.
    const label = NAME_PATTERN.test(name) ? `entry ${position} (${name})` : `entry ${position}`;
    if (equals < 0 || colon < 0) {
      problems.push(`${label} must be name=role:token`);
      return;
    }
    const roleAndOrganisations = text.slice(equals + 1, colon);
    const at = roleAndOrganisations.indexOf('@');
    const role = at < 0 ? roleAndOrganisations : roleAndOrganisations.slice(0, at);
    const organisations = at < 0 ? [defaultOrganisation] : roleAndOrganisations.slice(at + 1).split('+');
    const token = text.slice(colon + 1);
    if (!NAME_PATTERN.test(name)) {
      problems.push(`${label} must start with a name of 1 to 100 letters, digits or . _ @ -`);
      return;
    }
    if (!ROLE_VALUES.includes(role)) {
      const shown = /^[A-Za-z-]{1,40}$/.test(role) ? `"${role}"` : 'given';
      problems.push(`${label} must have a role among ${ROLE_VALUES.join(', ')} (${shown} is not one)`);
      return;
    }
    const badOrganisation = organisations.find((organisation) => organisationProblem(organisation) !== undefined);
    if (badOrganisation !== undefined) {
      const shown = /^[A-Za-z0-9._-]{1,40}$/.test(badOrganisation) ? `"${badOrganisation}"` : 'one';
      problems.push(
        `${label} must name organisations of 1 to 200 characters without spaces, commas, plus, colon or at signs after @, joined by + (${shown} is not one)`,
      );
      return;
    }
    const stored = STORED_DIGEST.exec(token)?.[1];
    if (stored === undefined && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) {
      problems.push(`${label} must have a token of ${MIN_TOKEN_LENGTH} characters or more without spaces (${token.length} given)`);
      return;
    }
    const namedBefore = positionByName.get(name);
    if (namedBefore !== undefined) {
      problems.push(`${label} must have a name of its own (entry ${namedBefore} has it too)`);
      return;
    }
    const digest = stored ?? tokenDigest(token);
    const tokenBefore = positionByToken.get(digest);
    if (tokenBefore !== undefined) {
      problems.push(`${label} must have a token of its own (entry ${tokenBefore} has the same)`);
      return;
    }
    positionByName.set(name, position);
    positionByToken.set(digest, position);
    const principal = { name, role: role as Role, organisations: [...new Set(organisations)] };
    entries.push(stored === undefined ? { principal, token } : { principal, digest: stored });
  });
  return { entries, problems };
}

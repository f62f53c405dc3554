import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import type { OidcConfig } from '../config/app-config';
import { actorOf, type Authenticator, type Principal } from './principal';
import { Role } from './roles.decorator';

/** Asymmetric signatures only: never `none`, never HS* (a shared secret the provider's public key could stand for). */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'PS256', 'EdDSA'];

/** Three base64url parts separated by dots: the compact form of a JWS. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(bearer: string): boolean {
  return JWT_SHAPE.test(bearer);
}

/**
 * Why a JWT is refused: the `reason` of a TOKEN_INVALID problem (401), including a genuine token
 * for a genuine token that gives no role of this service.
 */
export type TokenRefusalReason =
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claims'
  | 'no_subject'
  | 'provider_unreachable'
  | 'no_role'
  | 'unmapped_role';

function refused(reason: TokenRefusalReason, detail: string): DomainError {
  return new DomainError(ErrorCode.TOKEN_INVALID, detail, { reason });
}

/**
 * The JWKS of the provider could not be had: no discovery document, no key set, a timeout. `attempted`:
 * the provider was tried for this token (false: refused at once, within the back-off after a failure).
 */
class ProviderUnreachable extends Error {
  /** Logged already (the tokens that waited for one attempt share its error). */
  logged = false;

  constructor(
    message: string,
    readonly attempted = true,
  ) {
    super(message);
  }
}

/** After a failed discovery, the provider is not tried again for 1 s, then 2, 4… up to a minute. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;

/** Roles by precedence, when a token maps to several: a principal has one role. */
const ROLE_PRECEDENCE = [Role.Administrator, Role.Scheduler, Role.GlobalAuditor, Role.Auditor];

export interface OidcLogger {
  error(message: string): void;
}

/** Reads a dotted path (`realm_access.roles`) in a payload; a claim whose own name has dots is found too. */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return [];
}

/**
 * Verifies access tokens issued by the configured OpenID Connect provider. The key set's address is
 * read from the discovery document at the first token (then kept); jose's remote key set caches the
 * keys and fetches them again when a token names a key it does not have (a key rotated at the
 * provider), at most once per cooldown.
 */
export class OidcAuthenticator implements Authenticator {
  private keys?: JWTVerifyGetKey;
  private discovering?: Promise<JWTVerifyGetKey>;
  /** The last failed discovery: no other is tried before `until` (each token meanwhile is refused at once). */
  private outage?: { until: number; delayMs: number; message: string };

  constructor(
    private readonly config: OidcConfig,
    private readonly logger: OidcLogger,
    private readonly timeoutMs = 5_000,
  ) {}

  async authenticate(bearer: string): Promise<Principal> {
    if (!looksLikeJwt(bearer)) throw refused('malformed', 'The bearer token is not a JWT (three base64url parts separated by dots).');
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(bearer).alg;
    } catch {
      throw refused('malformed', 'The bearer token is not a JWT: its header does not decode.');
    }
    if (typeof alg !== 'string' || !OIDC_ALGORITHMS.includes(alg)) {
      throw refused(
        'algorithm_not_allowed',
        `The token is signed with ${typeof alg === 'string' ? JSON.stringify(alg.slice(0, 20)) : 'no algorithm'}; only ${OIDC_ALGORITHMS.join(', ')} are accepted.`,
      );
    }
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(bearer, keys, {
        issuer: this.config.issuer,
        audience: this.config.audiences,
        algorithms: OIDC_ALGORITHMS,
        clockTolerance: this.config.clockToleranceS,
      }));
    } catch (error) {
      throw this.refusal(error);
    }
    return this.principalOf(payload);
  }

  private refusal(error: unknown): DomainError {
    if (error instanceof ProviderUnreachable) {
      // Logged when the provider was tried, not for each token refused meanwhile.
      if (error.attempted && !error.logged) {
        error.logged = true;
        this.logger.error(`identity provider ${this.config.issuer} unreachable: ${error.message}`);
      }
      return refused(
        'provider_unreachable',
        'The identity provider could not be reached to check the token’s signature; try again later (the outage is logged).',
      );
    }
    if (error instanceof errors.JWTExpired) return refused('expired', 'The token has expired: sign in again.');
    if (error instanceof errors.JWTClaimValidationFailed) {
      switch (error.claim) {
        case 'iss':
          return refused('wrong_issuer', `The token was not issued by ${this.config.issuer}.`);
        case 'aud':
          return refused(
            'wrong_audience',
            `The token is not meant for this service (its audience is not ${this.config.audiences.join(' or ')}).`,
          );
        case 'nbf':
          return refused('not_yet_valid', 'The token is not valid yet (nbf is in the future).');
        default:
          return refused('invalid_claims', `The token's ${error.claim} claim is not acceptable (${error.reason}).`);
      }
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return refused('bad_signature', 'The token’s signature does not verify.');
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
      return refused('unknown_key', 'The token is signed with a key the identity provider does not publish.');
    }
    if (error instanceof errors.JOSEAlgNotAllowed) {
      return refused('algorithm_not_allowed', `The token's algorithm is not accepted; only ${OIDC_ALGORITHMS.join(', ')} are.`);
    }
    if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid || error instanceof errors.JOSENotSupported) {
      return refused('malformed', `The token is malformed (${error.message}).`);
    }
    return refused('malformed', 'The token could not be verified.');
  }

  private principalOf(payload: JWTPayload): Principal {
    const subject = typeof payload.sub === 'string' && payload.sub.trim() !== '' ? payload.sub : undefined;
    if (subject === undefined) throw refused('no_subject', 'The token has no sub claim: it names nobody.');
    const claims = payload as Record<string, unknown>;
    const name =
      [claimAt(claims, this.config.nameClaim), claims.preferred_username].find(
        (value): value is string => typeof value === 'string' && value.trim() !== '',
      ) ?? subject;
    const principal = {
      name: name.trim(),
      subject,
      issuer: this.config.issuer,
      organisations: strings(claimAt(claims, this.config.organisationsClaim)),
    };
    const given = strings(claimAt(claims, this.config.rolesClaim));
    const mapped = Object.keys(this.config.roleMap).length > 0 ? given.map((role) => this.config.roleMap[role]) : given;
    const role = ROLE_PRECEDENCE.find((candidate) => mapped.includes(candidate)) ?? (this.config.defaultRole as Role | undefined);
    if (role === undefined) {
      const who = actorOf({ ...principal, role: Role.Auditor });
      // 401 as the other refusals of a token (a token that gives no role is not a credential of this
      // service); its reason tells a console to say "no access" rather than ask for the same sign-in.
      throw new DomainError(
        ErrorCode.TOKEN_INVALID,
        given.length === 0
          ? `${who} has no role in this service: the token has no ${this.config.rolesClaim} claim (or it is empty), and no OIDC_DEFAULT_ROLE is set.`
          : `${who} has no role in this service: none of the token's ${this.config.rolesClaim} (${given.slice(0, 10).join(', ')}) is ${Object.keys(this.config.roleMap).length > 0 ? 'mapped to one by OIDC_ROLE_MAP' : `one of ${ROLE_PRECEDENCE.join(', ')}`}.`,
        { reason: given.length === 0 ? 'no_role' : 'unmapped_role' },
      );
    }
    return { ...principal, role };
  }

  /** The provider's key set, its address found once in the discovery document; a failed discovery is tried again at the next token. */
  private async keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.guarded(this.keys);
    const outage = this.outage;
    if (outage && Date.now() < outage.until) {
      const retry = new Date(outage.until).toISOString();
      throw this.refusal(new ProviderUnreachable(`${outage.message}; not tried again before ${retry}`, false));
    }
    this.discovering ??= this.discover()
      .then(
        (keys) => {
          this.outage = undefined;
          return keys;
        },
        (error: unknown) => {
          const delayMs = this.outage ? Math.min(this.outage.delayMs * 2, MAX_BACKOFF_MS) : FIRST_BACKOFF_MS;
          this.outage = { until: Date.now() + delayMs, delayMs, message: error instanceof Error ? error.message : String(error) };
          throw error;
        },
      )
      .finally(() => {
        this.discovering = undefined;
      });
    try {
      this.keys = await this.discovering;
    } catch (error) {
      throw this.refusal(error);
    }
    return this.guarded(this.keys);
  }

  /** Key look-ups whose failure to fetch is told apart from a key the provider does not have. */
  private guarded(keys: JWTVerifyGetKey): JWTVerifyGetKey {
    return async (header, token) => {
      try {
        return await keys(header, token);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        if (error instanceof errors.JOSENotSupported) throw error;
        throw new ProviderUnreachable(`key set: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const address = `${this.config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(address, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
      if (!response.ok) throw new Error(`${address} answered ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ProviderUnreachable(
        `discovery ${address}: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`,
      );
    }
    if (document.issuer !== this.config.issuer) {
      throw new ProviderUnreachable(`discovery ${address} names the issuer ${JSON.stringify(document.issuer)}, not ${this.config.issuer}`);
    }
    let jwksUri: URL;
    try {
      jwksUri = new URL(String(document.jwks_uri));
    } catch {
      throw new ProviderUnreachable(`discovery ${address} has no valid jwks_uri`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(jwksUri.hostname);
    if (jwksUri.protocol !== 'https:' && !(jwksUri.protocol === 'http:' && loopback)) {
      throw new ProviderUnreachable(`discovery ${address} gives a jwks_uri that is not https: ${jwksUri.toString()}`);
    }
    return createRemoteJWKSet(jwksUri, {
      timeoutDuration: this.timeoutMs,
      cooldownDuration: this.config.jwksCooldownS * 1000,
    });
  }
}

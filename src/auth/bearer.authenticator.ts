import { looksLikeJwt, type OidcAuthenticator } from './oidc.authenticator';
import type { Authenticator, Principal } from './principal';

/**
 * Static tokens and, when OIDC_ISSUER is set, JWTs from the provider, side by side: a bearer that a
 * static token matches is that token's principal; otherwise one that has the form of a JWT is
 * verified as one (and refused with its reason); anything else is unknown.
 */
export class BearerAuthenticator implements Authenticator {
  constructor(
    private readonly tokens: Authenticator,
    private readonly oidc?: OidcAuthenticator,
  ) {}

  async authenticate(bearer: string): Promise<Principal | undefined> {
    const known = await this.tokens.authenticate(bearer);
    if (known) return known;
    if (this.oidc && looksLikeJwt(bearer)) return this.oidc.authenticate(bearer);
    return undefined;
  }
}

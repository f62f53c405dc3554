import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface SignOptions {
  /** Seconds from now; negative: already expired. Default: 300. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid (nbf). */
  notBefore?: number;
  issuer?: string;
  audience?: string | string[];
  /** Another key than the provider's current one (a key it does not publish, say). */
  key?: SigningKey;
  /** The kid put in the header (default: the key's own). */
  kid?: string;
}

/** A key pair for signing, with its public JWK. */
export async function makeKey(alg = 'RS256', kid = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/**
 * A real OpenID provider on loopback, for tests: its discovery document and key set over HTTP, keys
 * made with jose, tokens signed with its current key. `rotate()` replaces the key (a new kid; the old
 * key leaves the key set). `requests` counts what was fetched.
 */
export class TestOidcProvider {
  readonly requests = { discovery: 0, jwks: 0 };
  private key!: SigningKey;

  private readonly server: Server;
  private issuerAddress = '';

  private constructor(readonly audience: string) {
    this.server = createServer((request, response) => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/realms/test/.well-known/openid-configuration') {
        this.requests.discovery += 1;
        return send(200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/jwks`,
          authorization_endpoint: `${this.issuer}/auth`,
          token_endpoint: `${this.issuer}/token`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (path === '/realms/test/jwks') {
        this.requests.jwks += 1;
        return send(200, { keys: [this.key.publicJwk] });
      }
      return send(404, { error: 'not found' });
    });
  }

  /** `http://127.0.0.1:<port>/realms/test`. */
  get issuer(): string {
    return this.issuerAddress;
  }

  static async start(audience = 'procurement-engine'): Promise<TestOidcProvider> {
    const provider = new TestOidcProvider(audience);
    provider.key = await makeKey();
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    const { port } = provider.server.address() as AddressInfo;
    provider.issuerAddress = `http://127.0.0.1:${port}/realms/test`;
    return provider;
  }

  /** The provider's current key. */
  get currentKey(): SigningKey {
    return this.key;
  }

  /** A new key with a new kid; the previous one is no longer published. */
  async rotate(): Promise<SigningKey> {
    this.key = await makeKey();
    return this.key;
  }

  /** A JWT with `claims`, from this issuer for its audience, valid for five minutes unless `options` say otherwise. */
  async sign(claims: JWTPayload & Record<string, unknown>, options: SignOptions = {}): Promise<string> {
    const key = options.key ?? this.key;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
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
  readonly requests = { discovery: 0, jwks: 0, authorize: 0, token: 0 };
  private key!: SigningKey;
  /** Who signs in at the authorization endpoint (no login form: the person is already known here). */
  signInClaims: Record<string, unknown> = { sub: 'agent-42', name: 'Marie Dupont', roles: ['administrator'] };
  /** Codes handed out by the authorization endpoint, until exchanged (once). */
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; nonce?: string }>();

  private readonly server: Server;
  private issuerAddress = '';

  private constructor(readonly audience: string) {
    this.server = createServer((request, response) => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const url = new URL(request.url ?? '/', 'http://provider');
      const path = url.pathname;
      // A browser page of another origin (the console) reads the discovery document and calls the token endpoint.
      response.setHeader('access-control-allow-origin', '*');
      if (request.method === 'OPTIONS') {
        response.writeHead(204, { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' });
        return response.end();
      }
      if (path === '/realms/test/auth') return this.authorize(url, response);
      if (path === '/realms/test/token' && request.method === 'POST') {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => void this.token(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), send));
        return;
      }
      if (path === '/realms/test/.well-known/openid-configuration') {
        this.requests.discovery += 1;
        return send(200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/jwks`,
          authorization_endpoint: `${this.issuer}/auth`,
          token_endpoint: `${this.issuer}/token`,
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
      }
      if (path === '/realms/test/jwks') {
        this.requests.jwks += 1;
        return send(200, { keys: [this.key.publicJwk] });
      }
      return send(404, { error: 'not found' });
    });
  }

  /**
   * The authorization endpoint: the person in `signInClaims` is signed in at once (a real provider
   * would show its login form), and sent back to the client's redirect address with a code.
   */
  private authorize(url: URL, response: ServerResponse): void {
    this.requests.authorize += 1;
    const query = url.searchParams;
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    if (!redirectUri || query.get('response_type') !== 'code' || !challenge || query.get('code_challenge_method') !== 'S256') {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('bad authorization request');
      return;
    }
    const code = randomUUID();
    this.codes.set(code, { clientId: query.get('client_id') ?? '', redirectUri, challenge, nonce: query.get('nonce') ?? undefined });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    back.searchParams.set('iss', this.issuer);
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  /** The token endpoint: a code once, for its client and redirect address, with the PKCE verifier that matches its challenge. */
  private async token(form: URLSearchParams, send: (status: number, body: unknown) => void): Promise<void> {
    this.requests.token += 1;
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !issued ||
      issued.clientId !== form.get('client_id') ||
      issued.redirectUri !== form.get('redirect_uri') ||
      issued.challenge !== challenge
    ) {
      return send(400, { error: 'invalid_grant' });
    }
    const accessToken = await this.sign(this.signInClaims);
    const idToken = await this.sign(
      { ...this.signInClaims, ...(issued.nonce ? { nonce: issued.nonce } : {}) },
      { audience: issued.clientId },
    );
    send(200, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 300 });
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

  /** Answers again on the same address after `close` (the end of an outage). */
  async reopen(): Promise<void> {
    const port = Number(new URL(this.issuerAddress).port);
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
  }
}

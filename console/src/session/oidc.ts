import * as oauth from 'oauth4webapi';

/**
 * Sign-in with the service's OpenID Connect provider: the authorization-code flow with PKCE, as a
 * public client (no secret in a browser), through oauth4webapi. The provider is the one the API
 * accepts JWTs from (GET /api/auth/config); the console's redirect address is `${origin}/sign-in/callback`,
 * to register with the provider. What is kept between the redirect and the return (the PKCE verifier,
 * the state, the nonce, the page to go back to) lives in this tab's session storage, and only until
 * the return.
 */

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string[];
}

export const CALLBACK_PATH = '/sign-in/callback';
const PENDING_KEY = 'console.oidc.pending';

interface Pending {
  issuer: string;
  clientId: string;
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** The refusal of a sign-in by the provider, or a return that does not match the request. */
export class OidcSignInError extends Error {}

/** Plain http is for a provider on this machine only (a test or a local provider); anywhere else, https. */
function requestOptions(issuer: URL) {
  const loopback = issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1' || issuer.hostname === '[::1]';
  return loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: 'oidc', ...requestOptions(url) }));
}

function redirectUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

/** Sends the browser to the provider's sign-in page; it comes back to CALLBACK_PATH. */
export async function startOidcSignIn(settings: OidcSettings, returnTo: string): Promise<void> {
  const server = await discover(settings.issuer);
  if (!server.authorization_endpoint) throw new OidcSignInError('The provider names no authorization endpoint.');
  const pending: Pending = {
    issuer: settings.issuer,
    clientId: settings.clientId,
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: settings.scopes.join(' '),
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  }).toString();
  window.location.assign(url.toString());
}

/**
 * On the return from the provider: checks the state, exchanges the code (with the PKCE verifier) at
 * the token endpoint, checks the ID token's claims and nonce, and gives the bearer the API is to
 * receive: the access token when it is a JWT (a provider that issues them for the API's audience),
 * else the ID token (whose audience is this client).
 */
export async function completeOidcSignIn(returned: URL): Promise<{ bearer: string; returnTo: string }> {
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!saved) throw new OidcSignInError('No sign-in was started from this tab.');
  const pending = JSON.parse(saved) as Pending;
  const server = await discover(pending.issuer);
  const client: oauth.Client = { client_id: pending.clientId };
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(server, client, returned, pending.state);
  } catch (error) {
    throw new OidcSignInError(error instanceof Error ? error.message : String(error));
  }
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.verifier,
    requestOptions(new URL(pending.issuer)),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  });
  const jwt = /^[\w-]+\.[\w-]+\.[\w-]*$/;
  const bearer = jwt.test(tokens.access_token) ? tokens.access_token : tokens.id_token;
  if (!bearer) throw new OidcSignInError('The provider answered no token the API can read.');
  return { bearer, returnTo: pending.returnTo };
}

import { SignJWT } from 'jose';
import { freePort } from './support/built-service';
import { LogCapture } from './support/log-capture';
import { makeKey, TestOidcProvider } from './support/oidc-provider';
import { bearer, startTestApp, TEST_PRINCIPALS, testDatabases, type TestApp } from './support/test-app';

const SUBJECT = 'f2a1c0de-5b7e-4c59-9a63-0d1e2f3a4b5c';
const MARIE = {
  sub: SUBJECT,
  name: 'Marie Dupont',
  preferred_username: 'mdupont',
  realm_access: { roles: ['offline_access', 'agent-achat'] },
  org: ['21210231300014'],
};

const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('OpenID Connect bearer JWTs, beside static tokens', () => {
  const [sqlite] = testDatabases();
  let provider: TestOidcProvider;
  let t: TestApp;
  let host: string;

  beforeAll(async () => {
    provider = await TestOidcProvider.start();
    host = new URL(provider.issuer).host;
    t = await startTestApp(sqlite, {
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: provider.audience,
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'agent-achat=administrator,controle=auditor,planification=scheduler',
      // Rotation below is picked up at once (in production, a refetch on an unknown kid waits 30 s after the last).
      OIDC_JWKS_COOLDOWN_S: '0',
    });
  });

  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Asks GET /api/me with `token`: its status, code and reason. */
  async function me(token: string) {
    const answer = await t.request('GET', '/api/me', undefined, asBearer(token));
    return { status: answer.status, code: answer.body?.code, reason: answer.body?.reason, body: answer.body, headers: answer.headers };
  }

  it('fetches no key before the first token, then accepts a valid token: the event’s actor names the person', async () => {
    expect(provider.requests).toMatchObject({ discovery: 0, jwks: 0 });
    const token = await provider.sign(MARIE);
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'OIDC' } }, asBearer(token));
    expect(created.status).toBe(201);
    const history = await t.request('GET', `/api/instances/${created.body.id}/history`, undefined, asBearer(token));
    expect(history.status).toBe(200);
    const actor = `Marie Dupont <${SUBJECT}@${host}>`;
    expect(history.body.items[0]).toMatchObject({ type: 'CREATE', actor });
    const event = await t.request(
      'POST',
      `/api/instances/${created.body.id}/events`,
      { type: 'UPDATE_DRAFT', object: 'x' },
      asBearer(token),
    );
    expect(event.status).toBe(200);
    // The key set is cached: one discovery, one fetch of the keys.
    expect(provider.requests).toMatchObject({ discovery: 1, jwks: 1 });
  });

  it('walls records by the organisations claim: a record is of its creator’s, another organisation’s token answers 404, no claim reaches none', async () => {
    const marie = asBearer(await provider.sign(MARIE));
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Dijon' } }, marie);
    expect([created.status, created.body.organisation]).toEqual([201, '21210231300014']);
    const other = asBearer(
      await provider.sign({ ...MARIE, sub: 'other-agent', org: '24210000000012', realm_access: { roles: ['controle'] } }),
    );
    const unknown = await t.request('GET', `/api/instances/00000000-0000-4000-8000-000000000000`, undefined, other);
    const foreign = await t.request('GET', `/api/instances/${created.body.id}`, undefined, other);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(
      JSON.parse(JSON.stringify(unknown.body).split('00000000-0000-4000-8000-000000000000').join(created.body.id)),
    );
    const list = await t.request('GET', '/api/instances?limit=500', undefined, other);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);
    // Without the claim: no organisation; such an administrator may create nothing, such an auditor reads nothing.
    const { org: _org, ...unclaimed } = MARIE;
    const none = asBearer(await provider.sign(unclaimed));
    expect((await t.request('POST', '/api/instances', { kind: 'tender', input: {} }, none)).body.code).toBe('ORGANISATION_FORBIDDEN');
    expect((await t.request('GET', `/api/instances/${created.body.id}`, undefined, none)).status).toBe(404);
    expect((await t.request('GET', '/api/instances', undefined, none)).body.total).toBe(0);
  });

  it('shows the console who signed in: name, actor, role, subject, issuer, organisations', async () => {
    const answer = await me(await provider.sign(MARIE));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      name: 'Marie Dupont',
      actor: `Marie Dupont <${SUBJECT}@${host}>`,
      role: 'administrator',
      subject: SUBJECT,
      issuer: provider.issuer,
      organisations: ['21210231300014'],
      can: { createRecords: true },
    });
    // Without a name claim: preferred_username, then sub.
    const { name: _name, ...withoutName } = MARIE;
    expect((await me(await provider.sign(withoutName))).body.name).toBe('mdupont');
    const { preferred_username: _username, ...anonymous } = withoutName;
    expect((await me(await provider.sign(anonymous))).body).toMatchObject({ name: SUBJECT, actor: `<${SUBJECT}@${host}>` });
  });

  it('gives a principal one role: mapped, by precedence when the token has several', async () => {
    const auditor = await me(await provider.sign({ ...MARIE, realm_access: { roles: ['controle'] } }));
    expect(auditor.body.role).toBe('auditor');
    const both = await me(await provider.sign({ ...MARIE, realm_access: { roles: ['controle', 'planification'] } }));
    expect(both.body.role).toBe('scheduler');
    // The role still decides what may be done.
    const token = await provider.sign({ ...MARIE, realm_access: { roles: ['controle'] } });
    const refused = await t.request('POST', '/api/instances', { kind: 'tender', input: {} }, asBearer(token));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('refuses each bad token with 401 TOKEN_INVALID and its reason', async () => {
    const stranger = await makeKey();
    const cases: [string, Promise<string> | string, string][] = [
      ['a key the provider does not publish', provider.sign(MARIE, { key: stranger }), 'unknown_key'],
      ['another key under the provider’s kid', provider.sign(MARIE, { key: stranger, kid: provider.currentKey.kid }), 'bad_signature'],
      ['expired beyond the tolerance', provider.sign(MARIE, { expiresIn: -120 }), 'expired'],
      ['not valid yet', provider.sign(MARIE, { notBefore: 600 }), 'not_yet_valid'],
      ['for another audience', provider.sign(MARIE, { audience: 'another-service' }), 'wrong_audience'],
      ['from another issuer', provider.sign(MARIE, { issuer: 'http://127.0.0.1:1/realms/other' }), 'wrong_issuer'],
      [
        'alg none',
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...MARIE, iss: provider.issuer, aud: provider.audience })}.`,
        'algorithm_not_allowed',
      ],
      [
        'HS256 with the public key as the secret',
        new SignJWT(MARIE)
          .setProtectedHeader({ alg: 'HS256', kid: provider.currentKey.kid })
          .setIssuer(provider.issuer)
          .setAudience(provider.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JSON.stringify(provider.currentKey.publicJwk))),
        'algorithm_not_allowed',
      ],
      ['a header that does not decode', 'bm90IGpzb24.e30.c2ln', 'malformed'],
      ['no sub', provider.sign({ name: 'Nobody', realm_access: { roles: ['agent-achat'] } }), 'no_subject'],
    ];
    for (const [what, token, reason] of cases) {
      const answer = await me(await token);
      expect({ what, status: answer.status, code: answer.code, reason: answer.reason }).toEqual({
        what,
        status: 401,
        code: 'TOKEN_INVALID',
        reason,
      });
      expect(answer.body.detail).toEqual(expect.any(String));
      expect(answer.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    // Within the clock tolerance (30 s by default), a just-expired token still passes.
    expect((await me(await provider.sign(MARIE, { expiresIn: -10 }))).status).toBe(200);
  });

  it('refuses a genuine token that gives no role of ours with 401 and says why', async () => {
    const { realm_access: _roles, ...roleless } = MARIE;
    const missing = await me(await provider.sign(roleless));
    expect(missing).toMatchObject({ status: 401, code: 'TOKEN_INVALID', reason: 'no_role' });
    expect(missing.body.detail).toContain(`Marie Dupont <${SUBJECT}@${host}> has no role in this service`);
    expect(missing.body.detail).toContain('realm_access.roles');
    const unmapped = await me(await provider.sign({ ...MARIE, realm_access: { roles: ['comptable', 'administrator'] } }));
    expect(unmapped).toMatchObject({ status: 401, code: 'TOKEN_INVALID', reason: 'unmapped_role' });
    expect(unmapped.body.detail).toContain('comptable');
  });

  it('picks up a key rotated at the provider without a restart; the old key is then unknown', async () => {
    const old = await provider.sign(MARIE);
    expect((await me(old)).status).toBe(200);
    await provider.rotate();
    const fetched = provider.requests.jwks;
    expect((await me(await provider.sign(MARIE))).status).toBe(200);
    expect(provider.requests.jwks).toBe(fetched + 1);
    expect(await me(old)).toMatchObject({ status: 401, code: 'TOKEN_INVALID', reason: 'unknown_key' });
  });

  it('still accepts static tokens, and refuses an unknown opaque one as before', async () => {
    const answer = await t.request('GET', '/api/me', undefined, bearer('auditor'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: TEST_PRINCIPALS.auditor, actor: TEST_PRINCIPALS.auditor, role: 'auditor' });
    expect(answer.body.subject).toBeUndefined();
    expect(await me('not-a-known-token-0123456789')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('tells a console how to sign in, without a token', async () => {
    const answer = await t.request('GET', '/api/auth/config', undefined, { authorization: '' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      staticTokens: true,
      oidc: {
        issuer: provider.issuer,
        clientId: provider.audience,
        audiences: [provider.audience],
        scopes: ['openid', 'profile', 'email'],
      },
    });
  });

  describe('with a default role and the role in a plain claim (ProConnect-like: no roles claim)', () => {
    let d: TestApp;
    beforeAll(async () => {
      d = await startTestApp(sqlite, {
        OIDC_ISSUER: provider.issuer,
        OIDC_AUDIENCE: `other,${provider.audience}`,
        OIDC_ROLES_CLAIM: 'email',
        OIDC_ROLE_MAP: 'marie.dupont@dijon.fr=administrator',
        OIDC_DEFAULT_ROLE: 'auditor',
        OIDC_NAME_CLAIM: 'usual_name',
        OIDC_ORG_CLAIM: 'siret',
      });
    });
    afterAll(() => d?.close());

    it('maps a person by their e-mail, and gives the default role to others', async () => {
      const ask = async (claims: Record<string, unknown>) =>
        (await d.request('GET', '/api/me', undefined, asBearer(await provider.sign(claims)))).body;
      expect(await ask({ sub: 'a1', usual_name: 'Dupont', email: 'marie.dupont@dijon.fr', siret: '21210231300014' })).toMatchObject({
        name: 'Dupont',
        role: 'administrator',
        organisations: ['21210231300014'],
      });
      expect(await ask({ sub: 'b2', usual_name: 'Martin', email: 'paul.martin@dijon.fr' })).toMatchObject({
        role: 'auditor',
        organisations: [],
      });
    });
  });

  describe('when the provider cannot be reached', () => {
    let u: TestApp;
    const logs = new LogCapture();
    let issuer: string;
    beforeAll(async () => {
      issuer = `http://127.0.0.1:${await freePort()}/realms/gone`;
      u = await startTestApp(sqlite, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: provider.audience }, undefined, { logDestination: logs });
    });
    afterAll(() => u?.close());

    it('answers 401 TOKEN_INVALID provider_unreachable (never a 5xx), logs the outage, and static tokens keep working', async () => {
      const token = await provider.sign(MARIE, { issuer });
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await u.request('GET', '/api/me', undefined, asBearer(token));
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ code: 'TOKEN_INVALID', reason: 'provider_unreachable' });
      }
      const errors = logs.records().filter((record) => record.level === 'error' && JSON.stringify(record).includes('unreachable'));
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(errors[0])).toContain(issuer);
      expect(JSON.stringify(logs.lines)).not.toContain(token);
      expect((await u.request('GET', '/api/me', undefined, bearer('administrator'))).status).toBe(200);
    });

    it('backs off: after a failed discovery, tokens are refused at once without trying the provider, then it is tried again', async () => {
      const down = await TestOidcProvider.start(provider.audience);
      const downIssuer = down.issuer;
      const token = await down.sign({ ...MARIE, roles: ['administrator'] });
      await down.close(); // the provider goes away before the service first needs it
      const local = new LogCapture();
      const v = await startTestApp(sqlite, { OIDC_ISSUER: downIssuer, OIDC_AUDIENCE: provider.audience }, undefined, {
        logDestination: local,
      });
      try {
        const started = Date.now();
        const answers = await Promise.all(Array.from({ length: 5 }, () => v.request('GET', '/api/me', undefined, asBearer(token))));
        for (const answer of answers) expect(answer.body).toMatchObject({ code: 'TOKEN_INVALID', reason: 'provider_unreachable' });
        // Within the back-off: refused at once, saying when the provider is tried again; nothing more is logged.
        const meanwhile = await v.request('GET', '/api/me', undefined, asBearer(token));
        expect(meanwhile.status).toBe(401);
        expect(meanwhile.body.detail).toMatch(/try again later/);
        const logged = () =>
          local.records().filter((record) => record.level === 'error' && JSON.stringify(record).includes('unreachable')).length;
        expect(logged()).toBe(1);
        expect(Date.now() - started).toBeLessThan(1_000);
        // Past it, the provider (back now) is tried again and the token accepted.
        await down.reopen();
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const back = await v.request('GET', '/api/me', undefined, asBearer(token));
        expect(back.status).toBe(200);
        expect(down.requests.discovery).toBe(1);
      } finally {
        await v.close();
        await down.close();
      }
    });
  });
});

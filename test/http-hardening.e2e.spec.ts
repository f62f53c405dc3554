import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

const database = testDatabases()[0];

async function preflight(t: TestApp, origin: string) {
  const response = await t.app.inject({
    method: 'OPTIONS',
    url: '/api/instances',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,if-match' },
  });
  return response;
}

describe('CORS', () => {
  it('is off by default: no preflight, no CORS header', async () => {
    const t = await startTestApp(database);
    try {
      const response = await preflight(t, 'https://buyer.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const read = await t.request('GET', '/api/instances', undefined, { ...bearer('auditor'), origin: 'https://buyer.example' });
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('answers the origins of CORS_ORIGINS only, with the headers the API uses', async () => {
    const t = await startTestApp(database, { CORS_ORIGINS: 'https://buyer.example, https://audit.example' });
    try {
      const allowed = await preflight(t, 'https://audit.example');
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://audit.example');
      const allowedHeaders = String(allowed.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/);
      expect(allowedHeaders).toEqual(['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id']);
      expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');

      const refused = await preflight(t, 'https://elsewhere.example');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();

      const read = await t.request('GET', '/api/instances', undefined, { ...bearer('auditor'), origin: 'https://buyer.example' });
      expect(read.status).toBe(200);
      expect(read.headers['access-control-allow-origin']).toBe('https://buyer.example');
      expect(String(read.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/)).toEqual(
        expect.arrayContaining(['etag', 'location', 'x-request-id']),
      );
    } finally {
      await t.close();
    }
  });
});

describe('security headers', () => {
  it('are on by default, with a strict policy for the API and one the documentation page can work with', async () => {
    const t = await startTestApp(database);
    try {
      const api = await t.request('GET', '/api/health/live');
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(api.headers['strict-transport-security']).toBeDefined();
      expect(api.headers['content-security-policy']).toContain("default-src 'none'");
      // A refusal carries them too (they are set before anything can refuse).
      const refused = await t.app.inject({ method: 'GET', url: '/api/instances' });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(refused.headers['content-security-policy']).toBe(api.headers['content-security-policy']);

      const page = await t.request('GET', '/api/docs');
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      const html = page.body as string;
      // Every script the page runs is a file of the same origin (no inline script, which the policy forbids)...
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => `/api/${match[1]}`);
      expect(assets.length).toBeGreaterThanOrEqual(3);
      // ...and each loads, under the same relaxed policy.
      for (const asset of assets) {
        const loaded = await t.app.inject({ method: 'GET', url: asset });
        expect([asset, loaded.statusCode]).toEqual([asset, 200]);
        expect(loaded.headers['content-security-policy']).toBe(csp);
      }
      const document = await t.request('GET', '/api/openapi.json');
      expect(document.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('are absent with SECURITY_HEADERS=off', async () => {
    const t = await startTestApp(database, { SECURITY_HEADERS: 'off' });
    try {
      const api = await t.request('GET', '/api/health/live');
      expect(api.status).toBe(200);
      for (const header of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security']) {
        expect(api.headers[header]).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });
});

describe('rate limit', () => {
  it('is off by default', async () => {
    const t = await startTestApp(database);
    try {
      for (let i = 0; i < 30; i++) expect((await t.request('GET', '/api/health/live', undefined, bearer('auditor'))).status).toBe(200);
      expect((await t.request('GET', '/api/instances', undefined, bearer('auditor'))).headers['x-ratelimit-limit']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('refuses the request after RATE_LIMIT_MAX per token with a 429 problem, other tokens and health probes unaffected', async () => {
    const t = await startTestApp(database, { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' });
    try {
      for (let i = 0; i < 5; i++) expect((await t.request('GET', '/api/instances', undefined, bearer('auditor'))).status).toBe(200);
      const limited = await t.request('GET', '/api/instances', undefined, { ...bearer('auditor'), 'x-request-id': 'limited-1' });
      expect(limited.status).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too many requests' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-request-id']).toBe('limited-1');
      // Any route counts for the same token.
      expect((await t.request('GET', '/api/machines', undefined, bearer('auditor'))).status).toBe(429);

      // Another token has its own allowance.
      expect((await t.request('GET', '/api/instances', undefined, bearer('scheduler'))).status).toBe(200);
      // Health probes are never limited, with or without the limited token.
      for (let i = 0; i < 10; i++) {
        expect((await t.request('GET', '/api/health/ready', undefined, bearer('auditor'))).status).toBe(200);
        expect((await t.request('GET', '/api/health/live')).status).toBe(200);
      }
      // Without a token, the client's address is the key: its own allowance too.
      expect((await t.request('GET', '/api/instances', undefined, { authorization: '' })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});

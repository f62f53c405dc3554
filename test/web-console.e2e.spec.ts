import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { CONSOLE_DIST } from '../src/web-console/serve-console';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

// npm test builds the console first (scripts/prestart.js --console); a bare `jest` run may not have.
const built = existsSync(join(CONSOLE_DIST, 'index.html'));
if (!built) console.warn('Console serving tests SKIPPED: console/dist is not built (npm run build:console).');

(built ? describe : describe.skip)('the console, served by the service at /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0]);
  });
  afterAll(() => t.close());

  it('answers its page at / and at every console path, so that a link can be opened or reloaded', async () => {
    for (const path of ['/', '/records', '/records/00000000-0000-4000-8000-000000000000?tab=history', '/indicators']) {
      const answer = await t.app.inject({ method: 'GET', url: path });
      expect({ path, status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(answer.body).toContain('<div id="root"></div>');
      expect(answer.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves its hashed files for a year and lets them load only from the same origin', async () => {
    const script = readdirSync(join(CONSOLE_DIST, 'assets')).find((name) => name.endsWith('.js'))!;
    const answer = await t.app.inject({ method: 'GET', url: `/assets/${script}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await t.app.inject({ method: 'GET', url: '/' });
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // The API keeps its own policy, which allows nothing.
    const api = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('leaves unknown API paths and missing files to their 404s', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const asset = await t.app.inject({ method: 'GET', url: '/assets/no-such-file.js' });
    expect(asset.statusCode).toBe(404);
  });

  it('tells the console where Stately’s inspector is only when CONSOLE_INSPECTOR_URL names it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).not.toContain('console-inspector');
    const offered = await startTestApp(testDatabases()[0], { CONSOLE_INSPECTOR_URL: 'https://stately.ai/inspect?a="b"' });
    try {
      const page = (await offered.app.inject({ method: 'GET', url: '/records/x' })).body;
      expect(page).toContain('<meta name="console-inspector" content="https://stately.ai/inspect?a=%22b%22" />');
    } finally {
      await offered.close();
    }
    expect(() => loadConfig({ CONSOLE_INSPECTOR_URL: 'javascript:alert(1)' })).toThrow(
      'CONSOLE_INSPECTOR_URL must be an http or https address such as https://stately.ai/inspect, got "javascript:alert(1)"',
    );
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

const SCRIPT = join(__dirname, '..', 'scripts', 'console-api-types.js');

describe("the console's API types (console/src/api/schema.d.ts)", () => {
  let t: TestApp;
  let folder: string;
  beforeAll(async () => {
    t = await startTestApp(testDatabases()[0]);
    folder = mkdtempSync(join(tmpdir(), 'console-api-types-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  // The generator runs in its own Node process: openapi-typescript loads ES modules, which Jest's module system does not.
  const check = (document: unknown) => {
    const file = join(folder, `openapi-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(document));
    const run = spawnSync(process.execPath, [SCRIPT, '--check', file], { encoding: 'utf8' });
    return { status: run.status, stderr: run.stderr };
  };

  it('are what the current OpenAPI document gives (run npm run console:api-types after changing the API)', async () => {
    const document = (await t.request('GET', '/api/openapi.json')).body;
    expect(check(document)).toEqual({ status: 0, stderr: '' });
  });

  it('are found stale when the contract changes', async () => {
    const document = (await t.request('GET', '/api/openapi.json')).body;
    document.paths['/api/me'].get.summary = 'Another summary';
    expect(check(document)).toEqual({ status: 1, stderr: expect.stringContaining('is stale: run npm run console:api-types') });
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticTokenAuthenticator, TOKENS_FILE_NAME } from '../auth/static-token.authenticator';
import { buildCatalogue } from '../kinds/kind-catalogue';
import type { CliContext } from './cli-context';
import { tokensCommand } from './commands';

describe('engine-cli tokens create', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-tokens-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function context(): CliContext & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      env: { DATA_DIR: dir },
      catalogue: buildCatalogue(),
      stdout: { write: (chunk: string) => out.push(chunk) },
      stderr: { write: (chunk: string) => err.push(chunk) },
      out,
      err,
    };
  }

  it('prints only the new token on stdout, and the file keeps only its digest', async () => {
    const ctx = context();
    expect(await tokensCommand(ctx, { action: 'create', name: 'marie.dupont', role: 'administrator' })).toBe(0);
    const token = ctx.out.join('').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ctx.err.join('')).toContain('a running service takes it');
    expect(readFileSync(join(dir, TOKENS_FILE_NAME), 'utf8')).not.toContain(token);
    const authenticator = StaticTokenAuthenticator.fromConfig(undefined, dir, () => undefined);
    expect(await authenticator.authenticate(token)).toEqual({ name: 'marie.dupont', role: 'administrator', organisations: ['default'] });
  });

  it('creates a token of some organisations with role@org1+org2', async () => {
    const ctx = context();
    expect(await tokensCommand(ctx, { action: 'create', name: 'lea', role: 'auditor@region-ara+metropole' })).toBe(0);
    const token = ctx.out.join('').trim();
    const authenticator = StaticTokenAuthenticator.fromConfig(undefined, dir, () => undefined);
    expect(await authenticator.authenticate(token)).toEqual({ name: 'lea', role: 'auditor', organisations: ['region-ara', 'metropole'] });
    expect(await tokensCommand(ctx, { action: 'create', name: 'bad', role: 'auditor@a b' })).toBe(2);
  });

  it('refuses a bad role or a name already there, exit 2, printing no token', async () => {
    const ctx = context();
    expect(await tokensCommand(ctx, { action: 'create', name: 'paul', role: 'root' })).toBe(2);
    expect(await tokensCommand(ctx, { action: 'create', name: 'paul', role: 'auditor' })).toBe(0);
    expect(await tokensCommand(ctx, { action: 'create', name: 'paul', role: 'auditor' })).toBe(2);
    expect(await tokensCommand(ctx, { action: 'list' })).toBe(2);
    expect(ctx.out).toHaveLength(1);
    expect(ctx.err.join('')).toMatch(/must have a role among[\s\S]*must have a name of its own/);
  });
});

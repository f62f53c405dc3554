import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config';
import { Role } from './roles.decorator';
import { storedToken } from '../config/api-tokens';
import { createToken, parseApiTokens, StaticTokenAuthenticator, TOKENS_FILE_NAME } from './static-token.authenticator';

describe('API tokens', () => {
  it('parses name=role:token entries', () => {
    expect(parseApiTokens('marie=administrator:aaaaaaaaaaaaaaaa, cron=scheduler:bbbbbbbbbbbbbbbb')).toEqual([
      { principal: { name: 'marie', role: Role.Administrator, organisations: ['default'] }, token: 'aaaaaaaaaaaaaaaa' },
      { principal: { name: 'cron', role: Role.Scheduler, organisations: ['default'] }, token: 'bbbbbbbbbbbbbbbb' },
    ]);
  });

  it('refuses unknown roles, short tokens, malformed entries and duplicate names', () => {
    expect(() => parseApiTokens('x=superuser:aaaaaaaaaaaaaaaa')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor:short')).toThrow(ConfigError);
    expect(() => parseApiTokens('just-a-token')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor:aaaaaaaaaaaaaaaa,x=scheduler:bbbbbbbbbbbbbbbb')).toThrow(ConfigError);
    expect(() => parseApiTokens(' , ')).toThrow(ConfigError);
  });

  it('reads a token given as its digest, and refuses the same token twice in either form', async () => {
    const authenticator = new StaticTokenAuthenticator(parseApiTokens(`audrey=auditor:${storedToken('cccccccccccccccc')}`));
    expect(await authenticator.authenticate('cccccccccccccccc')).toEqual({
      name: 'audrey',
      role: Role.Auditor,
      organisations: ['default'],
    });
    expect(() => parseApiTokens(`a=auditor:cccccccccccccccc,b=auditor:${storedToken('cccccccccccccccc')}`)).toThrow(
      /entry 2 \(b\) must have a token of its own/,
    );
  });

  it('reads the organisations after @ (both forms), and gives the default organisation without them', () => {
    const entries = parseApiTokens(
      `ra=administrator@region+metropole:aaaaaaaaaaaaaaaa,ga=global-auditor:${storedToken('bbbbbbbbbbbbbbbb')},x=auditor@asso:${storedToken('cccccccccccccccc')}`,
      'API_TOKENS',
      'legacy',
    );
    expect(entries.map((entry) => entry.principal)).toEqual([
      { name: 'ra', role: Role.Administrator, organisations: ['region', 'metropole'] },
      { name: 'ga', role: Role.GlobalAuditor, organisations: ['legacy'] },
      { name: 'x', role: Role.Auditor, organisations: ['asso'] },
    ]);
    expect(() => parseApiTokens('x=auditor@a,b:aaaaaaaaaaaaaaaa')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor@:aaaaaaaaaaaaaaaa')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor@a++b:aaaaaaaaaaaaaaaa')).toThrow(ConfigError);
  });

  it('authenticates a known token and nothing else', async () => {
    const authenticator = new StaticTokenAuthenticator(parseApiTokens('audrey=auditor:cccccccccccccccc'));
    expect(await authenticator.authenticate('cccccccccccccccc')).toEqual({
      name: 'audrey',
      role: Role.Auditor,
      organisations: ['default'],
    });
    expect(await authenticator.authenticate('cccccccccccccccd')).toBeUndefined();
    expect(await authenticator.authenticate('')).toBeUndefined();
  });

  describe('without API_TOKENS', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('generates one token per role, stores only their SHA-256 (owner-only file), and reveals the tokens once', async () => {
      const messages: string[] = [];
      const revealed: string[] = [];
      const first = StaticTokenAuthenticator.fromConfig(
        undefined,
        dir,
        (message) => messages.push(message),
        (text) => revealed.push(text),
      );
      const path = join(dir, TOKENS_FILE_NAME);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const file = readFileSync(path, 'utf8');
      const entries = parseApiTokens(file);
      expect(entries.map((entry) => entry.principal.role).sort()).toEqual([Role.Administrator, Role.Auditor, Role.Scheduler]);
      expect(entries.every((entry) => 'digest' in entry)).toBe(true);
      expect(file).toMatch(/^admin=administrator:sha256:[0-9a-f]{64}$/m);
      // The tokens themselves: printed once, 32 random bytes each, absent from the file and the log line.
      expect(revealed).toHaveLength(1);
      const tokens = [...revealed[0].matchAll(/^ {2}(\S+) \((\w+)\): (\S+)$/gm)].map(([, name, role, token]) => ({ name, role, token }));
      expect(tokens.map((token) => token.name)).toEqual(['admin', 'scheduler', 'auditor']);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(path);
      for (const { name, role, token } of tokens) {
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(file).not.toContain(token);
        expect(messages[0]).not.toContain(token);
        expect(await first.authenticate(token)).toEqual({ name, role, organisations: ['default'] });
      }
      // A second start reads the same tokens and says nothing.
      const second = StaticTokenAuthenticator.fromConfig(
        undefined,
        dir,
        (message) => messages.push(message),
        (text) => revealed.push(text),
      );
      expect([messages.length, revealed.length]).toEqual([1, 1]);
      expect(await second.authenticate(tokens[0].token)).toEqual({ name: 'admin', role: Role.Administrator, organisations: ['default'] });
      expect(await second.authenticate(storedToken(tokens[0].token))).toBeUndefined();
    });

    it('still reads a file of plaintext tokens (written before digests), and both forms together', async () => {
      const path = join(dir, TOKENS_FILE_NAME);
      writeFileSync(path, `old=auditor:plaintext-token-0123456789\nnew=scheduler:${storedToken('hashed-token-0123456789')}\n`, {
        mode: 0o600,
      });
      const authenticator = StaticTokenAuthenticator.fromConfig(undefined, dir, () => undefined);
      expect(await authenticator.authenticate('plaintext-token-0123456789')).toEqual({
        name: 'old',
        role: Role.Auditor,
        organisations: ['default'],
      });
      expect(await authenticator.authenticate('hashed-token-0123456789')).toEqual({
        name: 'new',
        role: Role.Scheduler,
        organisations: ['default'],
      });
    });

    it.each([0o644, 0o640, 0o604, 0o620].map((mode) => [mode.toString(8), mode]))(
      'refuses a token file others may read or write (mode %s), in one line',
      (_shown, mode) => {
        const path = join(dir, TOKENS_FILE_NAME);
        writeFileSync(path, 'old=auditor:plaintext-token-0123456789\n');
        chmodSync(path, mode);
        expect(() => StaticTokenAuthenticator.fromConfig(undefined, dir, () => undefined)).toThrow(
          new ConfigError(`Configuration: ${path} is readable or writable by other users (mode 0${mode.toString(8)}); chmod 600 it`),
        );
      },
    );

    it('reads the file again when it changes: a created token works, a removed line is revoked, a bad file is not taken', async () => {
      const logs: string[] = [];
      const warnings: string[] = [];
      const path = join(dir, TOKENS_FILE_NAME);
      const first = createToken(dir, 'marie', 'administrator');
      const authenticator = StaticTokenAuthenticator.fromConfig(undefined, dir, (message) => logs.push(message), undefined, {
        recheckMs: 0,
        warn: (message) => warnings.push(message),
      });
      const second = createToken(dir, 'cron', 'scheduler');
      expect(await authenticator.authenticate(second.token)).toEqual({ name: 'cron', role: Role.Scheduler, organisations: ['default'] });
      expect(logs.at(-1)).toContain('2 principals');
      // Revoke marie: her line removed.
      const lines = readFileSync(path, 'utf8').split('\n');
      writeFileSync(path, lines.filter((line) => !line.startsWith('marie=')).join('\n'));
      expect(await authenticator.authenticate(first.token)).toBeUndefined();
      expect(await authenticator.authenticate(second.token)).toEqual({ name: 'cron', role: Role.Scheduler, organisations: ['default'] });
      // A broken edit, or a file opened to others: the tokens read before stay, and it is said.
      writeFileSync(path, 'cron=root:x\n');
      expect(await authenticator.authenticate(second.token)).toEqual({ name: 'cron', role: Role.Scheduler, organisations: ['default'] });
      expect(warnings.at(-1)).toMatch(/changed but cannot be taken \(.*must have a role among.*\); the tokens read before still apply/);
      writeFileSync(path, `cron=scheduler:${storedToken(second.token)}\n`);
      chmodSync(path, 0o644);
      expect(await authenticator.authenticate(second.token)).toEqual({ name: 'cron', role: Role.Scheduler, organisations: ['default'] });
      expect(warnings.at(-1)).toContain('readable or writable by other users (mode 0644)');
      expect([...logs, ...warnings].join('\n')).not.toContain(second.token);
    });

    it('creates a token on demand: a new line with its digest, the token returned once', async () => {
      const first = createToken(dir, 'marie', 'administrator');
      const path = join(dir, TOKENS_FILE_NAME);
      expect(first.path).toBe(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const second = createToken(dir, 'cron', 'scheduler');
      const file = readFileSync(path, 'utf8');
      expect(file).not.toContain(first.token);
      expect(file).toContain(`cron=scheduler:${storedToken(second.token)}`);
      const authenticator = StaticTokenAuthenticator.fromConfig(undefined, dir, () => undefined);
      expect(await authenticator.authenticate(first.token)).toEqual({
        name: 'marie',
        role: Role.Administrator,
        organisations: ['default'],
      });
      expect(await authenticator.authenticate(second.token)).toEqual({ name: 'cron', role: Role.Scheduler, organisations: ['default'] });
      expect(() => createToken(dir, 'marie', 'auditor')).toThrow(/entry 3 \(marie\) must have a name of its own/);
      expect(() => createToken(dir, 'paul', 'root')).toThrow(/must have a role among/);
      expect(readFileSync(path, 'utf8')).toBe(file);
    });
  });
});

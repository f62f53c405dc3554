import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config';
import { Role } from './roles.decorator';
import { parseApiTokens, StaticTokenAuthenticator, TOKENS_FILE_NAME } from './static-token.authenticator';

describe('API tokens', () => {
  it('parses name=role:token entries', () => {
    expect(parseApiTokens('marie=administrator:aaaaaaaaaaaaaaaa, cron=scheduler:bbbbbbbbbbbbbbbb')).toEqual([
      { principal: { name: 'marie', role: Role.Administrator }, token: 'aaaaaaaaaaaaaaaa' },
      { principal: { name: 'cron', role: Role.Scheduler }, token: 'bbbbbbbbbbbbbbbb' },
    ]);
  });

  it('refuses unknown roles, short tokens, malformed entries and duplicate names', () => {
    expect(() => parseApiTokens('x=superuser:aaaaaaaaaaaaaaaa')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor:short')).toThrow(ConfigError);
    expect(() => parseApiTokens('just-a-token')).toThrow(ConfigError);
    expect(() => parseApiTokens('x=auditor:aaaaaaaaaaaaaaaa,x=scheduler:bbbbbbbbbbbbbbbb')).toThrow(ConfigError);
    expect(() => parseApiTokens(' , ')).toThrow(ConfigError);
  });

  it('authenticates a known token and nothing else', async () => {
    const authenticator = new StaticTokenAuthenticator(parseApiTokens('audrey=auditor:cccccccccccccccc'));
    expect(await authenticator.authenticate('cccccccccccccccc')).toEqual({ name: 'audrey', role: Role.Auditor });
    expect(await authenticator.authenticate('cccccccccccccccd')).toBeUndefined();
    expect(await authenticator.authenticate('')).toBeUndefined();
  });

  describe('without API_TOKENS', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('generates one token per role into the data folder, readable by its owner only, and announces only its path, once', async () => {
      const messages: string[] = [];
      const first = StaticTokenAuthenticator.fromConfig(undefined, dir, (message) => messages.push(message));
      const path = join(dir, TOKENS_FILE_NAME);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const entries = parseApiTokens(readFileSync(path, 'utf8'));
      expect(entries.map((entry) => entry.principal.role).sort()).toEqual([Role.Administrator, Role.Auditor, Role.Scheduler]);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(path);
      for (const entry of entries) {
        expect(messages[0]).not.toContain(entry.token);
        expect(await first.authenticate(entry.token)).toEqual(entry.principal);
      }
      // A second start reads the same tokens and says nothing.
      const second = StaticTokenAuthenticator.fromConfig(undefined, dir, (message) => messages.push(message));
      expect(messages).toHaveLength(1);
      expect(await second.authenticate(entries[0].token)).toEqual(entries[0].principal);
    });
  });
});

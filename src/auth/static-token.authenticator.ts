import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkApiTokens, type ApiTokenEntry } from '../config/api-tokens';
import { ConfigError } from '../config/app-config';
import { type Authenticator, type Principal } from './principal';
import { Role } from './roles.decorator';

export const TOKENS_FILE_NAME = 'api-tokens';

interface TokenEntry {
  digest: Buffer;
  principal: Principal;
}

function digest(token: string): Buffer {
  return hash('sha256', token, 'buffer');
}

/** Parses `name=role:token,name=role:token` (the rules are the configuration's: `checkApiTokens`). */
export function parseApiTokens(spec: string, source = 'API_TOKENS'): ApiTokenEntry[] {
  const { entries, problems } = checkApiTokens(spec);
  if (problems.length > 0) throw new ConfigError(`Configuration: ${source} ${problems.join(', ')}`);
  return entries;
}

/** Bearer tokens configured by API_TOKENS, or generated once into the data folder. */
export class StaticTokenAuthenticator implements Authenticator {
  private readonly entries: TokenEntry[];

  constructor(tokens: { principal: Principal; token: string }[]) {
    this.entries = tokens.map(({ principal, token }) => ({ principal, digest: digest(token) }));
  }

  authenticate(bearer: string): Promise<Principal | undefined> {
    const presented = digest(bearer);
    // Compare against every entry in constant time, so timing tells nothing about which is close.
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented)) found = entry.principal;
    }
    return Promise.resolve(found);
  }

  /**
   * From API_TOKENS when set; otherwise from `<dataDir>/api-tokens`, generated on the first start with
   * one token per role (readable by its owner only). `announce` is told the file's path when it is
   * created; tokens themselves are never logged.
   */
  static fromConfig(apiTokens: string | undefined, dataDir: string, announce: (message: string) => void): StaticTokenAuthenticator {
    if (apiTokens) return new StaticTokenAuthenticator(parseApiTokens(apiTokens));
    const path = join(dataDir, TOKENS_FILE_NAME);
    try {
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        const lines = [
          '# API tokens, one principal per line: name=role:token. Send them as "Authorization: Bearer <token>".',
          ...[
            ['admin', Role.Administrator],
            ['scheduler', Role.Scheduler],
            ['auditor', Role.Auditor],
          ].map(([name, role]) => `${name}=${role}:${randomBytes(24).toString('base64url')}`),
        ];
        writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
        chmodSync(path, 0o600);
        announce(`Generated one API token per role in ${path} (readable by its owner only).`);
      }
      return new StaticTokenAuthenticator(parseApiTokens(readFileSync(path, 'utf8'), path));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      // A folder that cannot be made or a file that cannot be read: a start refused in one line.
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      throw new ConfigError(
        `Configuration: DATA_DIR ${dataDir}: cannot create or read the token file ${path} (${code}); set API_TOKENS or a DATA_DIR this user can write`,
      );
    }
  }
}

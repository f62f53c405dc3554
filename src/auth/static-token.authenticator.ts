import { randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkApiTokens, digestOf, storedToken, tokenDigest, type ApiTokenEntry } from '../config/api-tokens';
import { ConfigError } from '../config/app-config';
import { DEFAULT_ORGANISATION } from './organisations';
import { type Authenticator, type Principal } from './principal';
import { Role } from './roles.decorator';

export const TOKENS_FILE_NAME = 'api-tokens';

const FILE_HEADER = [
  '# API tokens, one principal per line: name=role:sha256:<hex>, the SHA-256 of the token (the token itself is not kept).',
  '# name=role@org1+org2:sha256:<hex> makes the principal a member of those organisations (without @: the default organisation).',
  '# A line name=role:<token> with the token as it is is read too. Send a token as "Authorization: Bearer <token>".',
  '# New token: engine-cli tokens create <name> <role>; to revoke one, remove its line (the service reads this file again when it changes).',
  '# Keep this file readable by its owner only (chmod 600): the service refuses it otherwise.',
];

interface TokenEntry {
  digest: Buffer;
  principal: Principal;
}

function entriesOf(tokens: ApiTokenEntry[]): TokenEntry[] {
  return tokens.map((entry) => ({ principal: entry.principal, digest: Buffer.from(digestOf(entry), 'hex') }));
}

/** The token file the tokens were read from, and what it was like then. */
interface WatchedFile {
  path: string;
  stamp: string;
  checkedAt: number;
  recheckMs: number;
  announce: (message: string) => void;
  warn: (message: string) => void;
}

/** Parses `name=role:token,name=role@org1+org2:token` (the rules are the configuration's: `checkApiTokens`). */
export function parseApiTokens(spec: string, source = 'API_TOKENS', defaultOrganisation = DEFAULT_ORGANISATION): ApiTokenEntry[] {
  const { entries, problems } = checkApiTokens(spec, defaultOrganisation);
  if (problems.length > 0) throw new ConfigError(`Configuration: ${source} ${problems.join(', ')}`);
  return entries;
}

/** A new token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Refuses a token file that users other than its owner may read or write (any group or other bit):
 * whoever can read it could replay a plaintext token, whoever can write it could add one.
 */
export function checkTokenFileMode(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(`Configuration: ${path} is readable or writable by other users (mode 0${mode.toString(8)}); chmod 600 it`);
  }
}

/**
 * Bearer tokens configured by API_TOKENS, or kept in the data folder's token file. Only SHA-256
 * digests are kept in memory, and a presented token is compared with each in constant time.
 * SHA-256 without salt or stretching is enough here: generated tokens are 32 random bytes (and any
 * token is 16 characters or more), so a digest cannot be reversed by guessing; a slow hash such as
 * scrypt protects low-entropy passwords, which these are not, and would cost every request.
 */
export class StaticTokenAuthenticator implements Authenticator {
  private entries: TokenEntry[];
  private file?: WatchedFile;
  private defaultOrganisation = DEFAULT_ORGANISATION;

  constructor(tokens: ApiTokenEntry[]) {
    this.entries = entriesOf(tokens);
  }

  authenticate(bearer: string): Promise<Principal | undefined> {
    this.refresh();
    const presented = Buffer.from(tokenDigest(bearer), 'hex');
    // Compare against every entry in constant time, so timing tells nothing about which is close.
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented)) found = entry.principal;
    }
    return Promise.resolve(found);
  }

  /**
   * Reads the token file again when it has changed (checked at most every `recheckMs`): a token
   * created by engine-cli, or a line removed to revoke one, applies without a restart. A file that
   * has become unreadable, malformed or open to others is not taken: the tokens read before stay,
   * and the problem is logged.
   */
  private refresh(): void {
    const file = this.file;
    if (!file) return;
    const now = Date.now();
    if (now - file.checkedAt < file.recheckMs) return;
    file.checkedAt = now;
    let stamp: string;
    try {
      const stats = statSync(file.path);
      stamp = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.mode}`;
    } catch (error) {
      stamp = `missing:${(error as NodeJS.ErrnoException).code ?? 'error'}`;
    }
    if (stamp === file.stamp) return;
    file.stamp = stamp;
    try {
      checkTokenFileMode(file.path);
      this.entries = entriesOf(parseApiTokens(readFileSync(file.path, 'utf8'), file.path, this.defaultOrganisation));
      file.announce(`Read the token file ${file.path} again: ${this.entries.length} principals.`);
    } catch (error) {
      const reason =
        error instanceof ConfigError
          ? error.message.replace(/^Configuration: /, '')
          : ((error as NodeJS.ErrnoException).code ?? String(error));
      file.warn(`The token file ${file.path} changed but cannot be taken (${reason}); the tokens read before still apply.`);
    }
  }

  /**
   * From API_TOKENS when set; otherwise from `<dataDir>/api-tokens`, generated on the first start with
   * one token per role, members of the default organisation: the file keeps only their SHA-256 (readable by its owner only), and `reveal`
   * is given the tokens themselves, once, to print (they cannot be read back later). `announce` is
   * told the file's path; tokens are never logged. A file others may read or write is refused.
   */
  static fromConfig(
    apiTokens: string | undefined,
    dataDir: string,
    announce: (message: string) => void,
    reveal: (text: string) => void = () => undefined,
    watch: { recheckMs?: number; warn?: (message: string) => void; defaultOrganisation?: string } = {},
  ): StaticTokenAuthenticator {
    const defaultOrganisation = watch.defaultOrganisation ?? DEFAULT_ORGANISATION;
    if (apiTokens) return new StaticTokenAuthenticator(parseApiTokens(apiTokens, 'API_TOKENS', defaultOrganisation));
    const path = join(dataDir, TOKENS_FILE_NAME);
    try {
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true });
        const tokens = [
          ['admin', Role.Administrator],
          ['scheduler', Role.Scheduler],
          ['auditor', Role.Auditor],
        ].map(([name, role]) => ({ name, role, token: newToken() }));
        const lines = [...FILE_HEADER, ...tokens.map(({ name, role, token }) => `${name}=${role}:${storedToken(token)}`)];
        // wx: never over another start's file; 0600 from the start (the umask can only remove bits).
        writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
        announce(`Generated one API token per role; their SHA-256 digests are in ${path}, the tokens are printed once on stderr.`);
        reveal(
          [
            `API tokens generated for this first start; they are shown this once (${path} keeps only their digests):`,
            ...tokens.map(({ name, role, token }) => `  ${name} (${role}): ${token}`),
            'Keep them now. To replace a lost one, remove its line from the file and run: engine-cli tokens create <name> <role>.',
            '',
          ].join('\n'),
        );
      }
      checkTokenFileMode(path);
      const stats = statSync(path);
      const authenticator = new StaticTokenAuthenticator(parseApiTokens(readFileSync(path, 'utf8'), path, defaultOrganisation));
      authenticator.defaultOrganisation = defaultOrganisation;
      authenticator.file = {
        path,
        stamp: `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.mode}`,
        checkedAt: Date.now(),
        recheckMs: watch.recheckMs ?? 1_000,
        announce,
        warn: watch.warn ?? announce,
      };
      return authenticator;
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

/**
 * Adds a principal to `<dataDir>/api-tokens` (made, readable by its owner only, if missing) with a new
 * token, stored as its SHA-256, and returns the token: the only time it can be seen. A running service
 * reads the file again when it changes. Refuses a name already there, an unknown role, or a file others may read.
 */
export function createToken(dataDir: string, name: string, role: string): { path: string; token: string } {
  const path = join(dataDir, TOKENS_FILE_NAME);
  const token = newToken();
  const line = `${name}=${role}:${storedToken(token)}`;
  if (existsSync(path)) {
    checkTokenFileMode(path);
    const current = readFileSync(path, 'utf8');
    parseApiTokens(`${current}\n${line}`, path);
    appendFileSync(path, `${current === '' || current.endsWith('\n') ? '' : '\n'}${line}\n`);
  } else {
    parseApiTokens(line, 'the new entry');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${[...FILE_HEADER, line].join('\n')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { path, token };
}

import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/app-config';
import { generateNoteKeyPair, NoteError, parseSignerKey, type NoteSigner } from './checkpoint';

/**
 * The log's Ed25519 signing key, as a C2SP signer key string (`PRIVATE+KEY+<origin>+<id>+<base64>`) in one
 * file readable by its owner only. Made on first start (written aside, then linked into place, so two
 * processes starting together end up with the same key); a file readable or writable by other users, a
 * file that is not a signer key, or a key of another name than the origin stop the start-up with one line.
 */
export function loadSigningKey(path: string, origin: string, options: { create?: boolean } = {}): NoteSigner {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(
        `Configuration: TRANSPARENCY_KEY_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (options.create === false)
      throw new ConfigError(`Configuration: TRANSPARENCY_KEY_FILE ${path} does not exist (the service makes it at its first start)`);
    createKeyFile(path, origin);
    mode = 0o600;
  }
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(
      `Configuration: ${path} (TRANSPARENCY_KEY_FILE) is readable or writable by other users (mode 0${mode.toString(8)}); chmod 600 it`,
    );
  }
  let signer: NoteSigner;
  try {
    signer = parseSignerKey(readFileSync(path, 'utf8').trim());
  } catch (error) {
    const reason = error instanceof NoteError ? error.message : ((error as NodeJS.ErrnoException).code ?? 'error');
    throw new ConfigError(`Configuration: TRANSPARENCY_KEY_FILE ${path} does not hold a signer key (${reason})`);
  }
  if (signer.name !== origin) {
    throw new ConfigError(
      `Configuration: the key in ${path} is named ${JSON.stringify(signer.name)} but TRANSPARENCY_ORIGIN is ${JSON.stringify(origin)}; checkpoints are signed by a key named as their log`,
    );
  }
  return signer;
}

function createKeyFile(path: string, origin: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(aside, `${generateNoteKeyPair(origin).signerKey}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(aside, 0o600);
  try {
    linkSync(aside, path);
  } catch (error) {
    // Another process made it first: its key is the one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Witness cosignatures of checkpoints: C2SP tlog-cosignature, the Ed25519 type (cosignature/v1).
 *
 * A cosigner's verifier key is `name+hex8+base64(0x04 || 32-byte Ed25519 public key)`, its key ID
 * SHA-256(name || "\n" || 0x04 || key)[:4]. A cosignature is a note signature line
 * `— name base64(key ID || u64 timestamp || 64-byte signature)`, over the message
 * `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's note text (its body, final newline
 * included, no signature lines).
 */
import { createHash, verify } from 'node:crypto';
import { NoteError, decodeBase64, isValidKeyName, publicKeyObject } from './checkpoint';

const SIG_COSIGNATURE_V1 = 0x04;

export interface Cosigner {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
  verifierKey: string;
}

/** SHA-256(name || "\n" || 0x04 || key)[:4]. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, SIG_COSIGNATURE_V1]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** Parses a cosigner's verifier key (signature type 0x04), checking its key ID. */
export function parseCosignerKey(vkey: string): Cosigner {
  const [name, hex, ...rest] = vkey.split('+');
  if (rest.length === 0 || !isValidKeyName(name ?? '')) throw new NoteError('cosigner key: expected <name>+<hex8 key ID>+<base64 key>');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new NoteError('cosigner key: the key ID must be 8 lowercase hex digits');
  const bytes = decodeBase64(rest.join('+'), 'cosigner key');
  if (bytes[0] !== SIG_COSIGNATURE_V1 || bytes.length !== 33) {
    throw new NoteError('cosigner key: not an Ed25519 cosignature/v1 key (type 0x04 and 32 bytes)');
  }
  const publicKey = bytes.subarray(1);
  const keyId = Buffer.from(hex, 'hex');
  if (!cosignerKeyId(name, publicKey).equals(keyId)) throw new NoteError('cosigner key: the key ID does not match the name and key');
  return { name, keyId, publicKey, verifierKey: vkey };
}

/** The message a cosigner signs for `noteText` (the checkpoint's body) at `timestamp` (POSIX seconds). */
export function cosignedMessage(noteText: string, timestamp: bigint): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp.toString()}\n${noteText}`, 'utf8');
}

/**
 * The cosignature lines of `lines` that `cosigner` made over `noteText`, each with its timestamp; lines of
 * other keys and lines that do not verify are left out (a client ignores unknown cosignatures).
 */
export function verifiedCosignatures(
  noteText: string,
  lines: readonly string[],
  cosigner: Cosigner,
): { line: string; timestamp: bigint }[] {
  const found: { line: string; timestamp: bigint }[] = [];
  const key = publicKeyObject(cosigner.publicKey);
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || m[1] !== cosigner.name) continue;
    let bytes: Buffer;
    try {
      bytes = decodeBase64(m[2], 'cosignature');
    } catch {
      continue;
    }
    if (bytes.length !== 4 + 8 + 64 || !bytes.subarray(0, 4).equals(cosigner.keyId)) continue;
    const timestamp = bytes.readBigUInt64BE(4);
    if (timestamp >= 2n ** 63n) continue;
    if (verify(null, cosignedMessage(noteText, timestamp), key, bytes.subarray(12))) found.push({ line, timestamp });
  }
  return found;
}

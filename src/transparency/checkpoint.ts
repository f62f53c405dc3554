/**
 * Signed notes and transparency-log checkpoints, with Ed25519 keys.
 *
 * - C2SP signed-note v1 (https://c2sp.org/signed-note): a note is a text ending in "\n", a blank line, then
 *   signature lines `— <key name> <base64(key ID (4 bytes, big-endian) || signature)>\n` (U+2014 EM DASH, space).
 *   Ed25519 signatures (type 0x01, RFC 8032) over the text; key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4].
 *   Verifier keys `<name>+<hex8 key ID>+<base64(0x01 || 32-byte public key)>` and signer keys
 *   `PRIVATE+KEY+<name>+<hex8 key ID>+<base64(0x01 || 32-byte seed)>` are those of Go's golang.org/x/mod/sumdb/note.
 *   Opening follows the spec's "Signatures" section: signatures from unknown keys (name and ID not both known)
 *   are ignored (reported as unverified), a signature from a known key that fails refuses the whole note, and a
 *   note without any verified signature is refused. At most 100 signature lines are read (the spec asks ≥ 16).
 * - C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text is the origin line, the tree size in
 *   decimal without leading zeros, the base64 RFC 6962 root hash (32 bytes), then optional non-empty extension lines.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

const EM_DASH = '\u2014';
const SIG_ED25519 = 0x01;
const MAX_SIGNATURES = 100;
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {
  override readonly name = 'NoteError';
}

// ---------------------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------------------

/** A key name: non-empty, no Unicode whitespace, no '+' (signed-note, "Format"). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && isWellFormed(name);
}

function assertKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or '+'`);
}

/** Lone surrogates cannot be encoded in UTF-8. */
function isWellFormed(s: string): boolean {
  return !/\p{Cs}/u.test(s); // in u-mode a pair is one astral code point, so only lone halves match
}

/** Strict standard base64 (RFC 4648 §4, with padding): decodes only what re-encodes to the same text. */
export function decodeBase64(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (text.length === 0 || bytes.toString('base64') !== text) throw new NoteError(`${what} is not canonical base64`);
  return bytes;
}

/** Ed25519 key ID: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function keyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, SIG_ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new NoteError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new NoteError(`an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new NoteError('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export interface NoteVerifier {
  name: string;
  /** The 4-byte key ID. */
  keyId: Buffer;
  /** The key ID as 8 lowercase hex digits, as in key strings. */
  keyIdHex: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  /** The `name+hex8+base64` verifier key string. */
  verifierKey: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  keyIdHex: string;
  publicKey: Buffer;
  verifierKey: string;
  sign(message: Uint8Array): Buffer;
}

export interface NoteKeyPair {
  name: string;
  /** The raw 32-byte Ed25519 seed (the private key of RFC 8032). Keep secret. */
  seed: Buffer;
  publicKey: Buffer;
  /** `PRIVATE+KEY+name+hex8+base64(0x01 || seed)`. Keep secret. */
  signerKey: string;
  verifierKey: string;
}

/** A new Ed25519 key pair for `name`, with raw bytes and both key strings. */
export function generateNoteKeyPair(name: string): NoteKeyPair {
  assertKeyName(name);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string') throw new NoteError('could not export the Ed25519 seed');
  const seed = Buffer.from(jwk.d, 'base64url');
  const pub = rawPublicKey(publicKey);
  return { name, seed, publicKey: pub, signerKey: formatSignerKey(name, seed), verifierKey: formatVerifierKey(name, pub) };
}

/** `<name>+<hex8 key ID>+<base64(0x01 || public key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new NoteError(`an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  return `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([SIG_ED25519]), publicKey]).toString('base64')}`;
}

/** `PRIVATE+KEY+<name>+<hex8 key ID>+<base64(0x01 || seed)>` (Go's note.NewSigner format). */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  assertKeyName(name);
  const pub = rawPublicKey(createPublicKey(privateKeyFromSeed(seed)));
  return `PRIVATE+KEY+${name}+${keyId(name, pub).toString('hex')}+${Buffer.concat([Buffer.from([SIG_ED25519]), seed]).toString('base64')}`;
}

function parseKeyParts(name: string, hex: string, encoded: string, what: string): { id: Buffer; body: Buffer } {
  assertKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new NoteError(`${what}: the key ID must be 8 lowercase hex digits`);
  const bytes = decodeBase64(encoded, `${what}: the key`);
  if (bytes[0] !== SIG_ED25519) throw new NoteError(`${what}: unsupported signature type ${bytes[0]} (only Ed25519, 0x01)`);
  if (bytes.length !== 33) throw new NoteError(`${what}: an Ed25519 key is 32 bytes after the type byte, got ${bytes.length - 1}`);
  return { id: Buffer.from(hex, 'hex'), body: bytes.subarray(1) };
}

/** Parses and checks a verifier key string (name rules, key ID = the one computed from name and key). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  // The base64 key may itself contain '+': split off the first two fields only, as Go does.
  const [name, hex, ...rest] = vkey.split('+');
  if (rest.length === 0) throw new NoteError('verifier key: expected <name>+<hex8 key ID>+<base64 key>');
  const encoded = rest.join('+');
  const { id, body: publicKey } = parseKeyParts(name, hex, encoded, 'verifier key');
  if (!keyId(name, publicKey).equals(id)) throw new NoteError('verifier key: the key ID does not match the name and key');
  const key = publicKeyObject(publicKey);
  return {
    name,
    keyId: id,
    keyIdHex: hex,
    publicKey,
    verifierKey: vkey,
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

/** Parses and checks a signer key string; the key ID must match the name and the public key derived from the seed. */
export function parseSignerKey(skey: string): NoteSigner {
  const [p0, p1, name, hex, ...rest] = skey.split('+');
  if (p0 !== 'PRIVATE' || p1 !== 'KEY' || rest.length === 0) {
    throw new NoteError('signer key: expected PRIVATE+KEY+<name>+<hex8 key ID>+<base64 seed>');
  }
  const encoded = rest.join('+');
  const { id, body: seed } = parseKeyParts(name, hex, encoded, 'signer key');
  return signerFromSeed(name, seed, id);
}

/** A signer from a name and a raw 32-byte seed. */
export function signerFromSeed(name: string, seed: Uint8Array, expectedId?: Buffer): NoteSigner {
  assertKeyName(name);
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const id = keyId(name, publicKey);
  if (expectedId && !id.equals(expectedId)) throw new NoteError('signer key: the key ID does not match the name and key');
  return {
    name,
    keyId: id,
    keyIdHex: id.toString('hex'),
    publicKey,
    verifierKey: formatVerifierKey(name, publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------------------------

/** Valid note text: non-empty, ends in "\n", well-formed Unicode, no control character but "\n". */
function noteTextProblem(text: string): string | null {
  if (text.length === 0) return 'the text is empty';
  if (!text.endsWith('\n')) return 'the text does not end with a newline';
  if (!isWellFormed(text)) return 'the text is not valid Unicode (a lone surrogate)';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) return 'the text contains a control character';
  return null;
}

function signatureLine(signer: NoteSigner, text: string): string {
  const sig = signer.sign(Buffer.from(text, 'utf8'));
  return `${EM_DASH} ${signer.name} ${Buffer.concat([signer.keyId, sig]).toString('base64')}\n`;
}

/** Signs `text` (which must end in "\n") with each signer, in order: text, blank line, one line per signature. */
export function signNote(text: string, ...signers: NoteSigner[]): string {
  const problem = noteTextProblem(text);
  if (problem) throw new NoteError(`malformed note: ${problem}`);
  if (signers.length === 0) throw new NoteError('signNote needs at least one signer');
  if (signers.length > MAX_SIGNATURES) throw new NoteError(`at most ${MAX_SIGNATURES} signatures`);
  return `${text}\n${signers.map((s) => signatureLine(s, text)).join('')}`;
}

export interface NoteSignature {
  name: string;
  keyIdHex: string;
  /** base64(key ID || signature), as on the line. */
  base64: string;
}

export interface OpenedNote {
  /** The signed text, ending in "\n" (without the blank line). */
  text: string;
  /** Signatures verified by known keys, in note order, without duplicates. */
  verified: NoteSignature[];
  /** Signatures of keys not given (ignored, as the spec requires). */
  unverified: NoteSignature[];
}

/**
 * Verifies a signed note against trusted verifier keys (key strings or parsed). Throws NoteError for a malformed
 * note, an invalid signature from a known key, an ambiguous key (two different given keys share name and ID and
 * one of them is used; the same key given twice is not ambiguous, unlike Go), or a note that no known key signed.
 * Bytes are decoded as strict UTF-8.
 */
export function openNote(note: string | Uint8Array, verifierKeys: readonly (string | NoteVerifier)[]): OpenedNote {
  let msg: string;
  if (typeof note === 'string') {
    msg = note;
  } else {
    try {
      msg = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
    } catch {
      throw new NoteError('malformed note: not valid UTF-8');
    }
  }
  const verifiers = verifierKeys.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));

  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures');
  const text = msg.slice(0, split + 1);
  const problem = noteTextProblem(msg); // the whole note obeys the text rules (signed-note, "Format")
  if (problem) throw new NoteError(`malformed note: ${problem.replace('the text', 'the note')}`);
  const sigBlock = msg.slice(split + 2);
  if (sigBlock.length === 0) throw new NoteError('malformed note: no signature lines');
  const lines = sigBlock.slice(0, -1).split('\n'); // sigBlock ends in "\n" (checked above)
  if (lines.length > MAX_SIGNATURES) throw new NoteError(`malformed note: more than ${MAX_SIGNATURES} signatures`);

  const textBytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) throw new NoteError(`malformed note: not a signature line: ${JSON.stringify(line)}`);
    const [, name, b64] = m;
    if (!isValidKeyName(name)) throw new NoteError(`malformed note: invalid key name ${JSON.stringify(name)}`);
    let bytes: Buffer;
    try {
      bytes = decodeBase64(b64, 'signature');
    } catch {
      throw new NoteError(`malformed note: the signature of ${name} is not canonical base64`);
    }
    if (bytes.length < 5) throw new NoteError(`malformed note: the signature of ${name} is too short`);
    const id = bytes.subarray(0, 4);
    const entry: NoteSignature = { name, keyIdHex: id.toString('hex'), base64: b64 };
    const matching = verifiers.filter((v) => v.name === name && v.keyId.equals(id));
    if (matching.length === 0) {
      unverified.push(entry);
      continue;
    }
    const label = `${name}+${entry.keyIdHex}`;
    if (matching.length > 1 && !matching.every((v) => v.publicKey.equals(matching[0].publicKey))) {
      throw new NoteError(`ambiguous key ${label}`);
    }
    if (!matching[0].verify(textBytes, bytes.subarray(4))) throw new NoteError(`invalid signature for key ${label}`);
    if (!seen.has(b64)) {
      seen.add(b64);
      verified.push(entry);
    }
  }
  if (verified.length === 0) throw new NoteError('note has no verifiable signatures');
  return { text, verified, unverified };
}

// ---------------------------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------------------------

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions?: string[];
}

/** The checkpoint note text: origin, size, base64 root, extension lines, each ending in "\n". */
export function formatCheckpoint(cp: { origin: string; size: number; rootHash: Uint8Array; extensions?: readonly string[] }): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) throw new NoteError('checkpoint: the origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new NoteError('checkpoint: the size must be a non-negative safe integer');
  if (cp.rootHash.length !== 32) throw new NoteError(`checkpoint: the root hash is 32 bytes, got ${cp.rootHash.length}`);
  const extensions = cp.extensions ?? [];
  for (const e of extensions) {
    if (e.length === 0 || e.includes('\n')) throw new NoteError('checkpoint: an extension must be one non-empty line');
  }
  const text = [cp.origin, String(cp.size), Buffer.from(cp.rootHash).toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
  const problem = noteTextProblem(text);
  if (problem) throw new NoteError(`checkpoint: ${problem}`);
  return text;
}

/** Parses a checkpoint note text strictly (see the header); sizes above 2^53 − 1 are refused. */
export function parseCheckpoint(text: string): Checkpoint {
  const problem = noteTextProblem(text);
  if (problem) throw new NoteError(`checkpoint: ${problem}`);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError('checkpoint: expected at least three lines (origin, size, root hash)');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin.length === 0) throw new NoteError('checkpoint: the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine))
    throw new NoteError(`checkpoint: the size ${JSON.stringify(sizeLine)} is not a decimal without leading zeros`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new NoteError(`checkpoint: the size ${sizeLine} is too large`);
  let rootHash: Buffer;
  try {
    rootHash = decodeBase64(rootLine, 'root hash');
  } catch {
    throw new NoteError('checkpoint: the root hash is not canonical base64');
  }
  if (rootHash.length !== 32) throw new NoteError(`checkpoint: the root hash is 32 bytes, got ${rootHash.length}`);
  if (extensions.some((e) => e.length === 0)) throw new NoteError('checkpoint: an extension line is empty');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/** A signed checkpoint note. The signers' key names SHOULD be the origin (tlog-checkpoint, "Signatures"). */
export function signCheckpoint(cp: Checkpoint, ...signers: NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), ...signers);
}

/** Opens a signed checkpoint and parses it; with `origin`, refuses a checkpoint of another log. */
export function openCheckpoint(
  note: string | Uint8Array,
  verifierKeys: readonly (string | NoteVerifier)[],
  origin?: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifierKeys);
  const checkpoint = parseCheckpoint(opened.text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new NoteError(`checkpoint: origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(origin)}`);
  }
  return { checkpoint, note: opened };
}

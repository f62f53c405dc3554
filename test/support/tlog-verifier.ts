import { createHash, createPublicKey, verify } from 'node:crypto';

/*
 * An independent, minimal verifier of the transparency log for the tests: RFC 9162 §2.1.3.2 (inclusion)
 * and §2.1.4.2 (consistency) written again from the RFC, and the C2SP signed note checked with node:crypto
 * from the verifier key string alone. It shares no code with src/transparency.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const leafOf = (entry: Buffer): Buffer => sha256(Buffer.from([0]), entry);
const node = (l: Buffer, r: Buffer): Buffer => sha256(Buffer.from([1]), l, r);

/** RFC 9162 §2.1.3.2. */
export function inclusionHolds(leaf: Buffer, index: number, size: number, path: Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else r = node(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2, with 0 < first < second. */
export function consistencyHolds(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: Buffer[]): boolean {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else sr = node(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** Opens a C2SP checkpoint note signed by `vkey` (`name+hex8+base64(0x01||pub)`): its size and root, or throws. */
export function openSignedCheckpoint(note: string, vkey: string): { origin: string; size: number; root: Buffer } {
  const [name, hex, ...rest] = vkey.trim().split('+');
  const keyBytes = Buffer.from(rest.join('+'), 'base64');
  if (keyBytes[0] !== 1 || keyBytes.length !== 33) throw new Error('not an Ed25519 verifier key');
  const publicKey = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), keyBytes.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  const split = note.indexOf('\n\n');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line !== '');
  const ok = signatures.some((line) => {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== name) return false;
    const sig = Buffer.from(match[2], 'base64');
    return sig.subarray(0, 4).toString('hex') === hex && verify(null, Buffer.from(text, 'utf8'), publicKey, sig.subarray(4));
  });
  if (!ok) throw new Error('no valid signature by this key');
  const [origin, size, root] = text.slice(0, -1).split('\n');
  return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
}

/** JSON with object members sorted (RFC 8785 for the strings and integers these tests record). */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The leaf hash of an exported event line (docs/audit.md: every stored field, canonical JSON). */
export function exportedLeaf(line: Record<string, unknown>): Buffer {
  const { instanceId, seq, type, payload, actor, at, recordedAt, prevHash, hash } = line;
  return leafOf(Buffer.from(sortedJson({ instanceId, seq, type, payload, actor, at, recordedAt, prevHash, hash }), 'utf8'));
}

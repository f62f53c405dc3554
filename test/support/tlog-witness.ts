import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consistencyHolds, openSignedCheckpoint } from './tlog-verifier';

/**
 * A transparency log witness for the tests, written from C2SP tlog-witness and tlog-cosignature (not the
 * service's code): `POST /add-checkpoint` checks the log's signature with the key it trusts, the old size
 * against the size it last cosigned (409 with it, as text/x.tlog.size), the consistency proof (RFC 9162, with
 * the independent verifier), then cosigns (Ed25519, cosignature/v1) and remembers the checkpoint.
 */
export interface TestWitness {
  url: string;
  name: string;
  /** Its cosigner verifier key: name+hex8+base64(0x04 || public key). */
  verifierKey: string;
  publicKey: KeyObject;
  /** The checkpoint it last cosigned. */
  latest: { size: number; root: Buffer } | undefined;
  /** Each request: the old size sent, the number of proof lines, the status answered. */
  requests: { old: number; proofLines: number; status: number }[];
  close(): Promise<void>;
}

export async function startTestWitness(logKey: () => string, name = 'witness.test/w1'): Promise<TestWitness> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, 0x04]))
    .update(raw)
    .digest()
    .subarray(0, 4);
  const witness: Omit<TestWitness, 'url' | 'close'> = {
    name,
    verifierKey: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([0x04]), raw]).toString('base64')}`,
    publicKey,
    latest: undefined,
    requests: [],
  };
  const answer = (status: number, body = '', type = 'text/plain') => ({ status, body, type });
  const handle = (body: string): { status: number; body: string; type: string } => {
    const lines = body.split('\n');
    const oldLine = /^old (0|[1-9][0-9]*)$/.exec(lines[0] ?? '');
    if (!oldLine) return answer(400, 'no old size line\n');
    const old = Number(oldLine[1]);
    const blank = lines.indexOf('', 1);
    if (blank < 0) return answer(400, 'no blank line\n');
    const proof = lines.slice(1, blank).map((line) => Buffer.from(line, 'base64'));
    const note = lines.slice(blank + 1).join('\n');
    let checkpoint: { origin: string; size: number; root: Buffer };
    try {
      checkpoint = openSignedCheckpoint(note, logKey());
    } catch {
      return answer(403, 'no signature of a key trusted for this log\n');
    }
    if (old > checkpoint.size) return answer(400, 'old size beyond the checkpoint\n');
    const known = witness.latest?.size ?? 0;
    if (old !== known) return answer(409, `${known}\n`, 'text/x.tlog.size');
    if (old === 0) {
      if (proof.length > 0) return answer(422, 'a proof from size 0\n');
    } else if (!consistencyHolds(old, checkpoint.size, witness.latest!.root, checkpoint.root, proof)) {
      return answer(old === checkpoint.size ? 409 : 422, 'not consistent with what I cosigned\n');
    }
    const text = note.slice(0, note.indexOf('\n\n') + 1);
    const timestamp = BigInt(Math.floor(Date.now() / 1000));
    const message = Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
    const stamp = Buffer.alloc(8);
    stamp.writeBigUInt64BE(timestamp);
    const signature = Buffer.concat([keyId, stamp, sign(null, message, privateKey)]);
    witness.latest = { size: checkpoint.size, root: checkpoint.root };
    return answer(200, `\u2014 ${name} ${signature.toString('base64')}\n`);
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const result =
        request.method === 'POST' && request.url === '/w/add-checkpoint' ? handle(body) : { status: 404, body: '', type: 'text/plain' };
      const old = Number(/^old (\d+)/.exec(body)?.[1] ?? NaN);
      const proofLines = Math.max(0, body.split('\n').indexOf('', 1) - 1);
      witness.requests.push({ old, proofLines, status: result.status });
      response.writeHead(result.status, { 'content-type': result.type });
      response.end(result.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(witness, {
    url: `http://127.0.0.1:${port}/w`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The cosignature lines of `note` that the witness's public key verifies (independently of the service). */
export function witnessCosignatures(note: string, witness: Pick<TestWitness, 'name' | 'publicKey'>): bigint[] {
  const split = note.indexOf('\n\n');
  const text = note.slice(0, split + 1);
  const found: bigint[] = [];
  for (const line of note.slice(split + 2).split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== witness.name) continue;
    const bytes = Buffer.from(match[2], 'base64');
    const timestamp = bytes.readBigUInt64BE(4);
    const message = Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
    if (verify(null, message, witness.publicKey, bytes.subarray(12))) found.push(timestamp);
  }
  return found;
}

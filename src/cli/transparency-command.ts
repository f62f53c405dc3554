import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { loadConfig } from '../config/app-config';
import { Database } from '../persistence/database';
import { TransparencyRepository } from '../persistence/repositories/transparency.repository';
import { openCheckpoint, type Checkpoint } from '../transparency/checkpoint';
import { exportedEventLeafHash, type LeafEventFields } from '../transparency/event-leaf';
import { verifyConsistency, verifyInclusion } from '../transparency/merkle';
import { loadSigningKey } from '../transparency/signing-key';
import { TransparencyService, type InclusionProofAnswer } from '../transparency/transparency.service';
import { EXIT_FAILED, EXIT_OK, type CliContext } from './cli-context';
import { guarded } from './commands';

/*
 * The transparency log on the command line (docs/audit.md):
 *
 *   engine-cli checkpoint                      the latest signed checkpoint (database)
 *   engine-cli transparency-key                the verifier key (from TRANSPARENCY_KEY_FILE)
 *   engine-cli inclusion-proofs --checkpoint C --out P [--instance ID]
 *                                              an inclusion proof, for C's tree size, of every event (database)
 *   engine-cli verify-export FILE --checkpoint C --key K --proofs P
 *                                              offline: each event of the export is the leaf its proof says,
 *                                              in the tree whose root C signs
 *   engine-cli verify-consistency OLD NEW --key K --proof P
 *                                              offline: the tree of OLD is a prefix of the tree of NEW
 *
 * A proofs file is JSON Lines, one `{"record":"inclusion", instanceId, seq, leafIndex, treeSize, leafHash,
 * hashes}` per event; a consistency proof file is the JSON answer of GET /api/transparency/proof/consistency.
 */

export interface InclusionProofLine extends InclusionProofAnswer {
  record: 'inclusion';
  instanceId: string;
  seq: number;
}

function print(context: CliContext, text: string): void {
  context.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

async function withDatabase<T>(
  context: CliContext,
  work: (database: Database, repository: TransparencyRepository) => Promise<T>,
): Promise<T> {
  const database = await Database.open(loadConfig(context.env).database, { migrate: false });
  try {
    return await work(database, new TransparencyRepository(database));
  } finally {
    await database.close();
  }
}

/** `checkpoint`: prints the latest signed checkpoint note; exit 1 if none was signed yet. */
export function checkpointCommand(context: CliContext): Promise<number> {
  return guarded(context, () =>
    withDatabase(context, async (database, repository) => {
      const latest = await database.sqlRead((session) => repository.latestCheckpoint(session));
      if (!latest) {
        context.stderr.write('engine-cli: no checkpoint was signed yet (the service signs one at start-up)\n');
        return EXIT_FAILED;
      }
      context.stdout.write(latest.note);
      return EXIT_OK;
    }),
  );
}

/** `transparency-key`: prints the verifier key of TRANSPARENCY_KEY_FILE (never the signer key). */
export function transparencyKeyCommand(context: CliContext): Promise<number> {
  return guarded(context, () => {
    const { transparency } = loadConfig(context.env);
    print(context, loadSigningKey(transparency.keyFile, transparency.origin, { create: false }).verifierKey);
    return Promise.resolve(EXIT_OK);
  });
}

/** `inclusion-proofs --checkpoint C --out P [--instance ID]`: a proof of every event (of one record) for C's size. */
export function inclusionProofsCommand(context: CliContext, args: { checkpoint: string; out: string; instance?: string }): Promise<number> {
  return guarded(context, () =>
    withDatabase(context, async (database, repository) => {
      const size = checkpointSize(readFileSync(args.checkpoint, 'utf8'));
      const config = loadConfig(context.env);
      const service = new TransparencyService(config, database, repository);
      const file = args.out === '-' ? undefined : createWriteStream(args.out);
      const write = async (line: string) => {
        if (!file) return void context.stdout.write(line);
        if (!file.write(line)) await once(file, 'drain');
      };
      // Leaves the checkpoint signs that the database no longer holds: their events were deleted, and no
      // proof of the tree can be given any more (each missing range is reported, nothing is written).
      const missing: string[] = [];
      let expected = 0;
      for (let from = 0; from < size && missing.length < 100;) {
        const leaves = await database.sqlRead((session) => repository.leaves(session, from, Math.min(1_000, size - from)));
        for (const leaf of leaves) {
          if (leaf.index >= size) break;
          if (leaf.index !== expected) missing.push(leaf.index - 1 === expected ? `${expected}` : `${expected} to ${leaf.index - 1}`);
          expected = leaf.index + 1;
        }
        if (leaves.length === 0 || leaves[leaves.length - 1].index >= size - 1) break;
        from = leaves[leaves.length - 1].index + 1;
      }
      if (expected < size && missing.length < 100) missing.push(expected === size - 1 ? `${expected}` : `${expected} to ${size - 1}`);
      if (missing.length > 0) {
        for (const range of missing) {
          context.stdout.write(
            `FAIL transparency log: leaf ${range} of the tree the checkpoint signs (size ${size}) is no longer stored: events were deleted\n`,
          );
        }
        return EXIT_FAILED;
      }
      let written = 0;
      for (let from = 0; from < size; from += 1_000) {
        const leaves = await database.sqlRead((session) => repository.leaves(session, from, Math.min(1_000, size - from)));
        for (const leaf of leaves) {
          if (leaf.index >= size) break;
          if (args.instance && leaf.instanceId !== args.instance) continue;
          const proof = await service.inclusionProof(leaf.index, size);
          const line: InclusionProofLine = { record: 'inclusion', instanceId: leaf.instanceId, seq: leaf.seq, ...proof };
          await write(`${JSON.stringify(line)}\n`);
          written++;
        }
      }
      if (file) {
        file.end();
        await finished(file);
      }
      context.stderr.write(`wrote ${written} inclusion proofs for tree size ${size}${file ? ` to ${args.out}` : ''}\n`);
      return EXIT_OK;
    }),
  );
}

/** The size line of a checkpoint note, unverified (the verifying commands open it with the key). */
function checkpointSize(note: string): number {
  const size = Number(note.split('\n')[1]);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error('the checkpoint file is not a checkpoint note (no size on its second line)');
  return size;
}

function openWithKey(path: string, key: string): Checkpoint {
  return openCheckpoint(readFileSync(path, 'utf8'), [keyText(key)]).checkpoint;
}

/** `--key` is a verifier key string or a file holding one. */
function keyText(key: string): string {
  if (/^[^+\s]+\+[0-9a-f]{8}\+/.test(key)) return key;
  return readFileSync(key, 'utf8').trim();
}

export interface TransparencyExportCheck {
  ok: boolean;
  treeSize: number;
  /** Events of the export proved in the checkpoint's tree. */
  proved: number;
  /** Events recorded after the checkpoint (no proof for its size): not covered by it. */
  notCovered: number;
  failures: { instanceId: string; seq: number; problem: string }[];
}

/**
 * The transparency half of `verify-export FILE --checkpoint C --key K --proofs P`: the checkpoint's signature,
 * then each event line of the export against its proof (its leaf recomputed from the line). An event without
 * a proof although the checkpoint covers it, a proof that does not hold, or a proof of another tree size fails.
 */
export async function verifyExportInclusion(
  file: string,
  checkpointFile: string,
  key: string,
  proofsFile: string,
): Promise<TransparencyExportCheck> {
  const checkpoint = openWithKey(checkpointFile, key);
  const proofs = new Map<string, InclusionProofLine>();
  for await (const text of createInterface({ input: createReadStream(proofsFile), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as InclusionProofLine;
    if (line.record === 'inclusion') proofs.set(`${line.instanceId}#${line.seq}`, line);
  }
  const result: TransparencyExportCheck = { ok: true, treeSize: checkpoint.size, proved: 0, notCovered: 0, failures: [] };
  const fail = (instanceId: string, seq: number, problem: string) => {
    result.ok = false;
    result.failures.push({ instanceId, seq, problem });
  };
  const instances = new Set<string>();
  const events = new Set<string>();
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue; // the export's own verification reports it
    }
    if (line.record !== 'event') continue;
    const event = line as unknown as LeafEventFields;
    const seq = Number(event.seq);
    instances.add(event.instanceId);
    events.add(`${event.instanceId}#${seq}`);
    const proof = proofs.get(`${event.instanceId}#${seq}`);
    if (!proof) {
      result.notCovered++;
      continue;
    }
    if (proof.treeSize !== checkpoint.size) {
      fail(event.instanceId, seq, `its proof is for tree size ${proof.treeSize}, the checkpoint's is ${checkpoint.size}`);
      continue;
    }
    let leaf: Buffer;
    try {
      leaf = exportedEventLeafHash(event);
    } catch (error) {
      fail(event.instanceId, seq, `its leaf cannot be computed (${(error as Error).message})`);
      continue;
    }
    const hashes = proof.hashes.map((h) => Buffer.from(h, 'hex'));
    if (!verifyInclusion(leaf, proof.leafIndex, checkpoint.size, hashes, checkpoint.rootHash)) {
      fail(
        event.instanceId,
        seq,
        leaf.toString('hex') === proof.leafHash
          ? `leaf ${proof.leafIndex} is not in the tree whose root the checkpoint signs`
          : `the event differs from leaf ${proof.leafIndex} of the signed tree (its leaf hash is ${leaf.toString('hex')}, the log's ${proof.leafHash})`,
      );
      continue;
    }
    result.proved++;
  }
  // A proof of an event of an exported record that the export lacks: the record lost an event the checkpoint covers.
  for (const proof of proofs.values()) {
    if (instances.has(proof.instanceId) && !events.has(`${proof.instanceId}#${proof.seq}`)) {
      fail(proof.instanceId, proof.seq, `leaf ${proof.leafIndex} of the signed tree is this event, missing from the export`);
    }
  }
  return result;
}

/** `verify-consistency OLD NEW --key K --proof P`: both signatures, then RFC 9162 §2.1.4.2. */
export function verifyConsistencyCommand(
  context: CliContext,
  args: { old: string; new: string; key: string; proof: string; json?: boolean },
): Promise<number> {
  return guarded(context, () => {
    const older = openWithKey(args.old, args.key);
    const newer = openWithKey(args.new, args.key);
    const proof = JSON.parse(readFileSync(args.proof, 'utf8')) as { from: number; to: number; hashes: string[] };
    let problem: string | undefined;
    if (older.origin !== newer.origin) problem = `the checkpoints are of two logs (${older.origin}, ${newer.origin})`;
    else if (proof.from !== older.size || proof.to !== newer.size) {
      problem = `the proof is from ${proof.from} to ${proof.to}, the checkpoints are of sizes ${older.size} and ${newer.size}`;
    } else if (
      !verifyConsistency(
        older.size,
        newer.size,
        older.rootHash,
        newer.rootHash,
        proof.hashes.map((h) => Buffer.from(h, 'hex')),
      )
    ) {
      problem = `the tree of size ${older.size} is not a prefix of the tree of size ${newer.size}: the log was rewritten`;
    }
    if (args.json)
      print(context, JSON.stringify({ ok: problem === undefined, from: older.size, to: newer.size, problem: problem ?? null }, null, 2));
    else
      print(
        context,
        problem ? `FAIL ${problem}` : `consistent: the tree of size ${older.size} is a prefix of the tree of size ${newer.size}`,
      );
    return Promise.resolve(problem ? EXIT_FAILED : EXIT_OK);
  });
}

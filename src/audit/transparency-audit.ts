import type { Database } from '../persistence/database';
import type { TransparencyRepository } from '../persistence/repositories/transparency.repository';
import { storedEventLeafHash } from '../transparency/event-leaf';
import { MerkleFrontier, treeHashAt } from '../transparency/merkle';

export interface TransparencyAudit {
  ok: boolean;
  /** Leaves recomputed from the events. */
  leaves: number;
  treeSize: number;
  /** The latest checkpoint compared with the recomputed tree, if there is one. */
  checkpoint: { size: number; rootHash: string } | null;
  /** What disagrees (the first 100). */
  problems: string[];
}

const PAGE = 1_000;
const MAX_PROBLEMS = 100;

/**
 * The transparency log recomputed from the events (`engine-cli verify --all`): every leaf from the event it
 * holds, in leaf order, each compared with the leaf hash stored with it; every event must have a leaf, with no
 * gap in the indices; the root of the recomputed leaves must equal the stored frontier's, the root read from
 * the stored nodes (and the stored leaf hashes below level 4), and, at the
 * latest checkpoint's size, that checkpoint's root. Only the note's root is compared here, not its
 * signature: the signature is checked with the verifier key (engine-cli verify-export --checkpoint).
 */
export async function auditTransparencyLog(database: Database, repository: TransparencyRepository): Promise<TransparencyAudit> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const state = await database.sqlRead((session) => repository.tree(session));
  const latest = (await database.sqlRead((session) => repository.latestCheckpoint(session))) ?? null;
  const frontier = MerkleFrontier.empty();
  let rootAtCheckpoint = latest?.size === 0 ? frontier.root() : undefined;
  for (let from = 0; ; from += PAGE) {
    const page = await database.sqlRead((session) => repository.leafEvents(session, from, PAGE));
    for (const leaf of page) {
      if (leaf.index !== frontier.size) {
        const gap = leaf.index - frontier.size;
        problem(
          `${gap === 1 ? `leaf ${frontier.size} is` : `leaves ${frontier.size} to ${leaf.index - 1} are`} missing: events were deleted (the next stored leaf is ${leaf.index})`,
        );
      }
      const recomputed = storedEventLeafHash(leaf.event);
      if (recomputed.toString('hex') !== leaf.leafHash) {
        problem(`leaf ${leaf.index}: event ${leaf.instanceId} seq ${leaf.seq} is not the event the log recorded (its leaf hash differs)`);
      }
      frontier.append(recomputed);
      if (latest && frontier.size === latest.size) rootAtCheckpoint = frontier.root();
    }
    if (page.length < PAGE) break;
  }
  for (const orphan of await database.sqlRead((session) => repository.eventsWithoutLeaf(session, MAX_PROBLEMS))) {
    problem(`event ${orphan.instanceId} seq ${orphan.seq} has no leaf in the transparency log`);
  }
  const root = frontier.root();
  if (state.size !== frontier.size) problem(`the log's state says ${state.size} leaves, ${frontier.size} are stored`);
  else if (!state.frontier.root().equals(root))
    problem('the root of the stored frontier is not the root of the leaves recomputed from the events');
  else {
    const fromNodes = await database.sqlRead(async (session) =>
      treeHashAt(state.size, {
        node: async (level, index) => {
          const found = (await repository.nodes(session, [{ level, index }])).get(`${level}:${index}`);
          if (!found) throw new Error(`node (${level}, ${index}) is missing`);
          return found;
        },
      }).catch((error: unknown) => error as Error),
    );
    if (fromNodes instanceof Error) problem(`the stored tree nodes are incomplete: ${fromNodes.message}`);
    else if (!fromNodes.equals(root))
      problem('the root read from the stored tree nodes is not the root of the leaves recomputed from the events');
  }
  if (latest) {
    const noteRoot = Buffer.from(latest.note.split('\n')[2] ?? '', 'base64').toString('hex');
    if (noteRoot !== latest.rootHash) problem(`checkpoint ${latest.size}: its note and its stored root disagree`);
    if (rootAtCheckpoint === undefined)
      problem(`the latest checkpoint is of size ${latest.size}, beyond the ${frontier.size} leaves stored`);
    else if (rootAtCheckpoint.toString('hex') !== latest.rootHash) {
      problem(`the leaves recomputed from the events do not give the root of the latest checkpoint (size ${latest.size})`);
    }
  }
  return {
    ok: problems.length === 0,
    leaves: frontier.size,
    treeSize: state.size,
    checkpoint: latest ? { size: latest.size, rootHash: latest.rootHash } : null,
    problems,
  };
}

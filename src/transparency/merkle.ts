/**
 * Merkle tree hashing, proofs and an append-only frontier for a transparency log.
 *
 * Implements RFC 9162 (Certificate Transparency 2.0) §2.1, identical for SHA-256 to RFC 6962 §2.1:
 * - §2.1.1 Merkle Tree Hash: `MTH({}) = SHA-256()`, `MTH({d0}) = SHA-256(0x00 || d0)`,
 *   `MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))` with k the largest power of two < n;
 * - §2.1.3.1 inclusion proofs (PATH) and §2.1.3.2 their verification;
 * - §2.1.4.1 consistency proofs (PROOF/SUBPROOF) and §2.1.4.2 their verification.
 *
 * Vocabulary. A *perfect subtree* is the subtree over leaves [index·2^level, (index+1)·2^level): its hash is
 * the node (level, index); level 0 is the leaf hashes. Every hash that appears in an inclusion or consistency
 * proof is the MTH of a range [start, end) that is either a perfect subtree or a *right edge* [start, size)
 * whose start is aligned so that it splits into perfect subtrees of decreasing size, one per set bit of
 * (size − start). Proof generation is therefore split into a data-free *plan* (which ranges, hence which
 * (level, index) nodes) and a *resolution* from those nodes, so that a database can fetch every node of a
 * proof in one query. Once complete, a perfect subtree never changes: nodes are write-once.
 *
 * Sizes and indices are JavaScript numbers up to Number.MAX_SAFE_INTEGER (2^53 − 1); the code uses
 * arithmetic, never 32-bit bitwise operators, so it stays correct above 2^31.
 */
import { createHash, hash } from 'node:crypto';

export const HASH_SIZE = 32;

/** SHA-256 of the empty string: the hash of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

// One-shot hashing (crypto.hash): for inputs this small, a Hash object costs more than the digest.

/** `H(0x00 || entry)`: the hash of a leaf whose entry is `entry` (RFC 9162 §2.1.1). */
export function leafHash(entry: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, entry]), 'buffer');
}

/** `H(0x00 || entry)` for an entry given as text, hashed as its UTF-8 bytes (`\u0000` is the byte 0x00). */
export function leafHashOfText(entry: string): Buffer {
  return hash('sha256', `\u0000${entry}`, 'buffer');
}

/** `H(0x01 || left || right)`: the hash of an interior node (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right], 1 + left.length + right.length), 'buffer');
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// ---------------------------------------------------------------------------------------------------------
// Integer helpers (safe up to 2^53; no 32-bit bitwise operators)
// ---------------------------------------------------------------------------------------------------------

function assertSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${String(n)}`);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The largest power of two strictly less than n, for n > 1 (RFC 9162 §2.1.1's k). */
export function largestPowerOfTwoBelow(n: number): number {
  if (!(n > 1)) throw new RangeError(`largestPowerOfTwoBelow needs n > 1, got ${String(n)}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** Number of set bits, i.e. of perfect subtrees (and frontier hashes) covering [0, n). */
export function popCount(n: number): number {
  let count = 0;
  while (n > 0) {
    if (isOdd(n)) count++;
    n = half(n);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------------------
// Tree hash
// ---------------------------------------------------------------------------------------------------------

/**
 * MTH(D[n]) of a list of leaf hashes (RFC 9162 §2.1.1), for any n including 0.
 * O(n) hashing, O(log n) memory (through the frontier, which yields the same value as the recursion).
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Buffer {
  const frontier = MerkleFrontier.empty();
  for (const leaf of leafHashes) frontier.append(leaf);
  return frontier.root();
}

/** A node of the tree: the hash of the perfect subtree over leaves [index·2^level, (index+1)·2^level). */
export interface MerkleNode {
  level: number;
  index: number;
  hash: Buffer;
}

export interface NodeId {
  level: number;
  index: number;
}

/** Stored perfect-subtree hashes, keyed by (level, index); level 0 is the leaf hashes. */
export interface NodeReader {
  node(level: number, index: number): Buffer | Promise<Buffer>;
}

/** Stored leaf hashes only; perfect subtrees are then hashed from their leaves (O(2^level) reads each). */
export interface TreeReader {
  leafHash(index: number): Buffer | Promise<Buffer>;
}

/** Hash of the perfect subtree [start, start + 2^level) from leaf hashes; start must be a multiple of 2^level. O(2^level). */
export async function subtreeHash(reader: TreeReader, start: number, level: number): Promise<Buffer> {
  assertSize('start', start);
  assertSize('level', level);
  const width = 2 ** level;
  if (start % width !== 0) throw new RangeError(`subtree start ${start} is not a multiple of 2^${level}`);
  // An explicit stack of at most level + 1 hashes: the frontier of the subtree being built.
  const frontier = MerkleFrontier.empty();
  for (let i = start; i < start + width; i++) frontier.append(await reader.leafHash(i));
  return frontier.root();
}

/** A NodeReader over a TreeReader: each node is hashed from its leaves. Fine for small trees and tests. */
export function nodeReaderFromLeaves(reader: TreeReader): NodeReader {
  return { node: (level, index) => subtreeHash(reader, index * 2 ** level, level) };
}

// ---------------------------------------------------------------------------------------------------------
// Frontier ("compact range" over [0, n))
// ---------------------------------------------------------------------------------------------------------

/**
 * The append-only state of the tree: the root hashes of the perfect subtrees covering [0, size), largest
 * (leftmost) first — one per set bit of size, so at most ⌊log2 size⌋ + 1 hashes. `append` is O(1) amortised
 * and O(log n) at worst (it merges the equal-sized subtrees it completes); `root` is O(log n).
 * This is what the service keeps per commit; it is serialisable with `toJSON`/`fromJSON`.
 */
export class MerkleFrontier {
  private constructor(
    private treeSize: number,
    private readonly stack: Buffer[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Restores a frontier; `hashes` are the perfect subtrees of [0, size), largest first. */
  static of(size: number, hashes: readonly Uint8Array[]): MerkleFrontier {
    assertSize('size', size);
    if (hashes.length !== popCount(size)) {
      throw new RangeError(`a frontier of size ${size} has ${popCount(size)} hashes, got ${hashes.length}`);
    }
    for (const h of hashes) if (h.length !== HASH_SIZE) throw new RangeError(`frontier hashes are ${HASH_SIZE} bytes`);
    return new MerkleFrontier(
      size,
      hashes.map((h) => Buffer.from(h)),
    );
  }

  static fromJSON(json: { size: number; hashes: readonly string[] }): MerkleFrontier {
    return MerkleFrontier.of(
      json.size,
      json.hashes.map((h) => Buffer.from(h, 'base64')),
    );
  }

  toJSON(): { size: number; hashes: string[] } {
    return { size: this.treeSize, hashes: this.stack.map((h) => h.toString('base64')) };
  }

  get size(): number {
    return this.treeSize;
  }

  get hashes(): readonly Buffer[] {
    return this.stack;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.treeSize, [...this.stack]);
  }

  /** The frontier's hashes as nodes: for size 13 = 8 + 4 + 1, nodes (3, 0), (2, 2), (0, 12). */
  nodes(): MerkleNode[] {
    const out: MerkleNode[] = [];
    let start = 0;
    let i = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (start + width <= this.treeSize) {
        out.push({ level, index: start / width, hash: this.stack[i++] });
        start += width;
      }
    }
    return out;
  }

  append(leaf: Uint8Array): void {
    this.appendWithNodes(leaf);
  }

  /**
   * Appends a leaf hash and returns the nodes this append completes: the leaf itself (level 0) and each
   * perfect subtree it closes — as many as the trailing one bits of the previous size. These are exactly the
   * rows a table of tree nodes gains in the same transaction as the event. Total over n appends: < 2n nodes.
   * (A store that already keeps leaf hashes with its entries may skip level 0 and serve it from there.)
   */
  appendWithNodes(leaf: Uint8Array): MerkleNode[] {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`a leaf hash is ${HASH_SIZE} bytes, got ${leaf.length}`);
    if (this.treeSize >= Number.MAX_SAFE_INTEGER) throw new RangeError('tree is full');
    const newSize = this.treeSize + 1;
    let hash: Buffer = Buffer.from(leaf);
    const completed: MerkleNode[] = [{ level: 0, index: this.treeSize, hash }];
    let level = 0;
    for (let s = this.treeSize; isOdd(s); s = half(s)) {
      const left = this.stack.pop() as Buffer;
      hash = nodeHash(left, hash);
      level++;
      completed.push({ level, index: newSize / 2 ** level - 1, hash });
    }
    this.stack.push(hash);
    this.treeSize = newSize;
    return completed;
  }

  /** MTH of the tree of this size: the frontier folded from the right. O(log n). */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i], acc);
    return acc;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Proof plans
// ---------------------------------------------------------------------------------------------------------

/** A range [start, end) of leaves whose MTH is one element of a proof. */
export interface LeafRange {
  start: number;
  end: number;
}

/** Which ranges make a proof, in proof order, and the perfect-subtree nodes needed to hash them. */
export interface ProofPlan {
  ranges: LeafRange[];
  /**
   * Deduplicated: one per perfect-subtree element of the proof plus popcount(size − start) for its right-edge
   * element, if any; with the frontier of the tree size the right edge needs no read, so at most ⌈log2 n⌉ reads
   * for an inclusion proof and ⌈log2 n⌉ + 1 for a consistency proof. One `WHERE (level, index) IN (…)` query.
   */
  nodes: NodeId[];
}

/**
 * The perfect subtrees whose fold is MTH(D[start:end]): one if the range is a perfect subtree, else one per set
 * bit of (end − start), largest first. Throws if the range is not one a proof can contain.
 */
export function rangeNodes(range: LeafRange): NodeId[] {
  const { start, end } = range;
  assertSize('start', start);
  assertSize('end', end);
  if (end <= start) throw new RangeError(`empty range [${start}, ${end})`);
  const out: NodeId[] = [];
  let at = start;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (at + width <= end) {
      if (at % width !== 0) throw new RangeError(`range [${start}, ${end}) is not a perfect subtree or an aligned right edge`);
      out.push({ level, index: at / width });
      at += width;
    }
  }
  return out;
}

function plan(ranges: LeafRange[]): ProofPlan {
  const seen = new Set<string>();
  const nodes: NodeId[] = [];
  for (const r of ranges) {
    for (const n of rangeNodes(r)) {
      const key = `${n.level}:${n.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        nodes.push(n);
      }
    }
  }
  return { ranges, nodes };
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as ranges, leaf side first. O(log n), no data needed. */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      siblings.push({ start: start + k, end }); // PATH(m, D[0:k]) : MTH(D[k:n])
      end = start + k;
    } else {
      siblings.push({ start, end: start + k }); // PATH(m − k, D[k:n]) : MTH(D[0:k])
      start += k;
      m -= k;
    }
  }
  return plan(siblings.reverse());
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as ranges, for 0 ≤ m ≤ n. The proof is empty when
 * m = 0 or m = n (nothing to prove; the verifier then only compares roots). O(log n), no data needed.
 */
export function consistencyProofPlan(m: number, n: number): ProofPlan {
  assertSize('m', m);
  assertSize('n', n);
  if (m > n) throw new RangeError(`old size ${m} is larger than new size ${n}`);
  if (m === 0 || m === n) return { ranges: [], nodes: [] };
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = n;
  let rel = m;
  let b = true;
  while (rel < end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (rel <= k) {
      siblings.push({ start: start + k, end }); // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      end = start + k;
    } else {
      siblings.push({ start, end: start + k }); // SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k])
      start += k;
      rel -= k;
      b = false;
    }
  }
  const head: LeafRange[] = b ? [] : [{ start, end }]; // SUBPROOF(m, D[m], false) = {MTH(D[m])}
  return plan(head.concat(siblings.reverse()));
}

/** Hashes each planned range from its nodes (folded from the right). `lookup` must answer every node of the plan. */
export function resolveProof(proofPlan: ProofPlan, lookup: (level: number, index: number) => Buffer): Buffer[] {
  return proofPlan.ranges.map((range) => {
    const parts = rangeNodes(range).map((n) => {
      const h = lookup(n.level, n.index);
      if (!h || h.length !== HASH_SIZE) throw new Error(`node (${n.level}, ${n.index}) is missing or not ${HASH_SIZE} bytes`);
      return h;
    });
    let acc = parts[parts.length - 1];
    for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(parts[i], acc);
    return acc;
  });
}

/** Reads the plan's nodes (those of `frontier`, the current right edge, are taken from it without a read). */
async function fetchNodes(proofPlan: ProofPlan, source: NodeReader | TreeReader, frontier?: MerkleFrontier): Promise<Map<string, Buffer>> {
  const reader: NodeReader = 'node' in source ? source : nodeReaderFromLeaves(source);
  const known = new Map<string, Buffer>();
  for (const f of frontier?.nodes() ?? []) known.set(`${f.level}:${f.index}`, f.hash);
  const found = new Map<string, Buffer>();
  await Promise.all(
    proofPlan.nodes.map(async ({ level, index }) => {
      const key = `${level}:${index}`;
      found.set(key, known.get(key) ?? (await reader.node(level, index)));
    }),
  );
  return found;
}

/**
 * Inclusion proof for leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1), read from stored nodes
 * (⌈log2 size⌉ reads at most with the frontier of `size`, plus popcount(size) − 1 without it) or from leaf hashes.
 * A frontier, if given, must be the one of `size` exactly (it then serves the right edge).
 */
export async function inclusionProof(
  index: number,
  size: number,
  source: NodeReader | TreeReader,
  frontier?: MerkleFrontier,
): Promise<Buffer[]> {
  if (frontier && frontier.size !== size) throw new RangeError(`the frontier is of size ${frontier.size}, not ${size}`);
  const p = inclusionProofPlan(index, size);
  const nodes = await fetchNodes(p, source, frontier);
  return resolveProof(p, (l, i) => nodes.get(`${l}:${i}`) as Buffer);
}

/** Consistency proof from size m to size n (RFC 9162 §2.1.4.1); same reading rules as `inclusionProof` (frontier of n). */
export async function consistencyProof(
  m: number,
  n: number,
  source: NodeReader | TreeReader,
  frontier?: MerkleFrontier,
): Promise<Buffer[]> {
  if (frontier && frontier.size !== n) throw new RangeError(`the frontier is of size ${frontier.size}, not ${n}`);
  const p = consistencyProofPlan(m, n);
  const nodes = await fetchNodes(p, source, frontier);
  return resolveProof(p, (l, i) => nodes.get(`${l}:${i}`) as Buffer);
}

/** MTH of the tree at an earlier (or the current) size from stored nodes: popcount(size) reads. */
export async function treeHashAt(size: number, reader: NodeReader): Promise<Buffer> {
  assertSize('size', size);
  if (size === 0) return EMPTY_ROOT;
  const p = plan([{ start: 0, end: size }]);
  const nodes = await fetchNodes(p, reader);
  return resolveProof(p, (l, i) => nodes.get(`${l}:${i}`) as Buffer)[0];
}

// ---------------------------------------------------------------------------------------------------------
// Verification (RFC 9162 §2.1.3.2 and §2.1.4.2), O(proof length)
// ---------------------------------------------------------------------------------------------------------

function allHashes(proof: readonly Uint8Array[]): boolean {
  return proof.every((p) => p instanceof Uint8Array && p.length === HASH_SIZE);
}

/**
 * The root implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1–4), or null if the proof cannot belong to
 * (index, size): index out of range, wrong length, malformed element.
 */
export function rootFromInclusionProof(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (leaf.length !== HASH_SIZE || !allHashes(proof)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show that `leaf` is leaf `index` of the tree of `size` whose root is `root`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  const r = rootFromInclusionProof(leaf, index, size, proof);
  return r !== null && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of size m with root `oldRoot` is a prefix of the tree of
 * size n with root `newRoot`? Edge cases the RFC leaves to the caller (as in Go's transparency-dev/merkle):
 * m = n holds iff the proof is empty and the roots are equal; m = 0 holds iff the proof is empty (the empty
 * tree is a prefix of every tree; `oldRoot` must then be the empty root); m > n never holds.
 */
export function verifyConsistency(m: number, n: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (!allHashes(proof) || oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE) return false;
  if (m === n) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (m === 0) return proof.length === 0 && EMPTY_ROOT.equals(oldRoot);
  // 1. An empty path fails.
  if (proof.length === 0) return false;
  // 2. If m is an exact power of two, prepend the old root.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : [...proof];
  // 3.
  let fn = m - 1;
  let sn = n - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

// ---------------------------------------------------------------------------------------------------------
// In-memory tree (reference store for tests and tools)
// ---------------------------------------------------------------------------------------------------------

/** Every node in memory, filled by `appendWithNodes`: what a table of nodes keyed by (level, index) would hold. */
export class MemoryMerkleTree implements NodeReader {
  private readonly frontierState = MerkleFrontier.empty();
  private readonly store = new Map<string, Buffer>();
  /** Number of `node` calls, for tests of the read count. */
  reads = 0;

  get size(): number {
    return this.frontierState.size;
  }

  get frontier(): MerkleFrontier {
    return this.frontierState.clone();
  }

  appendEntry(entry: Uint8Array): MerkleNode[] {
    return this.appendLeafHash(leafHash(entry));
  }

  appendLeafHash(leaf: Uint8Array): MerkleNode[] {
    const nodes = this.frontierState.appendWithNodes(leaf);
    for (const n of nodes) this.store.set(`${n.level}:${n.index}`, n.hash);
    return nodes;
  }

  node(level: number, index: number): Buffer {
    this.reads++;
    const h = this.store.get(`${level}:${index}`);
    if (!h) throw new RangeError(`no node (${level}, ${index}) in a tree of size ${this.size}`);
    return h;
  }

  root(): Buffer {
    return this.frontierState.root();
  }
}

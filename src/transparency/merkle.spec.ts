import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  EMPTY_ROOT,
  MemoryMerkleTree,
  MerkleFrontier,
  consistencyProof,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofPlan,
  leafHash,
  merkleTreeHash,
  nodeHash,
  rootFromInclusionProof,
  subtreeHash,
  treeHashAt,
  verifyConsistency,
  verifyInclusion,
  type TreeReader,
} from './merkle';

// ---------------------------------------------------------------------------------------------------------
// An independent reference: a direct, recursive transcription of RFC 9162 §2.1 (nothing from ./merkle).
// ---------------------------------------------------------------------------------------------------------
const ref = {
  H: (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest(),
  leaf: (d: Buffer): Buffer => ref.H(Buffer.from([0]), d),
  /** k: the largest power of two smaller than n (n > 1). */
  k: (n: number): number => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  },
  /** MTH over leaf hashes (the recursion of §2.1.1). */
  mth: (D: Buffer[]): Buffer => {
    if (D.length === 0) return ref.H();
    if (D.length === 1) return D[0];
    const k = ref.k(D.length);
    return ref.H(Buffer.from([1]), ref.mth(D.slice(0, k)), ref.mth(D.slice(k)));
  },
  /** PATH(m, D[n]) of §2.1.3.1. */
  path: (m: number, D: Buffer[]): Buffer[] => {
    if (D.length === 1) return [];
    const k = ref.k(D.length);
    return m < k ? [...ref.path(m, D.slice(0, k)), ref.mth(D.slice(k))] : [...ref.path(m - k, D.slice(k)), ref.mth(D.slice(0, k))];
  },
  /** SUBPROOF(m, D[n], b) of §2.1.4.1. */
  subproof: (m: number, D: Buffer[], b: boolean): Buffer[] => {
    if (m === D.length) return b ? [] : [ref.mth(D)];
    const k = ref.k(D.length);
    return m <= k
      ? [...ref.subproof(m, D.slice(0, k), b), ref.mth(D.slice(k))]
      : [...ref.subproof(m - k, D.slice(k), false), ref.mth(D.slice(0, k))];
  },
  proof: (m: number, D: Buffer[]): Buffer[] => ref.subproof(m, D, true),
};

const hex = (b: Buffer[]): string[] => b.map((x) => x.toString('hex'));
const dh = (s: string): Buffer => Buffer.from(s, 'hex');

/** Deterministic distinct entries. */
const entry = (i: number): Buffer => Buffer.from(`event-${i}`);
const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => ref.leaf(entry(i)));

/** A store with every node, for trees up to MAX. */
const MAX = 300;
const ALL = leavesOf(1100);
const big = new MemoryMerkleTree();
for (const l of ALL) big.appendLeafHash(l);

/** The tree of the first n leaves, all nodes stored (prefix trees share the same write-once nodes). */
function treeOf(n: number): MemoryMerkleTree {
  const t = new MemoryMerkleTree();
  for (const l of ALL.slice(0, n)) t.appendLeafHash(l);
  return t;
}

const leafReader = (D: Buffer[]): TreeReader & { reads: number } => {
  const r = {
    reads: 0,
    leafHash: (i: number) => {
      r.reads++;
      return Promise.resolve(D[i]);
    },
  };
  return r;
};

function flipBit(b: Buffer, bit: number): Buffer {
  const c = Buffer.from(b);
  c[Math.floor(bit / 8) % c.length] ^= 1 << (bit % 8);
  return c;
}

// ---------------------------------------------------------------------------------------------------------
// Vectors. CT_* are from google/certificate-transparency-go, merkletree/merkle_verifier_test.go and
// merkle_tree_test.go (the leaves, the roots for sizes 1..8, inclusion and consistency proofs).
// ---------------------------------------------------------------------------------------------------------
const CT_ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(dh);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** [0-based leaf index, tree size, proof] (the Go file numbers leaves from 1). */
const CT_INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CT_CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

describe('RFC 6962 / 9162 hashing', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes, and the empty tree as SHA-256 of nothing', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(leafHash(Buffer.from('abc')).equals(createHash('sha256').update('\x00abc', 'latin1').digest())).toBe(true);
    const a = Buffer.alloc(32, 1);
    const b = Buffer.alloc(32, 2);
    expect(
      nodeHash(a, b).equals(
        createHash('sha256')
          .update(Buffer.concat([Buffer.from([1]), a, b]))
          .digest(),
      ),
    ).toBe(true);
    expect(nodeHash(a, b).equals(nodeHash(b, a))).toBe(false);
  });

  it('computes small trees as written out by hand', () => {
    const [d0, d1, d2, d3, d4] = ['a', 'b', 'c', 'd', 'e'].map((s) => leafHash(Buffer.from(s)));
    const H = (l: Buffer, r: Buffer) =>
      createHash('sha256')
        .update(Buffer.from([1]))
        .update(l)
        .update(r)
        .digest();
    expect(merkleTreeHash([])).toEqual(EMPTY_ROOT);
    expect(merkleTreeHash([d0])).toEqual(d0);
    expect(merkleTreeHash([d0, d1])).toEqual(H(d0, d1));
    // n = 3: k = 2, so H(H(d0, d1), d2): the odd leaf is not duplicated nor hashed again.
    expect(merkleTreeHash([d0, d1, d2])).toEqual(H(H(d0, d1), d2));
    expect(merkleTreeHash([d0, d1, d2, d3])).toEqual(H(H(d0, d1), H(d2, d3)));
    expect(merkleTreeHash([d0, d1, d2, d3, d4])).toEqual(H(H(H(d0, d1), H(d2, d3)), d4));
  });

  it('matches the Certificate Transparency roots for the eight reference leaves, sizes 0..8', () => {
    const leaves = CT_ENTRIES.map(leafHash);
    for (let n = 0; n <= 8; n++) {
      expect(merkleTreeHash(leaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n]);
      expect(ref.mth(leaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n]); // the reference agrees too
    }
  });

  it('generates and verifies the Certificate Transparency inclusion and consistency proofs', async () => {
    const t = new MemoryMerkleTree();
    for (const e of CT_ENTRIES) t.appendEntry(e);
    const leaves = CT_ENTRIES.map(leafHash);
    for (const [index, size, proof] of CT_INCLUSION) {
      const got = await inclusionProof(index, size, t);
      expect(hex(got)).toEqual(proof);
      expect(verifyInclusion(leaves[index], index, size, proof.map(dh), dh(CT_ROOTS[size]))).toBe(true);
    }
    for (const [m, n, proof] of CT_CONSISTENCY) {
      const got = await consistencyProof(m, n, t);
      expect(hex(got)).toEqual(proof);
      expect(verifyConsistency(m, n, dh(CT_ROOTS[m]), dh(CT_ROOTS[n]), proof.map(dh))).toBe(true);
    }
  });
});

describe('the frontier (append-only state)', () => {
  it('gives the same root as the recursive MTH for every size 0..1100, with at most log2(n) + 1 hashes', () => {
    const f = MerkleFrontier.empty();
    expect(f.root()).toEqual(ref.mth([]));
    for (let n = 1; n <= ALL.length; n++) {
      f.append(ALL[n - 1]);
      expect(f.size).toBe(n);
      expect(f.hashes.length).toBeLessThanOrEqual(Math.floor(Math.log2(n)) + 1);
      if (n <= MAX || n % 97 === 0 || n === ALL.length) expect(f.root().equals(ref.mth(ALL.slice(0, n)))).toBe(true);
    }
  });

  it('appendWithNodes lists each completed perfect subtree once, with its hash', () => {
    const f = MerkleFrontier.empty();
    const seen = new Map<string, Buffer>();
    for (let n = 1; n <= 70; n++) {
      for (const node of f.appendWithNodes(ALL[n - 1])) {
        const key = `${node.level}:${node.index}`;
        expect(seen.has(key)).toBe(false);
        const width = 2 ** node.level;
        expect((node.index + 1) * width).toBe(n); // completed by this very append
        expect(node.hash.equals(ref.mth(ALL.slice(node.index * width, (node.index + 1) * width)))).toBe(true);
        seen.set(key, node.hash);
      }
    }
    // Every perfect subtree of a 70-leaf tree: 70 + 35 + 17 + 8 + 4 + 2 + 1 nodes.
    expect(seen.size).toBe(70 + 35 + 17 + 8 + 4 + 2 + 1);
  });

  it('exposes its hashes as nodes, round-trips through JSON and refuses an inconsistent state', () => {
    const t = treeOf(13);
    const f = t.frontier;
    expect(f.nodes().map((n) => [n.level, n.index])).toEqual([
      [3, 0],
      [2, 2],
      [0, 12],
    ]);
    for (const n of f.nodes()) expect(n.hash).toEqual(t.node(n.level, n.index));
    const back = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(f)));
    expect(back.root()).toEqual(f.root());
    back.append(ALL[13]);
    expect(back.root()).toEqual(ref.mth(ALL.slice(0, 14)));
    expect(() => MerkleFrontier.of(13, f.hashes.slice(1))).toThrow(/has 3 hashes/);
    expect(() => f.append(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});

describe('proof generation against the recursive reference', () => {
  it('inclusion proofs equal PATH and verify, for every index of every size 1..64', async () => {
    for (let n = 1; n <= 64; n++) {
      const D = ALL.slice(0, n);
      const root = ref.mth(D);
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(m, n, big);
        expect(hex(proof)).toEqual(hex(ref.path(m, D)));
        expect(verifyInclusion(D[m], m, n, proof, root)).toBe(true);
      }
    }
  });

  it('consistency proofs equal PROOF and verify, for every pair of sizes 1 ≤ m ≤ n ≤ 64', async () => {
    for (let n = 1; n <= 64; n++) {
      const D = ALL.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(m, n, big);
        expect(hex(proof)).toEqual(m === n ? [] : hex(ref.proof(m, D)));
        expect(verifyConsistency(m, n, ref.mth(D.slice(0, m)), ref.mth(D), proof)).toBe(true);
      }
    }
  });

  it('property: inclusion proofs equal PATH for random sizes 1..300 and some larger ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: MAX }), fc.integer({ min: 513, max: ALL.length })), fc.nat(), async (n, r) => {
        const m = r % n;
        const D = ALL.slice(0, n);
        const proof = await inclusionProof(m, n, big);
        expect(hex(proof)).toEqual(hex(ref.path(m, D)));
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(D[m], m, n, proof, ref.mth(D))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: consistency proofs equal PROOF for random sizes 1..300 and some larger ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 2, max: MAX }), fc.integer({ min: 513, max: ALL.length })), fc.nat(), async (n, r) => {
        const m = 1 + (r % (n - 1)); // 1 ≤ m < n
        const D = ALL.slice(0, n);
        const proof = await consistencyProof(m, n, big);
        expect(hex(proof)).toEqual(hex(ref.proof(m, D)));
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
        expect(verifyConsistency(m, n, ref.mth(D.slice(0, m)), ref.mth(D), proof)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('proofs from leaf hashes only (TreeReader) and from an asynchronous NodeReader equal the recursive ones', async () => {
    for (const [m, n] of [
      [0, 1],
      [5, 13],
      [12, 13],
      [31, 33],
      [64, 100],
    ]) {
      const D = ALL.slice(0, n);
      expect(hex(await inclusionProof(m, n, leafReader(D)))).toEqual(hex(ref.path(m, D)));
      if (m > 0) expect(hex(await consistencyProof(m, n, leafReader(D)))).toEqual(hex(ref.proof(m, D)));
    }
    const asyncNodes = { node: (level: number, index: number) => Promise.resolve(big.node(level, index)) };
    expect(hex(await inclusionProof(77, 1000, asyncNodes))).toEqual(hex(ref.path(77, ALL.slice(0, 1000))));
    expect(hex(await consistencyProof(77, 1000, asyncNodes))).toEqual(hex(ref.proof(77, ALL.slice(0, 1000))));
    const r = leafReader(ALL);
    expect(await subtreeHash(r, 64, 5)).toEqual(ref.mth(ALL.slice(64, 96)));
    expect(r.reads).toBe(32);
    await expect(subtreeHash(r, 3, 2)).rejects.toThrow(/multiple/);
  });
});

describe('reads from stored perfect-subtree nodes', () => {
  it('a proof reads each needed node once: ⌈log2 n⌉ at most with the frontier, and the plan lists them up front', async () => {
    for (let n = 1; n <= 200; n++) {
      const t = treeOf(n);
      for (const m of [0, n - 1, Math.floor(n / 2), Math.floor(n / 3)]) {
        t.reads = 0;
        const withFrontier = await inclusionProof(m, n, t, t.frontier);
        expect(t.reads).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        t.reads = 0;
        const plain = await inclusionProof(m, n, t);
        expect(t.reads).toBe(inclusionProofPlan(m, n).nodes.length);
        expect(hex(withFrontier)).toEqual(hex(plain));
        if (m > 0 && m < n) {
          t.reads = 0;
          await consistencyProof(m, n, t, t.frontier);
          expect(t.reads).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
          expect(consistencyProofPlan(m, n).nodes.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
        }
      }
    }
  });

  it('a tree only holds the nodes of completed perfect subtrees, and proofs never ask for others', async () => {
    const t = treeOf(11);
    expect(() => t.node(2, 2)).toThrow(/no node/); // leaves 8..11 are not all there
    expect(t.node(1, 4)).toEqual(ref.mth(ALL.slice(8, 10)));
    for (let m = 0; m < 11; m++) await inclusionProof(m, 11, t);
    for (let m = 1; m <= 11; m++) await consistencyProof(m, 11, t);
  });

  it('hashes an earlier tree size from the stored nodes (popcount(size) reads)', async () => {
    for (const size of [0, 1, 7, 8, 100, 1023, 1100]) {
      big.reads = 0;
      expect(await treeHashAt(size, big)).toEqual(ref.mth(ALL.slice(0, size)));
      expect(big.reads).toBe(size.toString(2).replace(/0/g, '').length);
    }
  });

  it('refuses a frontier of another size and impossible arguments', async () => {
    const t = treeOf(10);
    await expect(inclusionProof(1, 9, t, t.frontier)).rejects.toThrow(/size 10, not 9/);
    await expect(inclusionProof(10, 10, t)).rejects.toThrow(/not below/);
    await expect(consistencyProof(11, 10, t)).rejects.toThrow(/larger/);
    await expect(inclusionProof(-1, 10, t)).rejects.toThrow(/non-negative/);
    await expect(inclusionProof(0.5, 10, t)).rejects.toThrow(/non-negative/);
  });

  it('plans work far above 2^32 without 32-bit arithmetic', () => {
    const n = 2 ** 40 + 2 ** 33 + 5;
    const p = inclusionProofPlan(n - 1, n);
    expect(p.ranges.length).toBe(3); // leaf n−1 sits right of 2^40 and 2^33, next to the 4-leaf subtree
    expect(p.ranges).toEqual([
      { start: 2 ** 40 + 2 ** 33, end: 2 ** 40 + 2 ** 33 + 4 },
      { start: 2 ** 40, end: 2 ** 40 + 2 ** 33 },
      { start: 0, end: 2 ** 40 },
    ]);
    expect(p.nodes).toEqual([
      { level: 2, index: (2 ** 40 + 2 ** 33) / 4 },
      { level: 33, index: 2 ** 40 / 2 ** 33 },
      { level: 40, index: 0 },
    ]);
  });
});

describe('verification refuses what it must', () => {
  const n = 37;
  const D = ALL.slice(0, n);
  const root = ref.mth(D);

  it('inclusion: a flipped bit, a wrong index, a wrong size, a truncated or extended proof, a wrong leaf or root', async () => {
    for (let m = 0; m < n; m++) {
      const proof = await inclusionProof(m, n, big);
      expect(verifyInclusion(D[m], m, n, proof, root)).toBe(true);
      expect(rootFromInclusionProof(D[m], m, n, proof)).toEqual(root);
      for (let i = 0; i < proof.length; i++) {
        for (const bit of [0, 7, 100, 255]) {
          const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
          expect(verifyInclusion(D[m], m, n, bad, root)).toBe(false);
        }
      }
      for (const wrongIndex of [m - 1, m + 1, m ^ 1, m ^ 2].filter((x) => x >= 0 && x !== m)) {
        expect(verifyInclusion(D[m], wrongIndex, n, proof, root)).toBe(false);
      }
      // A size changing the proof's shape fails against any root; a size of the same shape fails against the
      // genuine root of that size (a proof binds the size only together with a root, i.e. a signed checkpoint).
      expect(verifyInclusion(D[m], m, 2 * n, proof, root)).toBe(false);
      expect(verifyInclusion(D[m], m, Math.floor(n / 2), proof, root)).toBe(false);
      for (const wrongSize of [n - 1, n + 1, m + 1, 64].filter((x) => x !== n && x > m)) {
        expect(verifyInclusion(D[m], m, wrongSize, proof, ref.mth(ALL.slice(0, wrongSize)))).toBe(false);
      }
      expect(verifyInclusion(D[m], m, n, proof.slice(0, -1), root)).toBe(false);
      expect(verifyInclusion(D[m], m, n, [...proof, root], root)).toBe(false);
      expect(verifyInclusion(D[m], m, n, [root, ...proof], root)).toBe(false);
      expect(verifyInclusion(D[m], m, n, [...proof.slice(0, -1), Buffer.alloc(31)], root)).toBe(false);
      expect(verifyInclusion(D[(m + 1) % n], m, n, proof, root)).toBe(false);
      expect(verifyInclusion(D[m], m, n, proof, flipBit(root, 3))).toBe(false);
    }
    expect(verifyInclusion(D[0], 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(D[0], 0, 1, [], D[0])).toBe(true);
    expect(verifyInclusion(D[0], 1, 1, [], D[0])).toBe(false);
  });

  it('consistency: a flipped bit, wrong sizes, a truncated or extended proof, wrong or swapped roots', async () => {
    for (let m = 1; m < n; m++) {
      const proof = await consistencyProof(m, n, big);
      const oldRoot = ref.mth(D.slice(0, m));
      expect(verifyConsistency(m, n, oldRoot, root, proof)).toBe(true);
      for (let i = 0; i < proof.length; i++) {
        const bad = proof.map((p, j) => (j === i ? flipBit(p, 9) : p));
        expect(verifyConsistency(m, n, oldRoot, root, bad)).toBe(false);
      }
      for (const [mm, nn] of [
        [m - 1, n],
        [m + 1, n],
        [m, n - 1],
        [m, n + 1],
        [m, 2 * n],
      ]) {
        if (mm >= 1 && mm < nn) {
          expect(verifyConsistency(mm, nn, ref.mth(ALL.slice(0, mm)), ref.mth(ALL.slice(0, nn)), proof)).toBe(false);
        }
      }
      expect(verifyConsistency(m, 2 * n, oldRoot, root, proof)).toBe(false);
      expect(verifyConsistency(m, n, oldRoot, root, proof.slice(0, -1))).toBe(false);
      expect(verifyConsistency(m, n, oldRoot, root, [...proof, root])).toBe(false);
      expect(verifyConsistency(m, n, oldRoot, root, [])).toBe(false);
      expect(verifyConsistency(m, n, root, oldRoot, proof)).toBe(false);
      expect(verifyConsistency(m, n, flipBit(oldRoot, 1), root, proof)).toBe(false);
      expect(verifyConsistency(m, n, oldRoot, flipBit(root, 1), proof)).toBe(false);
    }
  });

  it('consistency edge cases: equal sizes, the empty tree, shrinking', () => {
    expect(verifyConsistency(n, n, root, root, [])).toBe(true);
    expect(verifyConsistency(n, n, root, flipBit(root, 0), [])).toBe(false);
    expect(verifyConsistency(n, n, root, root, [root])).toBe(false);
    expect(verifyConsistency(0, n, EMPTY_ROOT, root, [])).toBe(true);
    expect(verifyConsistency(0, n, root, root, [])).toBe(false);
    expect(verifyConsistency(n, n - 1, root, root, [])).toBe(false);
  });

  it('property: random tampering of a random proof is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: MAX }), fc.nat(), fc.nat(), fc.nat(255), async (size, r, which, bit) => {
        const m = r % size;
        const Dn = ALL.slice(0, size);
        const rootN = ref.mth(Dn);
        const proof = await inclusionProof(m, size, big);
        const i = which % proof.length;
        const bad = proof.map((p, j) => (j === i ? flipBit(p, bit) : p));
        expect(verifyInclusion(Dn[m], m, size, bad, rootN)).toBe(false);
        const old = 1 + (r % (size - 1));
        const cproof = await consistencyProof(old, size, big);
        const ci = which % cproof.length;
        const cbad = cproof.map((p, j) => (j === ci ? flipBit(p, bit) : p));
        expect(verifyConsistency(old, size, ref.mth(Dn.slice(0, old)), rootN, cbad)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

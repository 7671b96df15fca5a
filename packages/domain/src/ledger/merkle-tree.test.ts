/**
 * The tree's cached, iterative roots and proofs against RFC 9162 written
 * recursively (testing/merkle-reference.ts), for random sizes with the
 * interesting ones forced in: 1, powers of two and their neighbours, and
 * sizes either side of the cache's first level (16 leaves).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeUtf8 } from '../crypto/encoding.ts';
import { HASH_SIZE, emptyRoot, leafHash, leafHashUtf8 } from './merkle-hash.ts';
import { MerkleFrontier } from './merkle-frontier.ts';
import { CACHED_FROM_LEVEL, MerkleTree } from './merkle-tree.ts';
import { verifyConsistency, verifyInclusion } from './merkle-verify.ts';
import { referenceConsistency, referenceLeafHash, referencePath, referenceRoot } from './testing/merkle-reference.ts';

const MAX_SIZE = 300;

/** Sizes 1, 2^k and 2^k ± 1 up to MAX_SIZE, and anything else. */
const size = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257),
  fc.integer({ min: 1, max: MAX_SIZE }),
);

/** Distinct leaves: leaf i is the UTF-8 of "event i". */
const LEAVES = Array.from({ length: MAX_SIZE }, (_, i) => referenceLeafHash(encodeUtf8(`event ${i}`)));

function treeOf(count: number): MerkleTree {
  const tree = new MerkleTree();
  for (let i = 0; i < count; i++) expect(tree.appendLeafHash(LEAVES[i] as Uint8Array)).toEqual({ ok: true, value: i });
  return tree;
}

/** One tree of MAX_SIZE leaves serves every earlier size: that is what rootAt and the size arguments are for. */
const FULL = treeOf(MAX_SIZE);

describe('Merkle hashing', () => {
  it('hashes leaves with 0x00 and the empty tree as SHA-256 of nothing', () => {
    expect(emptyRoot()).toEqual(referenceRoot([]));
    for (const text of ['', 'a', '{"a":1}', 'é😂']) {
      expect(leafHash(encodeUtf8(text))).toEqual(referenceLeafHash(encodeUtf8(text)));
      expect(leafHashUtf8(text)).toEqual(referenceLeafHash(encodeUtf8(text)));
    }
  });

  it('gives out copies: changing a returned hash changes nothing stored', () => {
    const tree = treeOf(3);
    const root = tree.root();
    root.fill(0);
    emptyRoot().fill(0);
    expect(tree.root()).toEqual(referenceRoot(LEAVES.slice(0, 3)));
    expect(emptyRoot()).toEqual(referenceRoot([]));
    const leaf = tree.leafHash(1);
    if (leaf.ok) leaf.value.fill(0);
    expect(tree.leafHash(1)).toEqual({ ok: true, value: LEAVES[1] });
  });
});

describe('MerkleTree', () => {
  it('has the empty root and no proofs at size 0', () => {
    const tree = new MerkleTree();
    expect(tree.size).toBe(0);
    expect(tree.root()).toEqual(emptyRoot());
    expect(tree.rootAt(0)).toEqual({ ok: true, value: emptyRoot() });
    expect(tree.inclusionProof(0).ok).toBe(false);
  });

  it('has the reference root after every append', () => {
    const tree = new MerkleTree();
    for (let n = 1; n <= 70; n++) {
      tree.appendLeafHash(LEAVES[n - 1] as Uint8Array);
      expect(tree.root()).toEqual(referenceRoot(LEAVES.slice(0, n)));
    }
  });

  it('appends raw leaf bytes as SHA-256(0x00 ‖ bytes) and returns their index', () => {
    const tree = new MerkleTree();
    expect(tree.append(encodeUtf8('event 0'))).toBe(0);
    expect(tree.append(encodeUtf8('event 1'))).toBe(1);
    expect(tree.root()).toEqual(referenceRoot(LEAVES.slice(0, 2)));
  });

  it('gives the reference root at any earlier size', () => {
    fc.assert(
      fc.property(size, (n) => {
        expect(FULL.rootAt(n)).toEqual({ ok: true, value: referenceRoot(LEAVES.slice(0, n)) });
        expect(treeOf(n).root()).toEqual(referenceRoot(LEAVES.slice(0, n)));
      }),
    );
  });

  it('gives the reference inclusion proof, which verifies', () => {
    fc.assert(
      fc.property(size, fc.nat(), (n, pick) => {
        const index = pick % n;
        const proof = FULL.inclusionProof(index, n);
        expect(proof).toEqual({ ok: true, value: referencePath(index, LEAVES.slice(0, n)) });
        if (!proof.ok) return;
        expect(verifyInclusion(LEAVES[index] as Uint8Array, index, n, proof.value, referenceRoot(LEAVES.slice(0, n)))).toEqual({ ok: true, value: true });
      }),
    );
  });

  it('gives the reference consistency proof, which verifies', () => {
    fc.assert(
      fc.property(size, size, (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = FULL.consistencyProof(m, n);
        expect(proof).toEqual({ ok: true, value: referenceConsistency(m, LEAVES.slice(0, n)) });
        if (!proof.ok) return;
        const oldRoot = referenceRoot(LEAVES.slice(0, m));
        const newRoot = referenceRoot(LEAVES.slice(0, n));
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof.value)).toEqual({ ok: true, value: true });
      }),
    );
  });

  it('defaults proofs to the current size', () => {
    const tree = treeOf(21);
    expect(tree.inclusionProof(20)).toEqual(tree.inclusionProof(20, 21));
    expect(tree.consistencyProof(5)).toEqual(tree.consistencyProof(5, 21));
    expect(tree.consistencyProof(21)).toEqual({ ok: true, value: [] });
  });

  it('is rebuilt from its stored leaf hashes with the same roots and proofs', () => {
    fc.assert(
      fc.property(size, (n) => {
        const stored = FULL.leafHashes(0, n);
        expect(stored.ok && stored.value.length).toBe(n * HASH_SIZE);
        if (!stored.ok) return;
        const rebuilt = MerkleTree.fromLeafHashes(stored.value);
        expect(rebuilt.ok).toBe(true);
        if (!rebuilt.ok) return;
        expect(rebuilt.value.size).toBe(n);
        expect(rebuilt.value.root()).toEqual(referenceRoot(LEAVES.slice(0, n)));
        expect(rebuilt.value.inclusionProof(n - 1)).toEqual(FULL.inclusionProof(n - 1, n));
        expect(rebuilt.value.consistencyProof(1)).toEqual(FULL.consistencyProof(1, n));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps proofs right in a tree far taller than the cache cutoff', () => {
    const n = 70_001; // 17 levels, cached from level CACHED_FROM_LEVEL up
    expect(CACHED_FROM_LEVEL).toBeLessThan(17);
    const leaves = new Uint8Array(n * HASH_SIZE);
    for (let i = 0; i < n; i++) leaves.set(leafHashUtf8(`event ${i}`), i * HASH_SIZE);
    const built = MerkleTree.fromLeafHashes(leaves);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const tree = built.value;
    const frontier = new MerkleFrontier();
    for (let i = 0; i < n; i++) frontier.append(leaves, i * HASH_SIZE);
    expect(frontier.root()).toEqual(tree.root());
    for (const [index, size_] of [[0, n], [n - 1, n], [65_535, 65_536], [65_536, n], [12_345, 40_000], [69_999, 70_000]] as const) {
      const proof = tree.inclusionProof(index, size_);
      const root = tree.rootAt(size_);
      expect(proof.ok && root.ok).toBe(true);
      if (!proof.ok || !root.ok) continue;
      expect(verifyInclusion(leafHashUtf8(`event ${index}`), index, size_, proof.value, root.value).ok).toBe(true);
    }
    for (const [m, size_] of [[1, n], [65_536, n], [65_537, n], [31_337, 65_536], [n - 1, n]] as const) {
      const proof = tree.consistencyProof(m, size_);
      const [oldRoot, newRoot] = [tree.rootAt(m), tree.rootAt(size_)];
      expect(proof.ok && oldRoot.ok && newRoot.ok).toBe(true);
      if (!proof.ok || !oldRoot.ok || !newRoot.ok) continue;
      expect(verifyConsistency(m, size_, oldRoot.value, newRoot.value, proof.value).ok).toBe(true);
    }
    // Against the reference on a slice small enough for it, with the cache in play.
    const small = Array.from({ length: 1000 }, (_, i) => leaves.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    expect(tree.rootAt(1000)).toEqual({ ok: true, value: referenceRoot(small) });
    expect(tree.inclusionProof(777, 1000)).toEqual({ ok: true, value: referencePath(777, small) });
    expect(tree.consistencyProof(333, 1000)).toEqual({ ok: true, value: referenceConsistency(333, small) });
  });
});

describe('MerkleTree refuses out-of-range requests with INVALID, changing nothing', () => {
  const tree = treeOf(10);
  const root = tree.root();
  const cases: readonly [string, () => { ok: boolean; error?: { code: string; message: string } }, string][] = [
    ['a short leaf hash', () => tree.appendLeafHash(new Uint8Array(31)), 'a leaf hash must be 32 bytes; got 31 bytes'],
    ['leaf hashes of ragged length', () => tree.appendLeafHashes(new Uint8Array(65)), 'leaf hashes must be a whole number of 32-byte hashes; got 65 bytes'],
    ['a rebuild from ragged bytes', () => MerkleTree.fromLeafHashes(new Uint8Array(33)), 'leaf hashes must be a whole number of 32-byte hashes; got 33 bytes'],
    ['a leaf past the end', () => tree.leafHash(10), 'leaf index 10 is out of range: the tree has 10 leaves'],
    ['a leaf range past the end', () => tree.leafHashes(3, 11), 'leaf range [3, 11) is not within the tree\'s 10 leaves'],
    ['a root at a future size', () => tree.rootAt(11), 'cannot give the root at size 11: the tree has 10 leaves'],
    ['a root at a fractional size', () => tree.rootAt(2.5), 'cannot give the root at size 2.5: the tree has 10 leaves'],
    ['a proof in a future tree', () => tree.inclusionProof(0, 11), 'cannot prove inclusion in a tree of size 11: the tree has 10 leaves'],
    ['a proof for a leaf past the size', () => tree.inclusionProof(5, 5), 'leaf index 5 is not in a tree of size 5'],
    ['a proof for a negative leaf', () => tree.inclusionProof(-1), 'leaf index -1 is not in a tree of size 10'],
    ['a consistency proof from size 0', () => tree.consistencyProof(0, 4), 'old size 0 must be between 1 and the new size 4'],
    ['a consistency proof backwards', () => tree.consistencyProof(5, 4), 'old size 5 must be between 1 and the new size 4'],
    ['a consistency proof to a future size', () => tree.consistencyProof(5, 12), 'cannot prove consistency up to size 12: the tree has 10 leaves'],
  ];
  for (const [what, run, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(run()).toEqual({ ok: false, error: { code: 'INVALID', message } });
      expect(tree.size).toBe(10);
      expect(tree.root()).toEqual(root);
    });
  }
});

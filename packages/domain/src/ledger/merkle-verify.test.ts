/**
 * The verifiers accept every honest proof and refuse every tampered one:
 * a changed leaf, root, proof hash (a flipped bit, a hash dropped, a hash
 * added), index or size. One honest exception is pinned down exactly: a
 * different size that gives the proof the same shape (the same left/right
 * sequence) computes the same root, so no verifier can tell it apart — the
 * size is bound to the root by the signed checkpoint, not by the proof.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeUtf8 } from '../crypto/encoding.ts';
import { MerkleTree } from './merkle-tree.ts';
import { verifyConsistency, verifyInclusion } from './merkle-verify.ts';
import { consistencyShape, inclusionShape, referenceLeafHash } from './testing/merkle-reference.ts';

const MAX_SIZE = 260;
const TREE = new MerkleTree();
for (let i = 0; i < MAX_SIZE; i++) TREE.append(encodeUtf8(`leaf ${i}`));

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const leafAt = (i: number): Uint8Array => unwrap(TREE.leafHash(i));
const rootAt = (n: number): Uint8Array => unwrap(TREE.rootAt(n));

const size = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257), fc.integer({ min: 1, max: MAX_SIZE }));

/** An honest inclusion claim: (leaf, index, size, proof, root). */
const inclusionClaim = fc
  .tuple(size, fc.nat())
  .map(([n, pick]) => {
    const index = pick % n;
    return { index, n, leaf: leafAt(index), proof: unwrap(TREE.inclusionProof(index, n)), root: rootAt(n) };
  });

/** An honest consistency claim (old size ≥ 1). */
const consistencyClaim = fc.tuple(size, size).map(([a, b]) => {
  const [m, n] = a <= b ? [a, b] : [b, a];
  return { m, n, oldRoot: rootAt(m), newRoot: rootAt(n), proof: unwrap(TREE.consistencyProof(m, n)) };
});

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const out = hash.slice();
  out[(bit >> 3) % out.length] = (out[(bit >> 3) % out.length] as number) ^ (1 << (bit & 7));
  return out;
}

const bit = fc.integer({ min: 0, max: 255 });
const randomHash = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('verifyInclusion', () => {
  it('accepts every honest proof', () => {
    fc.assert(
      fc.property(inclusionClaim, (c) => {
        expect(verifyInclusion(c.leaf, c.index, c.n, c.proof, c.root)).toEqual({ ok: true, value: true });
      }),
    );
  });

  it('refuses a tampered leaf or root', () => {
    fc.assert(
      fc.property(inclusionClaim, bit, (c, b) => {
        expect(verifyInclusion(flipBit(c.leaf, b), c.index, c.n, c.proof, c.root).ok).toBe(false);
        expect(verifyInclusion(c.leaf, c.index, c.n, c.proof, flipBit(c.root, b)).ok).toBe(false);
        // Another leaf of the same tree is not this one.
        expect(verifyInclusion(leafAt((c.index + 1) % MAX_SIZE), c.index, c.n, c.proof, c.root).ok).toBe(false);
      }),
    );
  });

  it('refuses a flipped bit in any proof hash', () => {
    fc.assert(
      fc.property(inclusionClaim.filter((c) => c.proof.length > 0), fc.nat(), bit, (c, pick, b) => {
        const at = pick % c.proof.length;
        const proof = c.proof.map((h, i) => (i === at ? flipBit(h, b) : h));
        expect(verifyInclusion(c.leaf, c.index, c.n, proof, c.root).ok).toBe(false);
      }),
    );
  });

  it('refuses a proof with a hash dropped, added, duplicated or swapped', () => {
    fc.assert(
      fc.property(inclusionClaim, fc.nat(), randomHash, (c, pick, extra) => {
        const at = pick % (c.proof.length + 1);
        const added = [...c.proof.slice(0, at), extra, ...c.proof.slice(at)];
        expect(verifyInclusion(c.leaf, c.index, c.n, added, c.root).ok).toBe(false);
        expect(verifyInclusion(c.leaf, c.index, c.n, [...c.proof, c.root], c.root).ok).toBe(false);
        if (c.proof.length === 0) return;
        const dropped = c.proof.filter((_, i) => i !== at % c.proof.length);
        expect(verifyInclusion(c.leaf, c.index, c.n, dropped, c.root).ok).toBe(false);
        if (c.proof.length < 2) return;
        const swapped = [c.proof[1] as Uint8Array, c.proof[0] as Uint8Array, ...c.proof.slice(2)];
        expect(verifyInclusion(c.leaf, c.index, c.n, swapped, c.root).ok).toBe(false);
      }),
    );
  });

  it('refuses any other index', () => {
    fc.assert(
      fc.property(inclusionClaim.filter((c) => c.n > 1), fc.nat(), (c, pick) => {
        const other = (c.index + 1 + (pick % (c.n - 1))) % c.n;
        expect(other).not.toBe(c.index);
        expect(verifyInclusion(c.leaf, other, c.n, c.proof, c.root).ok).toBe(false);
      }),
    );
  });

  it('refuses any other size unless it gives the proof exactly the same shape', () => {
    fc.assert(
      fc.property(inclusionClaim, fc.integer({ min: 0, max: 4 * MAX_SIZE }), (c, other) => {
        fc.pre(other !== c.n);
        const sameShape = other > c.index && inclusionShape(c.index, other) === inclusionShape(c.index, c.n);
        expect(verifyInclusion(c.leaf, c.index, other, c.proof, c.root).ok).toBe(sameShape);
      }),
    );
  });

  it('refuses out-of-range and malformed input without throwing', () => {
    const leaf = leafAt(0);
    const root = rootAt(1);
    const verdicts: [unknown, string][] = [
      [verifyInclusion(leaf, 1, 1, [], root), 'leaf index 1 is not below tree size 1'],
      [verifyInclusion(leaf, 0, 0, [], root), 'tree size 0 must be a positive integer (an empty tree has no leaves to prove)'],
      [verifyInclusion(leaf, -1, 1, [], root), 'leaf index -1 must be a non-negative integer'],
      [verifyInclusion(leaf, 0.5, 1, [], root), 'leaf index 0.5 must be a non-negative integer'],
      [verifyInclusion(leaf, 0, 2 ** 64, [], root), 'tree size 18446744073709552000 must be a positive integer (an empty tree has no leaves to prove)'],
      [verifyInclusion(leaf, 0, Number.NaN, [], root), 'tree size NaN must be a positive integer (an empty tree has no leaves to prove)'],
      [verifyInclusion(leaf.subarray(1), 0, 1, [], root), 'the leaf hash must be 32 bytes; got 31'],
      [verifyInclusion(leaf, 0, 1, [], new Uint8Array(0)), 'the root must be 32 bytes; got 0'],
      [verifyInclusion(leaf, 0, 2, [new Uint8Array(33)], root), 'proof[0] must be 32 bytes; got 33'],
      [verifyInclusion(leaf, 0, 3, [leaf], root), 'the proof has 1 hashes; leaf 0 of a tree of size 3 needs exactly 2'],
      [verifyInclusion(leaf, 0, 1, null as unknown as Uint8Array[], root), 'the proof must be an array of hashes'],
      [verifyInclusion(leaf, 0, 2, ['00'] as unknown as Uint8Array[], root), 'proof[0] must be bytes; got string'],
      [verifyInclusion(null as unknown as Uint8Array, 0, 1, [], root), 'the leaf hash must be bytes; got null'],
      [verifyInclusion(leaf, 0, 2, [leafAt(1)], root), 'the proof does not lead from leaf 0 to the given root of the tree of size 2'],
    ];
    for (const [verdict, message] of verdicts) expect(verdict).toEqual({ ok: false, error: { code: 'INVALID', message } });
  });

  it('verifies against hashes built by anyone (a raw 1-leaf tree: root = leaf hash)', () => {
    const leaf = referenceLeafHash(encodeUtf8('data'));
    expect(verifyInclusion(leaf, 0, 1, [], leaf.slice()).ok).toBe(true);
  });
});

describe('verifyConsistency', () => {
  it('accepts every honest proof', () => {
    fc.assert(
      fc.property(consistencyClaim, (c) => {
        expect(verifyConsistency(c.m, c.n, c.oldRoot, c.newRoot, c.proof)).toEqual({ ok: true, value: true });
      }),
    );
  });

  it('refuses a tampered old or new root, or swapped roots', () => {
    fc.assert(
      fc.property(consistencyClaim, bit, (c, b) => {
        expect(verifyConsistency(c.m, c.n, flipBit(c.oldRoot, b), c.newRoot, c.proof).ok).toBe(false);
        expect(verifyConsistency(c.m, c.n, c.oldRoot, flipBit(c.newRoot, b), c.proof).ok).toBe(false);
        if (c.m !== c.n) expect(verifyConsistency(c.m, c.n, c.newRoot, c.oldRoot, c.proof).ok).toBe(false);
      }),
    );
  });

  it('refuses a flipped bit in any proof hash', () => {
    fc.assert(
      fc.property(consistencyClaim.filter((c) => c.proof.length > 0), fc.nat(), bit, (c, pick, b) => {
        const at = pick % c.proof.length;
        const proof = c.proof.map((h, i) => (i === at ? flipBit(h, b) : h));
        expect(verifyConsistency(c.m, c.n, c.oldRoot, c.newRoot, proof).ok).toBe(false);
      }),
    );
  });

  it('refuses a proof with a hash dropped or added', () => {
    fc.assert(
      fc.property(consistencyClaim, fc.nat(), randomHash, (c, pick, extra) => {
        const at = pick % (c.proof.length + 1);
        const added = [...c.proof.slice(0, at), extra, ...c.proof.slice(at)];
        expect(verifyConsistency(c.m, c.n, c.oldRoot, c.newRoot, added).ok).toBe(false);
        expect(verifyConsistency(c.m, c.n, c.oldRoot, c.newRoot, [c.oldRoot, ...c.proof]).ok).toBe(false);
        if (c.proof.length === 0) return;
        const dropped = c.proof.filter((_, i) => i !== at % c.proof.length);
        expect(verifyConsistency(c.m, c.n, c.oldRoot, c.newRoot, dropped).ok).toBe(false);
      }),
    );
  });

  it('refuses any other pair of sizes unless it gives the proof exactly the same shape', () => {
    fc.assert(
      fc.property(consistencyClaim, fc.integer({ min: 0, max: 2 * MAX_SIZE }), fc.integer({ min: 0, max: 2 * MAX_SIZE }), fc.boolean(), (c, x, y, both) => {
        const [m, n] = both ? [x, y] : [c.m, x];
        fc.pre(m !== c.m || n !== c.n);
        const valid = m >= 1 && m <= n;
        const sameShape = valid && (m === n ? c.m === c.n : consistencyShape(m, n) === consistencyShape(c.m, c.n));
        const verdict = verifyConsistency(m, n, c.oldRoot, c.newRoot, c.proof);
        // Equal sizes compare the roots themselves, which differ unless the honest claim had equal sizes too.
        expect(verdict.ok).toBe(sameShape && (m !== n || bytesMatch(c.oldRoot, c.newRoot)));
      }),
    );
  });

  it('refuses out-of-range and malformed input without throwing', () => {
    const r1 = rootAt(1);
    const r2 = rootAt(2);
    const proof12 = unwrap(TREE.consistencyProof(1, 2));
    const proof34 = unwrap(TREE.consistencyProof(3, 4));
    const verdicts: [unknown, string][] = [
      [verifyConsistency(0, 0, r1, r1, []), 'old size 0 must be a positive integer (a proof from the empty tree proves nothing)'],
      [verifyConsistency(0, 2, r1, r2, []), 'old size 0 must be a positive integer (a proof from the empty tree proves nothing)'],
      [verifyConsistency(2, 1, r2, r1, []), 'old size 2 is larger than new size 1: a ledger never shrinks'],
      [verifyConsistency(1, 2.5, r1, r2, proof12), 'new size 2.5 must be a non-negative integer'],
      [verifyConsistency(1, 1, r1, r2, []), 'two trees of the same size 1 have different roots'],
      [verifyConsistency(1, 1, r1, r1, [r1]), 'the proof has 1 hashes; two trees of the same size 1 needs exactly 0'],
      [verifyConsistency(1, 2, r1, r2, []), 'the proof has 0 hashes; sizes 1 → 2 needs exactly 1'],
      [verifyConsistency(1, 2, r1.subarray(2), r2, proof12), 'the old root must be 32 bytes; got 30'],
      [verifyConsistency(1, 2, r1, r2, [new Uint8Array(31)]), 'proof[0] must be 32 bytes; got 31'],
      // A power-of-two old tree is the proof's seed, so a wrong old root shows up at the new root.
      [verifyConsistency(1, 2, r2, r2, proof12), 'the proof does not lead to the new root (size 2)'],
      [verifyConsistency(3, 4, r2, rootAt(4), proof34), 'the proof does not lead to the old root (size 3)'],
      [verifyConsistency(1, 2, r1, r1, proof12), 'the proof does not lead to the new root (size 2)'],
    ];
    for (const [verdict, message] of verdicts) expect(verdict).toEqual({ ok: false, error: { code: 'INVALID', message } });
  });
});

function bytesMatch(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

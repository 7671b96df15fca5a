/** ProofChecker gives verifyInclusion's verdict on every proof, whatever was verified before it. */
import { encodeBase64, MerkleTree, sha256Utf8, verifyInclusion } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { ProofChecker } from './proof-check.ts';
import { decodeNodes } from './proofs-file.ts';

/** mulberry32, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function setup(size: number) {
  const tree = new MerkleTree();
  for (let i = 0; i < size; i++) tree.append(sha256Utf8(`leaf ${i}`));
  const numbers = new Map<string, number>();
  const table: string[] = [];
  const proofs: { index: number; path: number[]; leaf: Uint8Array }[] = [];
  for (let index = 0; index < size; index++) {
    const hashes = tree.inclusionProof(index, size);
    const leaf = tree.leafHash(index);
    if (!hashes.ok || !leaf.ok) throw new Error('proof');
    const path = hashes.value.map((h) => {
      const key = encodeBase64(h);
      let n = numbers.get(key);
      if (n === undefined) {
        n = table.length;
        table.push(key);
        numbers.set(key, n);
      }
      return n;
    });
    proofs.push({ index, path, leaf: leaf.value });
  }
  const decoded = decodeNodes(table);
  if (!decoded.ok) throw new Error('nodes');
  return { root: tree.root(), nodes: decoded.bytes, proofs, table };
}

describe('ProofChecker', () => {
  for (const size of [1, 2, 3, 5, 8, 13, 64, 100, 257]) {
    it(`agrees with verifyInclusion on good and damaged proofs in a tree of ${size}`, () => {
      const random = seeded(size);
      const { root, nodes, proofs, table } = setup(size);
      const checker = new ProofChecker(size, root, nodes);
      const hashes = (path: readonly number[]) => path.map((n) => nodes.subarray(n * 32, n * 32 + 32));
      // Shuffled order, with damaged proofs mixed in: the memo must never let a bad one through.
      const order = proofs.map((p) => ({ p, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.p);
      for (const proof of order) {
        const cases: { leaf: Uint8Array; index: number; path: number[] }[] = [{ ...proof }];
        if (proof.path.length > 0) {
          const at = Math.floor(random() * proof.path.length);
          const wrong = Math.floor(random() * table.length);
          cases.push({ ...proof, path: proof.path.map((n, i) => (i === at ? wrong : n)) });
          cases.push({ ...proof, path: proof.path.slice(1) });
        }
        cases.push({ ...proof, index: (proof.index + 1) % size });
        cases.push({ ...proof, leaf: sha256Utf8('not a leaf') });
        for (const c of cases) {
          const expected = verifyInclusion(c.leaf, c.index, size, hashes(c.path), root).ok;
          expect(checker.check(c.leaf, c.index, c.path).ok, `size ${size} index ${c.index} path ${c.path.join(',')}`).toBe(expected);
        }
      }
    });
  }
});

/**
 * Test support: RFC 9162 §2.1 written as directly as the RFC states it —
 * recursive MTH, PATH and PROOF over a list of leaf hashes, node hashes
 * through the platform SHA-256 backend rather than the fixed-shape kernel.
 * Slow on purpose; the tree's cached, iterative versions are checked against
 * it, so a bug would have to be made twice, in two different shapes.
 */
import { sha256 } from '#sha256';

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function referenceLeafHash(bytes: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0, ...bytes));
}

export function referenceNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(1, ...left, ...right));
}

/** MTH(D[n]). */
export function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  const k = largestPowerOfTwoBelow(leaves.length);
  return referenceNodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** PATH(m, D[n]). */
export function referencePath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function referenceConsistency(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Uint8Array[], known: boolean): Uint8Array[] {
  if (m === leaves.length) return known ? [] : [referenceRoot(leaves)];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), known), referenceRoot(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))];
}

/**
 * The shape of PATH(m, D[n]) from the leaf up: for each proof hash, whether
 * it is the left ('L') or right ('R') sibling. A verifier sees nothing of the
 * tree but this shape, so two (index, size) claims with the same shape are
 * indistinguishable to it.
 */
export function inclusionShape(m: number, n: number): string {
  if (n <= 1) return '';
  const k = largestPowerOfTwoBelow(n);
  return m < k ? inclusionShape(m, k) + 'R' : inclusionShape(m - k, n - k) + 'L';
}

/**
 * The shape of PROOF(m, D[n]) from the bottom up: 'S' first when the proof
 * starts with a seed hash (m is not a power of two, so the old tree is not
 * one subtree of the new), then 'L' for a hash both roots take in on the
 * left and 'R' for one only the new root takes in on the right.
 */
export function consistencyShape(m: number, n: number, known = true): string {
  if (m === n) return known ? '' : 'S';
  const k = largestPowerOfTwoBelow(n);
  return m <= k ? consistencyShape(m, k, known) + 'R' : consistencyShape(m - k, n - k, false) + 'L';
}

/**
 * Tree-shape arithmetic shared by the tree and the verifiers. Sizes and
 * indexes are plain numbers, so everything here is written with division
 * and remainder rather than bitwise operators: those truncate to 32 bits,
 * and a verifier must stay correct (and refuse nothing valid) for any safe
 * integer an untrusted proof may claim.
 */

/** A size or index is usable if it is a non-negative safe integer. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The largest power of two strictly below `n` (n ≥ 2): RFC 9162's split point k. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** ⌊n / 2⌋ — a right shift by one that works past 2^31. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/** log2 of a power of two. */
export function log2(powerOfTwo: number): number {
  let level = 0;
  for (let n = powerOfTwo; n > 1; n /= 2) level++;
  return level;
}

/**
 * How many hashes an inclusion proof for leaf `index` in a tree of
 * `treeSize` leaves holds (0 ≤ index < treeSize). A dry run of the RFC 9162
 * §2.1.3.2 verification loop: the proof must be exactly as long as the loop
 * needs, no more and no less.
 */
export function inclusionProofLength(index: number, treeSize: number): number {
  let fn = index;
  let sn = treeSize - 1;
  let length = 0;
  while (sn > 0) {
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
    length++;
  }
  return length;
}

/**
 * How many hashes a consistency proof from `oldSize` to `newSize` holds
 * (0 < oldSize < newSize): a dry run of RFC 9162 §2.1.4.2. When oldSize is
 * a power of two the old root itself starts the chain and is not sent.
 */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let length = isPowerOfTwo(oldSize) ? 0 : 1;
  while (sn > 0) {
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
    length++;
  }
  return length;
}

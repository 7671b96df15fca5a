/**
 * The right border of an append-only Merkle tree: the roots of its perfect
 * subtrees, one per set bit of the size (at most 53 for any safe integer).
 * It is all that is needed to append and to compute the current root, so a
 * verifier can rebuild a million-leaf root in one pass and constant memory,
 * and the tree uses it to produce each complete subtree hash exactly once.
 */
import { sha256PairInto } from '#sha256';
import { HASH_SIZE, NODE_PREFIX, emptyRoot } from './merkle-hash.ts';

/** Called when an append completes the perfect subtree `index` at height `level` (≥ 1). */
export type SubtreeListener = (level: number, index: number, hash: Uint8Array, offset: number) => void;

/** 2^53 leaves would need 53 border hashes; one slot spare for the incoming leaf. */
const MAX_BORDER = 54;

export class MerkleFrontier {
  /** Border hashes, largest (leftmost) subtree first, 32 bytes each. */
  readonly #border = new Uint8Array(MAX_BORDER * HASH_SIZE);
  #depth = 0;
  #size = 0;
  readonly #onSubtree: SubtreeListener | undefined;

  constructor(onSubtree?: SubtreeListener) {
    this.#onSubtree = onSubtree;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Appends the leaf hash source[offset, +32). Merges equal-height subtrees
   * like a binary counter carries: amortised one node hash per leaf.
   */
  append(source: Uint8Array, offset = 0): void {
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('the tree cannot grow past 2^53 - 1 leaves');
    const border = this.#border;
    let top = this.#depth * HASH_SIZE;
    for (let i = 0; i < HASH_SIZE; i++) border[top + i] = source[offset + i] as number;
    const newSize = this.#size + 1;
    let carry = this.#size;
    let level = 0;
    let span = 1;
    while (carry % 2 === 1) {
      const left = top - HASH_SIZE;
      sha256PairInto(NODE_PREFIX, border, left, border, top, border, left);
      top = left;
      level++;
      span *= 2;
      carry = (carry - 1) / 2;
      this.#onSubtree?.(level, newSize / span - 1, border, top);
    }
    this.#depth = top / HASH_SIZE + 1;
    this.#size = newSize;
  }

  /** The root at the current size: the border folded from the right (RFC 9162 MTH). */
  root(): Uint8Array {
    if (this.#depth === 0) return emptyRoot();
    const border = this.#border;
    const root = border.slice((this.#depth - 1) * HASH_SIZE, this.#depth * HASH_SIZE);
    for (let at = (this.#depth - 2) * HASH_SIZE; at >= 0; at -= HASH_SIZE) {
      sha256PairInto(NODE_PREFIX, border, at, root, 0, root, 0);
    }
    return root;
  }
}

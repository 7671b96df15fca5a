/**
 * The append-only audit ledger tree (RFC 9162 §2.1): leaf hashes in one
 * growing buffer, plus a cache of complete subtree hashes so that roots at
 * any earlier size and inclusion / consistency proofs cost O(log n) lookups
 * instead of rehashing the tree.
 *
 * What is cached: every perfect subtree of height ≥ CACHED_FROM_LEVEL (16+
 * leaves). Heights 1-3 are recomputed from the leaves when a proof needs
 * them (at most 1 + 3 + 7 node hashes per proof) — caching them would nearly
 * double the memory for a saving of a few microseconds; from height 4 up the
 * cache costs 1/8 of the leaf storage. Each complete subtree is hashed once,
 * when the append that completes it happens, and never changes afterwards:
 * the ledger is append-only, so no cached hash is ever invalidated.
 *
 * Bad sizes and indexes are answered with Result errors, never thrown: the
 * server passes through sizes and indexes that callers asked about.
 */
import { err, issue, ok, type Result } from '../errors.ts';
import { HashStore } from './hash-store.ts';
import { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './merkle-hash.ts';
import { MerkleFrontier } from './merkle-frontier.ts';
import { isCount, isPowerOfTwo, largestPowerOfTwoBelow, log2 } from './merkle-math.ts';

/** The lowest subtree height kept in the cache (see the module comment). */
export const CACHED_FROM_LEVEL = 4;

export class MerkleTree {
  readonly #leaves = new HashStore();
  /** #levels[h] holds the perfect subtrees of height h, in order; empty below CACHED_FROM_LEVEL. */
  readonly #levels: HashStore[] = [];
  readonly #frontier = new MerkleFrontier((level, _index, hash, offset) => {
    if (level < CACHED_FROM_LEVEL) return;
    // Subtrees of one height complete left to right, so `_index` is always the store's count.
    while (this.#levels.length <= level) this.#levels.push(new HashStore(1));
    this.#levels[level]?.push(hash, offset);
  });

  /**
   * Rebuilds a tree from its leaf hashes, concatenated (32 bytes each, in
   * ledger order) — how the server reloads what it persisted. Recomputes
   * every node: nothing stored besides the leaves has to be trusted.
   */
  static fromLeafHashes(hashes: Uint8Array): Result<MerkleTree> {
    const tree = new MerkleTree();
    const appended = tree.appendLeafHashes(hashes);
    return appended.ok ? ok(tree) : appended;
  }

  /** Number of leaves. */
  get size(): number {
    return this.#frontier.size;
  }

  /** Appends the leaf for `bytes` (hashed as SHA-256(0x00 ‖ bytes)); returns its index. */
  append(bytes: Uint8Array): number {
    return this.#appendAt(leafHash(bytes), 0);
  }

  /** Appends a precomputed 32-byte leaf hash; returns its index. */
  appendLeafHash(hash: Uint8Array): Result<number> {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      return err(issue('INVALID', `a leaf hash must be ${HASH_SIZE} bytes; got ${describeLength(hash)}`));
    }
    return ok(this.#appendAt(hash, 0));
  }

  /** Appends concatenated 32-byte leaf hashes; returns the new size. Appends nothing if the length is wrong. */
  appendLeafHashes(hashes: Uint8Array): Result<number> {
    if (!(hashes instanceof Uint8Array) || hashes.length % HASH_SIZE !== 0) {
      return err(issue('INVALID', `leaf hashes must be a whole number of ${HASH_SIZE}-byte hashes; got ${describeLength(hashes)}`));
    }
    const count = hashes.length / HASH_SIZE;
    this.#leaves.reserve(this.size + count);
    for (let i = 0; i < count; i++) this.#appendAt(hashes, i * HASH_SIZE);
    return ok(this.size);
  }

  /** A copy of leaf `index`'s hash. */
  leafHash(index: number): Result<Uint8Array> {
    if (!isCount(index) || index >= this.size) {
      return err(issue('INVALID', `leaf index ${String(index)} is out of range: the tree has ${this.size} leaves`));
    }
    return ok(this.#leaves.copy(index));
  }

  /** Leaf hashes [from, to), concatenated — what the server persists. Defaults to all of them. */
  leafHashes(from = 0, to = this.size): Result<Uint8Array> {
    if (!isCount(from) || !isCount(to) || from > to || to > this.size) {
      return err(issue('INVALID', `leaf range [${String(from)}, ${String(to)}) is not within the tree's ${this.size} leaves`));
    }
    return ok(this.#leaves.copyRange(from, to));
  }

  /** The root at the current size (the empty tree's root is SHA-256 of nothing). */
  root(): Uint8Array {
    return this.#frontier.root();
  }

  /** The root the tree had when it held `size` leaves (0 ≤ size ≤ current size). */
  rootAt(size: number): Result<Uint8Array> {
    if (!isCount(size) || size > this.size) {
      return err(issue('INVALID', `cannot give the root at size ${String(size)}: the tree has ${this.size} leaves`));
    }
    return ok(size === 0 ? emptyRoot() : this.#rangeHash(0, size));
  }

  /**
   * PATH(index, D[0:treeSize]) of RFC 9162 §2.1.3.1: the sibling hashes from
   * the leaf up to the root of the tree as it was at `treeSize`.
   */
  inclusionProof(index: number, treeSize = this.size): Result<Uint8Array[]> {
    if (!isCount(treeSize) || treeSize > this.size) {
      return err(issue('INVALID', `cannot prove inclusion in a tree of size ${String(treeSize)}: the tree has ${this.size} leaves`));
    }
    if (!isCount(index) || index >= treeSize) {
      return err(issue('INVALID', `leaf index ${String(index)} is not in a tree of size ${treeSize}`));
    }
    const topDown: Uint8Array[] = [];
    let begin = 0;
    let end = treeSize;
    while (end - begin > 1) {
      const k = largestPowerOfTwoBelow(end - begin);
      if (index < begin + k) {
        topDown.push(this.#rangeHash(begin + k, end));
        end = begin + k;
      } else {
        topDown.push(this.#rangeHash(begin, begin + k));
        begin += k;
      }
    }
    return ok(topDown.reverse());
  }

  /**
   * PROOF(oldSize, D[0:newSize]) of RFC 9162 §2.1.4.1: the hashes that show
   * the tree at newSize extends the tree at oldSize. Empty when the sizes
   * are equal. oldSize 0 is refused: every tree extends the empty one, so
   * such a proof would prove nothing and verifiers reject it.
   */
  consistencyProof(oldSize: number, newSize = this.size): Result<Uint8Array[]> {
    if (!isCount(newSize) || newSize > this.size) {
      return err(issue('INVALID', `cannot prove consistency up to size ${String(newSize)}: the tree has ${this.size} leaves`));
    }
    if (!isCount(oldSize) || oldSize < 1 || oldSize > newSize) {
      return err(issue('INVALID', `old size ${String(oldSize)} must be between 1 and the new size ${newSize}`));
    }
    const topDown: Uint8Array[] = [];
    let begin = 0;
    let end = newSize;
    let oldRootIsKnown = true; // SUBPROOF's b flag: the verifier already holds MTH(D[0:oldSize]).
    while (end !== oldSize) {
      const k = largestPowerOfTwoBelow(end - begin);
      if (oldSize - begin <= k) {
        topDown.push(this.#rangeHash(begin + k, end));
        end = begin + k;
      } else {
        topDown.push(this.#rangeHash(begin, begin + k));
        begin += k;
        oldRootIsKnown = false;
      }
    }
    if (!oldRootIsKnown) topDown.push(this.#rangeHash(begin, end));
    return ok(topDown.reverse());
  }

  #appendAt(source: Uint8Array, offset: number): number {
    const index = this.size;
    this.#leaves.push(source, offset);
    this.#frontier.append(source, offset);
    return index;
  }

  /** MTH(D[begin:end]) for 0 ≤ begin < end ≤ size, split as RFC 9162 splits. */
  #rangeHash(begin: number, end: number): Uint8Array {
    const width = end - begin;
    if (isPowerOfTwo(width) && begin % width === 0) return this.#perfectHash(log2(width), begin / width);
    const k = largestPowerOfTwoBelow(width);
    return nodeHash(this.#rangeHash(begin, begin + k), this.#rangeHash(begin + k, end));
  }

  /** The hash of the perfect subtree `index` of height `level` (it must be complete). */
  #perfectHash(level: number, index: number): Uint8Array {
    if (level === 0) return this.#leaves.copy(index);
    const cached = this.#levels[level];
    if (cached !== undefined && level >= CACHED_FROM_LEVEL) return cached.copy(index);
    return nodeHash(this.#perfectHash(level - 1, 2 * index), this.#perfectHash(level - 1, 2 * index + 1));
  }
}

function describeLength(value: unknown): string {
  return value instanceof Uint8Array ? `${value.length} bytes` : `a ${typeof value}`;
}

/**
 * A growing list of 32-byte hashes kept in one Uint8Array: a million leaf
 * hashes are one 32 MB buffer instead of a million small objects, which
 * keeps the garbage collector out of the ledger's hot path and lets the
 * server persist or reload them as one block.
 */
import { HASH_SIZE } from './merkle-hash.ts';

const INITIAL_CAPACITY = 64;

export class HashStore {
  #bytes: Uint8Array;
  #count = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.#bytes = new Uint8Array(Math.max(1, capacity) * HASH_SIZE);
  }

  get count(): number {
    return this.#count;
  }

  /** Appends source[offset, +32). */
  push(source: Uint8Array, offset: number): void {
    const at = this.#count * HASH_SIZE;
    if (at + HASH_SIZE > this.#bytes.length) this.#grow(this.#count + 1);
    const bytes = this.#bytes;
    for (let i = 0; i < HASH_SIZE; i++) bytes[at + i] = source[offset + i] as number;
    this.#count++;
  }

  /** Makes room for `count` hashes in total, so bulk loads grow once. */
  reserve(count: number): void {
    if (count * HASH_SIZE > this.#bytes.length) this.#grow(count);
  }

  /** The buffer holding hash i at offset i × 32 (valid until the next push). */
  get buffer(): Uint8Array {
    return this.#bytes;
  }

  /** A fresh copy of hash `index` (0 ≤ index < count; the caller checks). */
  copy(index: number): Uint8Array {
    return this.#bytes.slice(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** A fresh copy of hashes [from, to), concatenated. */
  copyRange(from: number, to: number): Uint8Array {
    return this.#bytes.slice(from * HASH_SIZE, to * HASH_SIZE);
  }

  #grow(atLeast: number): void {
    // Doubling keeps appends amortised O(1); 1.5x past 1M hashes bounds the slack at large sizes.
    const current = this.#bytes.length / HASH_SIZE;
    const grown = current < 1 << 20 ? current * 2 : Math.ceil(current * 1.5);
    const next = new Uint8Array(Math.max(atLeast, grown) * HASH_SIZE);
    next.set(this.#bytes.subarray(0, this.#count * HASH_SIZE));
    this.#bytes = next;
  }
}

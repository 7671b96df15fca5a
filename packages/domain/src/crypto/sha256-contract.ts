/**
 * The SHA-256 seam. `#sha256` (package.json "imports") selects one
 * implementation per platform: `sha256.node.ts` (node:crypto, native and
 * SHA-NI accelerated) under the `node` condition, `sha256.web.ts`
 * (@noble/hashes and a pure-JS fixed-shape kernel) everywhere else.
 * WebCrypto's `subtle.digest` is not used: it is asynchronous, and a promise
 * per leaf would dominate the cost of hashing a 500-byte audit event.
 */
export interface Sha256Backend {
  /** Which library computes the digests (for benchmarks and diagnostics). */
  readonly name: 'node:crypto' | '@noble/hashes';
  /** SHA-256 of `data`; a fresh 32-byte array. */
  sha256(data: Uint8Array): Uint8Array;
  /** out[outOffset, +32) = SHA-256(data), for loops that hash many inputs into one buffer without allocating. */
  sha256Into(data: Uint8Array, out: Uint8Array, outOffset: number): void;
  /**
   * SHA-256 of the UTF-8 encoding of `text`. `text` must be well-formed
   * UTF-16: a lone surrogate is hashed as U+FFFD.
   */
  sha256Utf8(text: string): Uint8Array;
  /**
   * out[outOffset, +32) = SHA-256(prefix ‖ left[leftOffset, +32) ‖
   * right[rightOffset, +32)) — the Merkle node hash, computed for nearly
   * every appended or verified leaf, so it allocates nothing. `out` may
   * overlap either input. Offsets are not range-checked; callers own the
   * bounds.
   */
  sha256PairInto(prefix: number, left: Uint8Array, leftOffset: number, right: Uint8Array, rightOffset: number, out: Uint8Array, outOffset: number): void;
}

export const SHA256_SIZE = 32;

/**
 * The SHA-256 seam. `#sha256` (package.json "imports") selects one
 * implementation per platform: `sha256.node.ts` (node:crypto, native and
 * SHA-NI accelerated) under the `node` condition, `sha256.web.ts`
 * (@noble/hashes, synchronous pure JS) everywhere else. WebCrypto's
 * `subtle.digest` is not used: it is asynchronous, and a promise per leaf
 * would dominate the cost of hashing a 500-byte audit event.
 */
export interface Sha256Backend {
  /** Which library computes the digests (for benchmarks and diagnostics). */
  readonly name: 'node:crypto' | '@noble/hashes';
  /** SHA-256 of `data`; a fresh 32-byte array. */
  sha256(data: Uint8Array): Uint8Array;
  /**
   * SHA-256 of the UTF-8 encoding of `text`. Node encodes natively, saving
   * the JS-side copy the ledger would otherwise make per event. `text` must
   * be well-formed UTF-16 (canonical JSON always is).
   */
  sha256Utf8(text: string): Uint8Array;
}

export const SHA256_SIZE = 32;

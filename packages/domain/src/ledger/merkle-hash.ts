/**
 * RFC 9162 §2.1.1 hashing with SHA-256. Leaves and interior nodes get
 * different one-byte prefixes (0x00 and 0x01) so that no leaf can ever be
 * passed off as an interior node, which is what makes a second-preimage
 * attack on the tree impossible.
 */
import { sha256, sha256PairInto, sha256Utf8 } from '#sha256';
import { SHA256_SIZE } from '../crypto/sha256-contract.ts';

/** Every leaf, node and root hash is this many bytes. */
export const HASH_SIZE = SHA256_SIZE;

export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1): the root of the empty tree. */
const EMPTY_ROOT_BYTES = sha256(new Uint8Array(0));

/** The root of the empty tree; a fresh copy, so callers may keep or change it. */
export function emptyRoot(): Uint8Array {
  return EMPTY_ROOT_BYTES.slice();
}

/** Leaf hash: SHA-256(0x00 ‖ bytes). */
export function leafHash(bytes: Uint8Array): Uint8Array {
  const prefixed = new Uint8Array(bytes.length + 1);
  prefixed[0] = LEAF_PREFIX;
  prefixed.set(bytes, 1);
  return sha256(prefixed);
}

/**
 * Leaf hash of the UTF-8 encoding of `text`, without materialising the bytes
 * in JS: U+0000 encodes as the single byte 0x00, so prepending it to the
 * string is prepending the leaf prefix to the bytes. `text` must be
 * well-formed UTF-16 (canonical JSON always is): a lone surrogate would be
 * hashed as U+FFFD.
 */
export function leafHashUtf8(text: string): Uint8Array {
  return sha256Utf8('\u0000' + text);
}

/** Interior-node hash: SHA-256(0x01 ‖ left ‖ right). Both inputs must be 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  sha256PairInto(NODE_PREFIX, left, 0, right, 0, out, 0);
  return out;
}

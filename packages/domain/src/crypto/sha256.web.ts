/**
 * SHA-256 in the browser (and any runtime without node:crypto): the
 * synchronous, audited pure-JS implementation from @noble/hashes, and the
 * allocation-free fixed-shape kernel for Merkle node hashes.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Sha256Backend } from './sha256-contract.ts';
import { sha256PairInto } from './sha256-pair.ts';

const utf8 = new TextEncoder();

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export function sha256Into(data: Uint8Array, out: Uint8Array, outOffset: number): void {
  out.set(nobleSha256(data), outOffset);
}

export function sha256Utf8(text: string): Uint8Array {
  return nobleSha256(utf8.encode(text));
}

export { sha256PairInto };

export const sha256Backend = { name: '@noble/hashes', sha256, sha256Into, sha256Utf8, sha256PairInto } as const satisfies Sha256Backend;

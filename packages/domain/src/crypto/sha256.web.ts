/**
 * SHA-256 in the browser (and any runtime without node:crypto): the
 * synchronous, audited pure-JS implementation from @noble/hashes.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Sha256Backend } from './sha256-contract.ts';

const utf8 = new TextEncoder();

export const sha256Backend = {
  name: '@noble/hashes',
  sha256: (data: Uint8Array): Uint8Array => nobleSha256(data),
  sha256Utf8: (text: string): Uint8Array => nobleSha256(utf8.encode(text)),
} as const satisfies Sha256Backend;

export const { sha256, sha256Utf8 } = sha256Backend;

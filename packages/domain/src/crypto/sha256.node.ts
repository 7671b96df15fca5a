/// <reference types="node" />
/**
 * SHA-256 on Node: `crypto.hash` is the cheapest one-shot node:crypto offers
 * (no Hash object per call); measured ~1.5-2x faster than @noble/hashes on a
 * 500-byte input in Node 24 (see bench/ledger.bench.ts, domain.sha256.*).
 */
import { hash } from 'node:crypto';
import type { Sha256Backend } from './sha256-contract.ts';

/** A Buffer is a Uint8Array subclass; a plain view keeps equality checks and `instanceof` honest. */
function plain(digest: Buffer): Uint8Array {
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

export const sha256Backend = {
  name: 'node:crypto',
  sha256: (data: Uint8Array): Uint8Array => plain(hash('sha256', data, 'buffer')),
  sha256Utf8: (text: string): Uint8Array => plain(hash('sha256', text, 'buffer')),
} as const satisfies Sha256Backend;

export const { sha256, sha256Utf8 } = sha256Backend;

/// <reference types="node" />
/**
 * SHA-256 on Node through `crypto.hash`, the one-shot API (no Hash object
 * per call). Digests are asked for as 'binary' (latin1) text and copied into a
 * Uint8Array: in Node 24 that is about twice as fast per call as asking for
 * a 'buffer', whose allocation costs more than hashing a 500-byte event
 * (see bench/ledger.bench.ts). The same trick makes the native 65-byte
 * Merkle node hash ~1.4x faster than the pure-JS kernel the web backend uses.
 */
import { hash } from 'node:crypto';
import type { Sha256Backend } from './sha256-contract.ts';

/** A 'binary' (latin1) digest holds one byte per character. */
function copyDigest(latin1: string, out: Uint8Array, outOffset: number): Uint8Array {
  for (let i = 0; i < 32; i++) out[outOffset + i] = latin1.charCodeAt(i);
  return out;
}

/**
 * The 65-byte node-hash input. Scratch space, not state: every call fills all
 * of it before hashing and nothing in it outlives the call, which never yields.
 */
const PAIR = new Uint8Array(65);

export function sha256(data: Uint8Array): Uint8Array {
  return copyDigest(hash('sha256', data, 'binary'), new Uint8Array(32), 0);
}

export function sha256Into(data: Uint8Array, out: Uint8Array, outOffset: number): void {
  copyDigest(hash('sha256', data, 'binary'), out, outOffset);
}

export function sha256Utf8(text: string): Uint8Array {
  return copyDigest(hash('sha256', text, 'binary'), new Uint8Array(32), 0);
}

export function sha256PairInto(prefix: number, left: Uint8Array, leftOffset: number, right: Uint8Array, rightOffset: number, out: Uint8Array, outOffset: number): void {
  PAIR[0] = prefix;
  for (let i = 0; i < 32; i++) PAIR[1 + i] = left[leftOffset + i] as number;
  for (let i = 0; i < 32; i++) PAIR[33 + i] = right[rightOffset + i] as number;
  copyDigest(hash('sha256', PAIR, 'binary'), out, outOffset);
}

export const sha256Backend = { name: 'node:crypto', sha256, sha256Into, sha256Utf8, sha256PairInto } as const satisfies Sha256Backend;

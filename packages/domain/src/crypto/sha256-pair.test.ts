/**
 * The 65-byte node hash — the pure-JS kernel (the web backend's) and the
 * platform backend's — against both general SHA-256 backends, on random
 * inputs, at random offsets, and writing over its own inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Backend as platform } from '#sha256';
import { sha256Backend as web } from './sha256.web.ts';
import { concatBytes } from './encoding.ts';
import { sha256PairInto as kernel } from './sha256-pair.ts';

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

const IMPLEMENTATIONS = [
  ['the pure-JS kernel', kernel],
  [`the ${platform.name} backend`, platform.sha256PairInto],
] as const;

for (const [implementation, sha256PairInto] of IMPLEMENTATIONS) describe(`sha256PairInto: ${implementation}`, () => {
  it('equals SHA-256(prefix ‖ left ‖ right) from both backends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), hash32, hash32, (prefix, left, right) => {
        const out = new Uint8Array(32);
        sha256PairInto(prefix, left, 0, right, 0, out, 0);
        const message = concatBytes(Uint8Array.of(prefix), left, right);
        expect(out).toEqual(platform.sha256(message));
        expect(out).toEqual(web.sha256(message));
      }),
      { numRuns: 500 },
    );
  });

  it('reads and writes at offsets, touching nothing outside the output slot', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 160, maxLength: 160 }), fc.nat(64), fc.nat(64), fc.nat(64), (buffer, l, r, o) => {
        const out = new Uint8Array(128).fill(0xee);
        sha256PairInto(1, buffer, l, buffer, r, out, o);
        const expected = platform.sha256(concatBytes(Uint8Array.of(1), buffer.subarray(l, l + 32), buffer.subarray(r, r + 32)));
        expect(out.subarray(o, o + 32)).toEqual(expected);
        expect(out.subarray(0, o).every((b) => b === 0xee)).toBe(true);
        expect(out.subarray(o + 32).every((b) => b === 0xee)).toBe(true);
      }),
    );
  });

  it('may write over either input', () => {
    fc.assert(
      fc.property(hash32, hash32, (left, right) => {
        const expected = platform.sha256(concatBytes(Uint8Array.of(1), left, right));
        const overLeft = left.slice();
        sha256PairInto(1, overLeft, 0, right, 0, overLeft, 0);
        expect(overLeft).toEqual(expected);
        const overRight = right.slice();
        sha256PairInto(1, left, 0, overRight, 0, overRight, 0);
        expect(overRight).toEqual(expected);
      }),
    );
  });

  it('gives the RFC 9162 node hash of two known leaves', () => {
    // transparency-dev/merkle verify_test.go: roots[1] = MTH of leaves "" and 0x00.
    const leafEmpty = platform.sha256(Uint8Array.of(0));
    const leafZero = platform.sha256(Uint8Array.of(0, 0));
    const out = new Uint8Array(32);
    sha256PairInto(1, leafEmpty, 0, leafZero, 0, out, 0);
    expect(Array.from(out, (b) => b.toString(16).padStart(2, '0')).join('')).toBe('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125');
  });
});

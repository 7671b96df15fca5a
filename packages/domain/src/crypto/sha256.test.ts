/**
 * Both SHA-256 backends give the FIPS 180-4 digests and agree with each
 * other. In Node `#sha256` is node:crypto and is compared with
 * @noble/hashes; in Chromium both are @noble/hashes, and the known digests
 * are what still checks it there.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Backend as platform } from '#sha256';
import { sha256Backend as web } from './sha256.web.ts';
import { encodeHex, encodeUtf8 } from './encoding.ts';

/** FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and well-known digests. */
const KNOWN: readonly [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
];

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

describe('SHA-256 backends', () => {
  it('selects node:crypto on Node and @noble/hashes elsewhere', () => {
    expect(platform.name).toBe(isNode ? 'node:crypto' : '@noble/hashes');
    expect(web.name).toBe('@noble/hashes');
  });

  for (const backend of [platform, web]) {
    it(`${backend.name} gives the known digests, for bytes and for text`, () => {
      for (const [text, digest] of KNOWN) {
        expect(encodeHex(backend.sha256(encodeUtf8(text)))).toBe(digest);
        expect(encodeHex(backend.sha256Utf8(text))).toBe(digest);
      }
      // One million 'a' (FIPS 180-4 long message).
      expect(encodeHex(backend.sha256Utf8('a'.repeat(1_000_000)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
    });

    it(`${backend.name} hashes into a buffer at an offset, touching nothing else`, () => {
      const out = new Uint8Array(40).fill(7);
      backend.sha256Into(encodeUtf8('abc'), out, 5);
      expect(encodeHex(out.subarray(5, 37))).toBe(KNOWN[1]?.[1]);
      expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    });

    it(`${backend.name} returns plain, fresh 32-byte Uint8Arrays`, () => {
      const a = backend.sha256(new Uint8Array(3));
      const b = backend.sha256(new Uint8Array(3));
      expect(a.constructor).toBe(Uint8Array);
      expect(a.length).toBe(32);
      a.fill(0);
      expect(b).not.toEqual(a);
    });
  }

  it('agree with each other on random bytes, including views into larger buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 8 }), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(platform.sha256(view)).toEqual(web.sha256(view));
      }),
    );
  });

  it('agree on the UTF-8 of random well-formed text (astral and multi-byte characters too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(platform.sha256Utf8(text)).toEqual(web.sha256Utf8(text));
        expect(platform.sha256Utf8(text)).toEqual(web.sha256(encodeUtf8(text)));
      }),
    );
  });
});

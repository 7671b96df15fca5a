import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asBufferSource, bytesEqual, concatBytes, decodeBase64, decodeHex, decodeUtf8, encodeBase64, encodeHex, encodeUtf8 } from './encoding.ts';

/** The platform's own base64 (atob/btoa exist in Node and in browsers), as an independent reference. */
function referenceBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function refusal(result: { ok: boolean; error?: { message: string } }): string {
  expect(result.ok).toBe(false);
  return result.error?.message ?? '';
}

describe('base64', () => {
  it('encodes the RFC 4648 §10 test vectors', () => {
    const vectors: Record<string, string> = { '': '', f: 'Zg==', fo: 'Zm8=', foo: 'Zm9v', foob: 'Zm9vYg==', fooba: 'Zm9vYmE=', foobar: 'Zm9vYmFy' };
    for (const [text, encoded] of Object.entries(vectors)) {
      expect(encodeBase64(encodeUtf8(text))).toBe(encoded);
      const decoded = decodeBase64(encoded);
      expect(decoded.ok && new TextDecoder().decode(decoded.value)).toBe(text);
    }
  });

  it('round-trips any bytes and agrees with the platform encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(referenceBase64(bytes));
        const decoded = decodeBase64(encoded);
        expect(decoded.ok && bytesEqual(decoded.value, bytes)).toBe(true);
      }),
    );
  });

  it('accepts a string only if it is the one canonical spelling of its bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    const base64ish = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 });
    fc.assert(
      fc.property(base64ish, (text) => {
        const decoded = decodeBase64(text);
        if (decoded.ok) expect(encodeBase64(decoded.value)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses non-zero padding bits', () => {
    // "QQ==" is the canonical "A"; "QR==" and "QUI=" vs "QUJ=" differ only in bits under the padding.
    expect(decodeBase64('QQ==').ok).toBe(true);
    expect(refusal(decodeBase64('QR=='))).toMatch(/padding bits are not zero/);
    expect(decodeBase64('QUI=').ok).toBe(true);
    expect(refusal(decodeBase64('QUJ='))).toMatch(/padding bits are not zero/);
  });

  it('refuses missing or misplaced padding', () => {
    expect(refusal(decodeBase64('QQ'))).toMatch(/multiple of 4 characters/);
    expect(refusal(decodeBase64('QUI'))).toMatch(/multiple of 4 characters/);
    expect(refusal(decodeBase64('QQ==QQ=='))).toMatch(/invalid character "=" at position 2/);
    expect(refusal(decodeBase64('Q==='))).toMatch(/invalid character "=" at position 1/);
    expect(refusal(decodeBase64('===='))).toMatch(/invalid character "=" at position 0/);
    expect(refusal(decodeBase64('QQ=A'))).toMatch(/invalid character "=" at position 2/);
  });

  it('refuses characters outside the standard alphabet, whitespace included', () => {
    expect(refusal(decodeBase64('Zm9-'))).toMatch(/invalid character "-" at position 3/);
    expect(refusal(decodeBase64('Zm9_'))).toMatch(/invalid character "_"/);
    expect(refusal(decodeBase64('Zm 9'))).toMatch(/invalid character " "/);
    expect(refusal(decodeBase64('Zm9v\nYg=='))).toMatch(/multiple of 4|invalid character/);
    expect(refusal(decodeBase64('Zm9vYg==\r\n  '))).toMatch(/invalid character/);
    expect(refusal(decodeBase64('Zm9é'))).toMatch(/invalid character "é"/);
    expect(refusal(decodeBase64('Zm9\u{1F600}'))).toMatch(/multiple of 4|invalid character/);
  });
});

describe('hex', () => {
  it('round-trips any bytes in lowercase', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = encodeHex(bytes);
        expect(encoded).toMatch(/^[0-9a-f]*$/);
        expect(encoded).toHaveLength(bytes.length * 2);
        const decoded = decodeHex(encoded);
        expect(decoded.ok && bytesEqual(decoded.value, bytes)).toBe(true);
        const upper = decodeHex(encoded.toUpperCase());
        expect(upper.ok && bytesEqual(upper.value, bytes)).toBe(true);
      }),
    );
  });

  it('refuses odd lengths and non-hex characters with their position', () => {
    expect(refusal(decodeHex('abc'))).toMatch(/even number of digits; got 3/);
    expect(refusal(decodeHex('0g'))).toMatch(/invalid character "g" at position 1/);
    expect(refusal(decodeHex('x0'))).toMatch(/invalid character "x" at position 0/);
    expect(refusal(decodeHex(' 0'))).toMatch(/invalid character " " at position 0/);
    // Characters whose code | 0x20 lands on a-f must not sneak through.
    expect(refusal(decodeHex('\u0141\u0141'))).toMatch(/invalid character/);
  });
});

describe('utf8', () => {
  it('round-trips any well-formed string', () => {
    // Any scalar value, astral planes included (fast-check's own 'binary' unit is ~30x slower).
    const scalar = fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }));
    const wellFormed = fc.array(scalar, { maxLength: 50 }).map((points) => String.fromCodePoint(...points));
    fc.assert(
      fc.property(wellFormed, (text) => {
        const decoded = decodeUtf8(encodeUtf8(text));
        expect(decoded.ok && decoded.value).toBe(text);
      }),
    );
  });

  it('refuses malformed UTF-8 instead of replacing it, and keeps a leading BOM', () => {
    for (const bytes of [[0xff], [0xc3], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      expect(refusal(decodeUtf8(new Uint8Array(bytes)))).toMatch(/not valid UTF-8/);
    }
    const withBom = decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
    expect(withBom.ok && withBom.value).toBe('\uFEFFa');
    // The shared decoder is not left in a bad state by a refusal.
    expect(decodeUtf8(new Uint8Array([0x61])).ok).toBe(true);
  });
});

describe('byte helpers', () => {
  it('compares and concatenates', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(false);
    expect([...concatBytes(new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3]))]).toEqual([1, 2, 3]);
  });

  it('passes plain arrays to WebCrypto as they are and copies shared ones', () => {
    const plain = new Uint8Array([1, 2]);
    expect(asBufferSource(plain)).toBe(plain);
    if (typeof SharedArrayBuffer === 'function') {
      const shared = new Uint8Array(new SharedArrayBuffer(2));
      const copy = asBufferSource(shared);
      expect(copy).not.toBe(shared);
      expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
    }
  });
});

/**
 * Byte encodings the ledger's formats need: standard base64 (RFC 4648 §4, as
 * signed notes and checkpoints use it), lowercase hex, and UTF-8.
 *
 * Decoders are strict and return values, never throw: a signature or a root
 * hash has exactly one accepted spelling, so a decoder that tolerated
 * missing padding, stray whitespace or non-zero padding bits would let two
 * different strings stand for the same bytes. `Uint8Array.fromBase64` is not
 * in Node 24, so both runtimes use this one implementation.
 */
import { err, issue, ok, type Result } from '../errors.ts';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d; // '='

/** Char code → 6-bit value, or -1 for characters outside the alphabet. */
const BASE64_VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) table[BASE64_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += BASE64_ALPHABET.charAt(n >>> 18) + BASE64_ALPHABET.charAt((n >>> 12) & 63) + BASE64_ALPHABET.charAt((n >>> 6) & 63) + BASE64_ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const n = (bytes[whole] as number) << 16;
    out += BASE64_ALPHABET.charAt(n >>> 18) + BASE64_ALPHABET.charAt((n >>> 12) & 63) + '==';
  } else if (rest === 2) {
    const n = ((bytes[whole] as number) << 16) | ((bytes[whole + 1] as number) << 8);
    out += BASE64_ALPHABET.charAt(n >>> 18) + BASE64_ALPHABET.charAt((n >>> 12) & 63) + BASE64_ALPHABET.charAt((n >>> 6) & 63) + '=';
  }
  return out;
}

/** Decodes padded standard base64; rejects anything but its one canonical spelling. */
export function decodeBase64(text: string): Result<Uint8Array> {
  if (text.length % 4 !== 0) {
    return err(issue('INVALID', `base64 text must be a multiple of 4 characters long (with "=" padding); got ${text.length}`));
  }
  let padding = 0;
  if (text.length > 0 && text.charCodeAt(text.length - 1) === PAD) padding = text.charCodeAt(text.length - 2) === PAD ? 2 : 1;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const dataChars = text.length - padding;
  let written = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const at = i + j;
      let value = 0;
      if (at < dataChars) {
        const code = text.charCodeAt(at);
        value = code < 128 ? (BASE64_VALUES[code] as number) : -1;
        if (value < 0) {
          return err(issue('INVALID', `base64 text has an invalid character ${JSON.stringify(text[at])} at position ${at}`));
        }
      }
      n = (n << 6) | value;
    }
    const bytesHere = Math.min(3, out.length - written);
    out[written++] = n >>> 16;
    if (bytesHere > 1) out[written++] = (n >>> 8) & 255;
    if (bytesHere > 2) out[written++] = n & 255;
    // Bits under the padding must be zero, or "QQ==" and "QR==" would both decode to "A".
    if (bytesHere === 1 && (n & 0xffff) !== 0) return err(issue('INVALID', 'base64 text is not canonical: padding bits are not zero'));
    if (bytesHere === 2 && (n & 0xff) !== 0) return err(issue('INVALID', 'base64 text is not canonical: padding bits are not zero'));
  }
  return ok(out);
}

const HEX_DIGITS = '0123456789abcdef';

export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS.charAt(byte >>> 4) + HEX_DIGITS.charAt(byte & 15);
  return out;
}

/** Decodes hex (either case) of even length. */
export function decodeHex(text: string): Result<Uint8Array> {
  if (text.length % 2 !== 0) return err(issue('INVALID', `hex text must have an even number of digits; got ${text.length}`));
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = hexValue(text.charCodeAt(2 * i));
    const low = hexValue(text.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) {
      const at = high < 0 ? 2 * i : 2 * i + 1;
      return err(issue('INVALID', `hex text has an invalid character ${JSON.stringify(text[at])} at position ${at}`));
    }
    out[i] = (high << 4) | low;
  }
  return ok(out);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

// TextEncoder/TextDecoder keep no state between calls, so sharing them is safe.
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 of a string. Lone surrogates become U+FFFD: check well-formedness first where it matters. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, refusing malformed sequences instead of replacing them. A leading BOM is kept as text. */
export function decodeUtf8(bytes: Uint8Array): Result<string> {
  try {
    return ok(utf8Decoder.decode(bytes));
  } catch {
    return err(issue('INVALID', 'bytes are not valid UTF-8'));
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * WebCrypto's `BufferSource` excludes views of a SharedArrayBuffer; a plain
 * `Uint8Array` may be one, so it is copied in that (rare) case only.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  // The cast is what the instanceof check just proved.
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, importEd25519Seed } from '../crypto/ed25519.ts';
import { decodeBase64, encodeHex } from '../crypto/encoding.ts';
import {
  createNoteSigner,
  formatNoteKeyId,
  formatVerifierKey,
  importNoteVerifier,
  noteKeyIdBytes,
  noteKeyNameProblem,
  noteKeyId,
  parseVerifierKey,
} from './signed-note-key.ts';

// The example keys of golang.org/x/mod/sumdb/note (note_test.go), the reference implementation.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(result: { ok: boolean; error?: { code: string; message: string } }): string {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('INVALID');
  return result.error?.message ?? '';
}

/** The seed inside Go's `PRIVATE+KEY+<name>+<id>+<base64(0x01 ‖ seed)>` signer key. */
function goSeed(skey: string): Uint8Array {
  // The key material may itself hold '+', so take everything after the fourth one.
  const typed = unwrap(decodeBase64(skey.split('+').slice(4).join('+')));
  expect(typed[0]).toBe(0x01);
  return typed.slice(1);
}

describe('signed note keys', () => {
  it('reads and writes the Go reference verifier keys exactly', () => {
    for (const vkey of [PETER_VKEY, ENOCH_VKEY]) {
      const key = unwrap(parseVerifierKey(vkey));
      expect(unwrap(formatVerifierKey(key.name, key.publicKey))).toBe(vkey);
      expect(noteKeyId(key.name, key.publicKey)).toBe(key.keyId);
    }
    const peter = unwrap(parseVerifierKey(PETER_VKEY));
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(formatNoteKeyId(peter.keyId)).toBe('c74f20a3');
    expect(encodeHex(noteKeyIdBytes(peter.keyId))).toBe('c74f20a3');
  });

  it('derives the Go signer key pair from its seed, and publishes the same verifier key', async () => {
    const pair = unwrap(await importEd25519Seed(goSeed(PETER_SKEY)));
    const signer = unwrap(await createNoteSigner('PeterNeumann', pair));
    expect(signer.verifierKey).toBe(PETER_VKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.privateKey.extractable).toBe(false);
  });

  it('refuses every truncation and every single-character change of a verifier key', () => {
    // The same manglings golang.org/x/mod/sumdb/note's TestNewVerifier tries.
    const accepted: string[] = [];
    for (let start = 0; start <= PETER_VKEY.length; start++) {
      for (let end = start + 1; end <= PETER_VKEY.length; end++) {
        if (start === 0 && end === PETER_VKEY.length) continue;
        const part = PETER_VKEY.slice(start, end);
        if (parseVerifierKey(part).ok) accepted.push(part);
      }
    }
    for (let i = 0; i < PETER_VKEY.length; i++) {
      const changed = PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      if (parseVerifierKey(changed).ok) accepted.push(changed);
    }
    expect(accepted).toEqual([]);
  });

  it('says what is wrong with a verifier key', () => {
    expect(refusal(parseVerifierKey('PeterNeumann'))).toMatch(/expected <name>\+<key ID>\+<base64 key>/);
    expect(refusal(parseVerifierKey('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toMatch(/contains a space/);
    expect(refusal(parseVerifierKey('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toMatch(/not 8 lowercase hex digits/);
    expect(refusal(parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toMatch(/does not match the name and key \(expected c74f20a3\)/);
    expect(refusal(parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='))).toMatch(/base64|32 bytes/);
    expect(refusal(parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'))).toMatch(/signature type 0x65 is not supported/);
    expect(refusal(parseVerifierKey('PeterNeumann+c74f20a3+'))).toMatch(/the key is empty/);
    expect(refusal(parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T'))).toMatch(/not canonical base64/);
  });

  it('accepts key names without spaces or plus signs, and names the offending character otherwise', () => {
    for (const name of ['example.com/log42', 'PeterNeumann', 'steward.example/acme/audit', 'é', '\u{1F600}']) expect(noteKeyNameProblem(name)).toBeUndefined();
    expect(noteKeyNameProblem('')).toMatch(/must not be empty/);
    const refused: Record<string, RegExp> = {
      'a b': /a space \(U\+0020\)/,
      'a+b': /a plus sign/,
      'a\tb': /a control character \(U\+0009\)/,
      'a\nb': /a control character \(U\+000A\)/,
      'a\u00a0b': /a space \(U\+00A0\)/,
      'a\u2003b': /a space \(U\+2003\)/,
      'a\u3000b': /a space \(U\+3000\)/,
      'a\u0085b': /a space \(U\+0085\)/,
      'a\ufeffb': /a space \(U\+FEFF\)/,
      'a\ud800b': /an unpaired surrogate/,
    };
    for (const [name, why] of Object.entries(refused)) expect(noteKeyNameProblem(name)).toMatch(why);
    expect(refusal(formatVerifierKey('a+b', new Uint8Array(32)))).toMatch(/plus sign/);
    expect(refusal(formatVerifierKey('log', new Uint8Array(31)))).toMatch(/32 bytes; got 31/);
  });

  it('imports a verifier once for repeated use, from a string or a parsed key', async () => {
    const fromString = unwrap(await importNoteVerifier(PETER_VKEY));
    const fromParsed = unwrap(await importNoteVerifier(unwrap(parseVerifierKey(PETER_VKEY))));
    expect(fromString.cryptoKey.type).toBe('public');
    expect(fromParsed.keyId).toBe(fromString.keyId);
    expect(refusal(await importNoteVerifier('nope'))).toMatch(/malformed/);
  });

  it('refuses a signer whose private key is not the public key it claims', async () => {
    const one = await generateEd25519KeyPair();
    const two = await generateEd25519KeyPair();
    const mixed = await createNoteSigner('log', { privateKey: one.privateKey, publicKey: two.publicKey });
    expect(refusal(mixed)).toMatch(/does not belong to the public key of log\+[0-9a-f]{8}\+/);
    expect(refusal(await createNoteSigner('bad name', one))).toMatch(/contains a space/);
  });
});

import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, importEd25519Seed } from '../crypto/ed25519.ts';
import { decodeBase64, encodeBase64, encodeUtf8 } from '../crypto/encoding.ts';
import { createNoteSigner, importNoteVerifier, type NoteSigner } from './signed-note-key.ts';
import { MAX_NOTE_SIGNATURES, noteTextProblem, parseNote, signNote, verifyNote } from './signed-note.ts';

// golang.org/x/mod/sumdb/note note_test.go: Ed25519 is deterministic, so Steward must write this note byte for byte.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SEED_B64 = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const NOTE = `${TEXT}\n${PETER_SIG}`;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(result: { ok: boolean; error?: { code: string; message: string } }): string {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('INVALID');
  return result.error?.message ?? '';
}

async function peterSigner(): Promise<NoteSigner> {
  const seed = unwrap(decodeBase64(PETER_SEED_B64)).slice(1);
  return unwrap(await createNoteSigner('PeterNeumann', unwrap(await importEd25519Seed(seed))));
}

async function freshSigner(name: string): Promise<NoteSigner> {
  return unwrap(await createNoteSigner(name, await generateEd25519KeyPair()));
}

describe('signed notes: interoperability with the Go reference', () => {
  it('signs the reference text into the reference note, byte for byte', async () => {
    expect(unwrap(await signNote(TEXT, await peterSigner()))).toBe(NOTE);
  });

  it('verifies the reference note from the verifier key string alone, or from bytes', async () => {
    expect(unwrap(await verifyNote(NOTE, PETER_VKEY))).toEqual({ text: TEXT, keyName: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(unwrap(await verifyNote(encodeUtf8(NOTE), PETER_VKEY)).text).toBe(TEXT);
  });

  it('ignores signatures by other keys and verifies each known one', async () => {
    const both = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(unwrap(await verifyNote(both, PETER_VKEY)).keyName).toBe('PeterNeumann');
    expect(unwrap(await verifyNote(both, ENOCH_VKEY)).keyName).toBe('EnochRoot');
    const parsed = unwrap(parseNote(both));
    expect(parsed.signatures.map((s) => [s.name, s.keyId, s.signature.length])).toEqual([
      ['PeterNeumann', 0xc74f20a3, 64],
      ['EnochRoot', 0xaf0cfe78, 64],
    ]);
  });

  it('refuses the malformed notes of the Go test suite, each with its own reason', async () => {
    const cases: [string | Uint8Array, RegExp][] = [
      [TEXT, /no blank line between its text and its signatures/],
      [`${TEXT}\n`, /no signature lines after its blank line/],
      [`${TEXT}\n${PETER_SIG.slice(0, -1)}`, /does not end with a newline/],
      [`\u0001${TEXT}\n${PETER_SIG}`, /control character \(U\+0001\) on line 1/],
      [new Uint8Array([0xff, ...encodeUtf8(NOTE)]), /not valid UTF-8/],
      [`${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`, /signature line 1 has more than two fields/],
      [`${TEXT}\n${PETER_SIG}Unexpected line.\n`, /signature line 2 does not start with "— "/],
      [`${TEXT}\n${PETER_SIG.repeat(MAX_NOTE_SIGNATURES + 1)}`, /101 signature lines; at most 100/],
      [`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, /signature by PeterNeumann\+c74f20a3 is 67 bytes; an Ed25519 signature is 64/],
    ];
    for (const [note, why] of cases) expect(refusal(await verifyNote(note, PETER_VKEY))).toMatch(why);
  });
});

describe('signed notes: strict parsing', () => {
  it('refuses CRLF line endings and unpaired surrogates', async () => {
    expect(refusal(await verifyNote(NOTE.replaceAll('\n', '\r\n'), PETER_VKEY))).toMatch(/carriage return \(U\+000D\) on line 1/);
    expect(refusal(await verifyNote(`${TEXT}\ud800\n\n${PETER_SIG}`, PETER_VKEY))).toMatch(/unpaired surrogate on line 3/);
  });

  it('refuses a repeated signature, which the Go reference would silently drop', async () => {
    expect(refusal(await verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}`, PETER_VKEY))).toMatch(/signature line 2 repeats a signature by PeterNeumann\+c74f20a3/);
  });

  it('refuses non-canonical base64 and signatures too short to hold a key ID', async () => {
    // The last data character "M" → "N" sets a padding bit: lenient decoders read the same bytes.
    const paddingBit = NOTE.replace('JnAM=', 'JnAN=');
    expect(refusal(await verifyNote(paddingBit, PETER_VKEY))).toMatch(/padding bits are not zero/);
    expect(refusal(parseNote(`${TEXT}\n— PeterNeumann AAAA\n`))).toMatch(/holds 3 bytes; a key ID and a signature need at least 5/);
    expect(refusal(parseNote(`${TEXT}\n— PeterNeumann\n`))).toMatch(/no space between the key name and the signature/);
    expect(refusal(parseNote(`${TEXT}\n— Peter+Neumann AAAAAAAA\n`))).toMatch(/signature line 1: key name "Peter\+Neumann" contains a plus sign/);
  });

  it('keeps the text exactly, including empty lines and a trailing blank line', async () => {
    const signer = await freshSigner('example.com/notes');
    for (const text of ['\n', 'a\n\nb\n', 'a\n\n', 'ünïcødé 🙂\n']) {
      const note = unwrap(await signNote(text, signer));
      expect(unwrap(await verifyNote(note, signer.verifierKey)).text).toBe(text);
    }
  });
});

describe('signed notes: verification', () => {
  it('names the missing key, and says when the same name signed with a different key', async () => {
    expect(refusal(await verifyNote(`${TEXT}\n${ENOCH_SIG}`, PETER_VKEY))).toMatch(/no signature by PeterNeumann\+c74f20a3; it is signed only by EnochRoot\+af0cfe78/);
    const impostor = await freshSigner('PeterNeumann');
    const note = unwrap(await signNote(TEXT, impostor));
    expect(refusal(await verifyNote(note, PETER_VKEY))).toMatch(/no signature by PeterNeumann\+c74f20a3: its signature under that name is by PeterNeumann\+[0-9a-f]{8}, a different key/);
  });

  it('refuses a changed text or signature', async () => {
    expect(refusal(await verifyNote(NOTE.replace('cryptography', 'cryptographY'), PETER_VKEY))).toMatch(/signature by PeterNeumann\+c74f20a3 does not verify/);
    expect(refusal(await verifyNote(NOTE.replace('SffcvIAQ', 'SffcvIAR'), PETER_VKEY))).toMatch(/does not verify/);
  });

  it('refuses a signature whose key ID was rewritten to the verifier’s', async () => {
    // An attacker relabels another key's signature as Peter's: the ID matches, the signature cannot.
    const impostor = await freshSigner('PeterNeumann');
    const forged = unwrap(parseNote(unwrap(await signNote(TEXT, impostor))));
    const blob = new Uint8Array([0xc7, 0x4f, 0x20, 0xa3, ...(forged.signatures[0]?.signature ?? [])]);
    expect(refusal(await verifyNote(`${TEXT}\n— PeterNeumann ${encodeBase64(blob)}\n`, PETER_VKEY))).toMatch(/does not verify/);
  });

  it('signs with several keys, each verifiable alone, with one imported verifier reused', async () => {
    const a = await freshSigner('a.example/log');
    const b = await freshSigner('b.example/witness');
    const note = unwrap(await signNote('hello\n', [a, b]));
    const verifierA = unwrap(await importNoteVerifier(a.verifierKey));
    for (let i = 0; i < 3; i++) expect(unwrap(await verifyNote(note, verifierA)).keyName).toBe('a.example/log');
    expect(unwrap(await verifyNote(note, b.verifierKey)).keyName).toBe('b.example/witness');
  });

  it('refuses a malformed verifier key before reading the note', async () => {
    expect(refusal(await verifyNote(NOTE, 'PeterNeumann+c74f20a3'))).toMatch(/verifier key .* is malformed/);
  });
});

describe('signed notes: signing', () => {
  it('refuses text Steward would not sign, saying why', async () => {
    const signer = await freshSigner('log');
    expect(refusal(await signNote('no newline', signer))).toMatch(/must end with a newline/);
    expect(refusal(await signNote('a\r\nb\n', signer))).toMatch(/carriage return \(U\+000D\) on line 1/);
    expect(refusal(await signNote('a\tb\n', signer))).toMatch(/control character \(U\+0009\)/);
    expect(refusal(await signNote('text\n\n— log AAAAAAAA\n', signer))).toMatch(/line 3 of the note text starts with "— "/);
    expect(refusal(await signNote('ok\n', []))).toMatch(/at least one signer/);
    expect(refusal(await signNote('ok\n', [signer, signer]))).toMatch(/listed twice among the signers/);
    expect(noteTextProblem('fine — a dash inside a line\n')).toBeUndefined();
  });
});

/**
 * Properties of signed checkpoints over generated inputs: what is signed
 * verifies to exactly the same checkpoint, and no single-byte change of a
 * signed checkpoint — in the text, the blank line, the em dash, the key
 * name, the key ID, the signature or its base64 padding — is accepted.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../crypto/ed25519.ts';
import { bytesEqual, encodeUtf8 } from '../crypto/encoding.ts';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.ts';
import { createNoteSigner, importNoteVerifier, type NoteSigner, type NoteVerifier } from './signed-note-key.ts';
import { noteTextProblem } from './signed-note.ts';

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** One line a note may hold: well-formed, no control characters, not shaped like a signature line. */
const line = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((text) => noteTextProblem(`${text}\n`) === undefined);

const checkpoint: fc.Arbitrary<Checkpoint> = fc.record({
  origin: line,
  treeSize: fc.oneof(fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER), fc.nat(), fc.maxSafeNat()),
  rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  extensions: fc.array(line, { maxLength: 3 }),
});

const ORIGIN = 'steward.example/property/log';
let signer: NoteSigner;
let verifier: NoteVerifier;
let signedBytes: Uint8Array;

beforeAll(async () => {
  signer = unwrap(await createNoteSigner(ORIGIN, await generateEd25519KeyPair()));
  verifier = unwrap(await importNoteVerifier(signer.verifierKey));
  const note = unwrap(await signCheckpoint({ origin: ORIGIN, treeSize: 987_654, rootHash: new Uint8Array(32).fill(7), extensions: ['ext ✓'] }, signer));
  signedBytes = encodeUtf8(note);
});

function sameCheckpoint(actual: Checkpoint, expected: Checkpoint): boolean {
  return (
    actual.origin === expected.origin &&
    actual.treeSize === expected.treeSize &&
    bytesEqual(actual.rootHash, expected.rootHash) &&
    JSON.stringify(actual.extensions ?? []) === JSON.stringify(expected.extensions ?? [])
  );
}

describe('checkpoint properties', () => {
  it('parse(format(c)) is c for any valid checkpoint', () => {
    fc.assert(
      fc.property(checkpoint, (c) => {
        expect(sameCheckpoint(unwrap(parseCheckpoint(unwrap(formatCheckpoint(c)))), c)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('verify(sign(c)) is c for any valid checkpoint signed under its own origin', async () => {
    await fc.assert(
      fc.asyncProperty(checkpoint, async (c) => {
        const note = unwrap(await signCheckpoint({ ...c, origin: ORIGIN }, signer));
        expect(sameCheckpoint(unwrap(await verifyCheckpoint(note, verifier)), { ...c, origin: ORIGIN })).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('any single-byte change of a signed checkpoint is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: signedBytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const changed = signedBytes.slice();
        changed[at] = (changed[at] ?? 0) ^ mask;
        const result = await verifyCheckpoint(changed, verifier);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('every byte, flipped in its lowest bit, its highest bit, or turned into a newline, is refused', async () => {
    const accepted: string[] = [];
    for (let at = 0; at < signedBytes.length; at++) {
      for (const change of [(b: number) => b ^ 0x01, (b: number) => b ^ 0x80, () => 0x0a]) {
        const changed = signedBytes.slice();
        const before = changed[at] ?? 0;
        changed[at] = change(before);
        if (changed[at] === before) continue;
        if ((await verifyCheckpoint(changed, verifier)).ok) accepted.push(`byte ${at}: ${before} → ${changed[at] ?? 0}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it('garbage never verifies and never throws', async () => {
    // Fragments of real notes, shuffled, reach deeper into the parser than random bytes alone.
    const fragment = fc.constantFrom('\n', '\n\n', '\u2014 ', ' ', '+', '=', '0', '07', '\r', 'é', ORIGIN, 'AAAA', 'x08go/ZJ', signer.verifierKey);
    const garbage = fc.oneof(fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')), fc.uint8Array({ maxLength: 200 }));
    await fc.assert(
      fc.asyncProperty(garbage, async (input) => {
        expect((await verifyCheckpoint(input, verifier)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

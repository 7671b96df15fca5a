import { sha256 } from '#sha256';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../crypto/ed25519.ts';
import { decodeBase64, encodeBase64, encodeUtf8 } from '../crypto/encoding.ts';
import { formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.ts';
import { createNoteSigner, importNoteVerifier, type NoteSigner } from './signed-note-key.ts';
import { signNote } from './signed-note.ts';

const ORIGIN = 'steward.example/acme/audit';
const ROOT = sha256(encodeUtf8('root of 1234 audit events'));
const CHECKPOINT: Checkpoint = { origin: ORIGIN, treeSize: 1234, rootHash: ROOT, extensions: ['steward-scope 7'] };

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(result: { ok: boolean; error?: { code: string; message: string } }): string {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('INVALID');
  return result.error?.message ?? '';
}

async function freshSigner(name: string): Promise<NoteSigner> {
  return unwrap(await createNoteSigner(name, await generateEd25519KeyPair()));
}

let signer: NoteSigner;
let note: string;

beforeAll(async () => {
  signer = await freshSigner(ORIGIN);
  note = unwrap(await signCheckpoint(CHECKPOINT, signer));
});

/** The note with line `index` (0-based, counted over the whole note) replaced by `lines`. */
function withLine(index: number, ...lines: string[]): string {
  const all = note.split('\n');
  all.splice(index, 1, ...lines);
  return all.join('\n');
}

/** The note with the signature blob's byte `at` (0–3: key ID) XORed with `mask`. */
function withSignatureByte(at: number, mask: number): string {
  const line = note.split('\n')[5] ?? '';
  const blob = unwrap(decodeBase64(line.slice(line.lastIndexOf(' ') + 1)));
  blob[at] = (blob[at] ?? 0) ^ mask;
  return withLine(5, `— ${ORIGIN} ${encodeBase64(blob)}`);
}

describe('checkpoint text', () => {
  it('is the C2SP layout: origin, decimal size, base64 root, extension lines', () => {
    expect(unwrap(formatCheckpoint(CHECKPOINT))).toBe(`${ORIGIN}\n1234\n${encodeBase64(ROOT)}\nsteward-scope 7\n`);
    expect(unwrap(formatCheckpoint({ origin: ORIGIN, treeSize: 0, rootHash: ROOT }))).toBe(`${ORIGIN}\n0\n${encodeBase64(ROOT)}\n`);
    const parsed = unwrap(parseCheckpoint(unwrap(formatCheckpoint(CHECKPOINT))));
    expect(parsed).toEqual({ ...CHECKPOINT, rootHash: ROOT });
    expect(unwrap(parseCheckpoint(`${ORIGIN}\n9007199254740991\n${encodeBase64(ROOT)}\n`)).treeSize).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses to write what it could not read back', () => {
    const refused: [Checkpoint, RegExp][] = [
      [{ ...CHECKPOINT, origin: '' }, /origin must not be empty/],
      [{ ...CHECKPOINT, origin: 'a\nb' }, /origin must be a single line/],
      [{ ...CHECKPOINT, origin: 'a\rb' }, /carriage return/],
      [{ ...CHECKPOINT, treeSize: -1 }, /whole number from 0 to 9007199254740991; got -1/],
      [{ ...CHECKPOINT, treeSize: 1.5 }, /got 1.5/],
      [{ ...CHECKPOINT, treeSize: Number.MAX_SAFE_INTEGER + 1 }, /got 9007199254740992/],
      [{ ...CHECKPOINT, treeSize: Number.NaN }, /got NaN/],
      [{ ...CHECKPOINT, rootHash: new Uint8Array(31) }, /root hash is 32 bytes; got 31/],
      [{ ...CHECKPOINT, extensions: [''] }, /extension line 1 is empty/],
      [{ ...CHECKPOINT, extensions: ['ok', 'a\nb'] }, /extension line 2 contains a newline/],
      [{ ...CHECKPOINT, extensions: ['— looks signed'] }, /starts with "— "/],
    ];
    for (const [checkpoint, why] of refused) expect(refusal(formatCheckpoint(checkpoint))).toMatch(why);
  });

  it('reads sizes and roots in their one canonical spelling only', () => {
    const root = encodeBase64(ROOT);
    const refused: [string, RegExp][] = [
      [`${ORIGIN}\n1234\n${root}`, /must end with a newline/],
      [`${ORIGIN}\n1234\n`, /at least 3 lines .* this one has 2/],
      [`\n1234\n${root}\n`, /origin \(line 1\) is empty/],
      [`${ORIGIN}\n01234\n${root}\n`, /tree size \(line 2\) "01234" has a leading zero/],
      [`${ORIGIN}\n00\n${root}\n`, /"00" has a leading zero/],
      [`${ORIGIN}\n+5\n${root}\n`, /"\+5" is not a decimal number/],
      [`${ORIGIN}\n-1\n${root}\n`, /"-1" is not a decimal number/],
      [`${ORIGIN}\n 5\n${root}\n`, /" 5" is not a decimal number/],
      [`${ORIGIN}\n1e3\n${root}\n`, /"1e3" is not a decimal number/],
      [`${ORIGIN}\n0x10\n${root}\n`, /"0x10" is not a decimal number/],
      [`${ORIGIN}\n\n${root}\n`, /"" is not a decimal number/],
      [`${ORIGIN}\n9007199254740992\n${root}\n`, /larger than 9007199254740991/],
      [`${ORIGIN}\n1234\n${root.slice(0, -1)}\n`, /root hash \(line 3\) is not canonical base64/],
      [`${ORIGIN}\n1234\n${encodeBase64(ROOT.subarray(0, 31))}\n`, /root hash \(line 3\) is 31 bytes; a SHA-256 hash is 32/],
      [`${ORIGIN}\n1234\n${root}\n\n`, /line 4 is empty; extension lines must not be/],
      [`${ORIGIN}\n1234\n${root}\next\n\nmore\n`, /line 5 is empty/],
    ];
    for (const [text, why] of refused) expect(refusal(parseCheckpoint(text))).toMatch(why);
  });
});

describe('signed checkpoints', () => {
  it('round-trip through sign and verify, with the verifier key string or an imported verifier', async () => {
    const expected = { ...CHECKPOINT, rootHash: ROOT, keyName: ORIGIN, keyId: signer.keyId };
    expect(unwrap(await verifyCheckpoint(note, signer.verifierKey))).toEqual(expected);
    const verifier = unwrap(await importNoteVerifier(signer.verifierKey));
    expect(unwrap(await verifyCheckpoint(note, verifier))).toEqual(expected);
    expect(unwrap(await verifyCheckpoint(encodeUtf8(note), verifier))).toEqual(expected);
    expect(note.endsWith('\n') && note.split('\n')[4]).toBe('');
  });

  it('are signed only under a key named after the origin', async () => {
    expect(refusal(await signCheckpoint({ ...CHECKPOINT, origin: 'other.example/log' }, signer))).toMatch(/origin "other.example\/log" differs from the signer's key name/);
    expect(refusal(await signCheckpoint({ ...CHECKPOINT, treeSize: -1 }, signer))).toMatch(/tree size/);
  });

  it('refuse an origin other than the key name unless the caller names it', async () => {
    const foreign = unwrap(await signNote(`go.sum database tree\n5\n${encodeBase64(ROOT)}\n`, signer));
    expect(refusal(await verifyCheckpoint(foreign, signer.verifierKey))).toMatch(/for origin "go.sum database tree", not the expected "steward.example\/acme\/audit"/);
    expect(unwrap(await verifyCheckpoint(foreign, signer.verifierKey, { origin: 'go.sum database tree' })).treeSize).toBe(5);
    expect(refusal(await verifyCheckpoint(note, signer.verifierKey, { origin: 'go.sum database tree' }))).toMatch(/not the expected "go.sum database tree"/);
  });

  it('refuse a correctly signed text that is not a canonical checkpoint', async () => {
    const signed = async (text: string): Promise<string> => unwrap(await signNote(text, signer));
    const root = encodeBase64(ROOT);
    expect(refusal(await verifyCheckpoint(await signed(`${ORIGIN}\n007\n${root}\n`), signer.verifierKey))).toMatch(/"007" has a leading zero/);
    expect(refusal(await verifyCheckpoint(await signed(`${ORIGIN}\n7\n`), signer.verifierKey))).toMatch(/at least 3 lines/);
    expect(refusal(await verifyCheckpoint(await signed(`${ORIGIN}\n7\n${root}\n\next\n`), signer.verifierKey))).toMatch(/line 4 is empty/);
  });
});

describe('signed checkpoints: every tampering is refused, and says how', () => {
  const doesNotVerify = /the signature by steward\.example\/acme\/audit\+[0-9a-f]{8} does not verify/;

  it('a changed origin, size, root or extension line breaks the signature', async () => {
    const root = encodeBase64(ROOT);
    const changedRoot = (root.startsWith('A') ? 'B' : 'A') + root.slice(1);
    const tampered = [
      withLine(0, 'steward.example/acme/audit2'),
      withLine(1, '1235'),
      withLine(1, '12340'),
      withLine(2, changedRoot),
      withLine(3, 'steward-scope 8'),
      withLine(3),
      withLine(3, 'steward-scope 7', 'steward-scope 7'),
      withLine(0, ORIGIN, ORIGIN),
    ];
    for (const text of tampered) expect(refusal(await verifyCheckpoint(text, signer.verifierKey))).toMatch(doesNotVerify);
  });

  it('a changed signature byte breaks the signature; a changed key ID no longer names the key', async () => {
    for (const at of [4, 20, 35, 67]) expect(refusal(await verifyCheckpoint(withSignatureByte(at, 0x01), signer.verifierKey))).toMatch(doesNotVerify);
    for (const at of [0, 3]) {
      expect(refusal(await verifyCheckpoint(withSignatureByte(at, 0x01), signer.verifierKey))).toMatch(/no signature by steward\.example\/acme\/audit\+[0-9a-f]{8}: its signature under that name is by .*, a different key/);
    }
  });

  it('another key of the same name is not the log’s key', async () => {
    const other = await freshSigner(ORIGIN);
    expect(refusal(await verifyCheckpoint(note, other.verifierKey))).toMatch(/no signature by steward\.example\/acme\/audit\+[0-9a-f]{8}: its signature under that name is by/);
    const otherNote = unwrap(await signCheckpoint(CHECKPOINT, other));
    expect(refusal(await verifyCheckpoint(otherNote, signer.verifierKey))).toMatch(/a different key/);
  });

  it('missing signatures, newlines and blank lines are named', async () => {
    expect(refusal(await verifyCheckpoint(withLine(5), signer.verifierKey))).toMatch(/no signature lines after its blank line/);
    expect(refusal(await verifyCheckpoint(withLine(4), signer.verifierKey))).toMatch(/no blank line between its text and its signatures/);
    expect(refusal(await verifyCheckpoint(note.slice(0, -1), signer.verifierKey))).toMatch(/does not end with a newline/);
    expect(refusal(await verifyCheckpoint(note.replaceAll('\n', '\r\n'), signer.verifierKey))).toMatch(/carriage return \(U\+000D\) on line 1/);
    expect(refusal(await verifyCheckpoint(withLine(5, note.split('\n')[5] ?? '', note.split('\n')[5] ?? ''), signer.verifierKey))).toMatch(/repeats a signature/);
  });

  it('garbage is refused without throwing', async () => {
    const garbage: (string | Uint8Array)[] = ['', '\n', '\n\n', 'garbage', '— \n', `\n\n— ${ORIGIN} AAAAAAAA\n`, new Uint8Array([0xc3, 0x28]), new Uint8Array(64).fill(0x0a), '\u0000'.repeat(10)];
    for (const input of garbage) expect(refusal(await verifyCheckpoint(input, signer.verifierKey))).not.toBe('');
  });
});

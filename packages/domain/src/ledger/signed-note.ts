/**
 * C2SP signed notes (https://c2sp.org/signed-note), the envelope of Steward's
 * checkpoints: UTF-8 text ending in a newline, a blank line, then one line
 * per signature, `— <key name> <base64(key ID ‖ signature)>`.
 *
 * Parsing is strict — Steward refuses what it would never write — but stays
 * interoperable with golang.org/x/mod/sumdb/note: everything Go's `Sign`
 * produces parses here, and signatures by keys the verifier does not know
 * are ignored, as the spec requires (witness cosignatures, key rotation).
 * Stricter than Go: base64 must be canonical, and a key may sign only once.
 */
import { ED25519_SIGNATURE_SIZE, signEd25519, verifyEd25519 } from '../crypto/ed25519.ts';
import { concatBytes, decodeBase64, decodeUtf8, encodeBase64, encodeUtf8 } from '../crypto/encoding.ts';
import { err, issue, ok, type Result } from '../errors.ts';
import { describeNoteKey, importNoteVerifier, noteKeyIdBytes, noteKeyNameProblem, type NoteSigner, type NoteVerifier } from './signed-note-key.ts';

/** Go's limit too; the spec asks verifiers to accept at least 16. Bounds the work a hostile note can cause. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
/** A key ID and at least one byte of signature. */
const MIN_SIGNATURE_BYTES = 5;

export interface NoteSignature {
  readonly name: string;
  /** uint32 key ID from the signature's first 4 bytes. */
  readonly keyId: number;
  /** The signature proper, without the key ID. */
  readonly signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, with its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface VerifiedNote {
  readonly text: string;
  readonly keyName: string;
  readonly keyId: number;
}

const refuse = (message: string, details?: Readonly<Record<string, unknown>>): Result<never> => err(issue('INVALID', message, details));

/**
 * Why `text` is not allowed anywhere in a note, or undefined: a control
 * character other than newline (the spec's rule; a carriage return gets its
 * own message because it is the usual one) or an unpaired surrogate, which
 * has no UTF-8 encoding and would silently become U+FFFD.
 */
function characterProblem(text: string, what: string): string | undefined {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      line++;
    } else if (code === 0x0d) {
      return `${what} has a carriage return (U+000D) on line ${line}; signed notes end lines with "\\n" alone`;
    } else if (code < 0x20) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      return `${what} has a control character (U+${hex}) on line ${line}; signed notes allow none but newline`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const paired = code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!paired) return `${what} has an unpaired surrogate on line ${line}, which is not valid UTF-8`;
      i++;
    }
  }
  return undefined;
}

/**
 * Why Steward refuses to sign `text`, or undefined. Beyond the spec's rules
 * (ends with a newline, no control characters), no line may start like a
 * signature line: the parser would still find the real signatures (they
 * follow the *last* blank line), but a person reading the note should never
 * see a forged-looking signature inside signed text.
 */
export function noteTextProblem(text: string): string | undefined {
  if (!text.endsWith('\n')) return 'the note text must end with a newline';
  const characters = characterProblem(text, 'the note text');
  if (characters !== undefined) return characters;
  const lines = text.slice(0, -1).split('\n');
  const lookalike = lines.findIndex((line) => line.startsWith(SIGNATURE_PREFIX));
  if (lookalike >= 0) return `line ${lookalike + 1} of the note text starts with "— ", as a signature line does`;
  return undefined;
}

/** Splits a note into its text and signatures without verifying anything. */
export function parseNote(note: string | Uint8Array): Result<ParsedNote> {
  let source: string;
  if (typeof note === 'string') {
    source = note;
  } else {
    const decoded = decodeUtf8(note);
    if (!decoded.ok) return refuse('the signed note is not valid UTF-8');
    source = decoded.value;
  }
  const characters = characterProblem(source, 'the signed note');
  if (characters !== undefined) return refuse(characters);
  if (!source.endsWith('\n')) return refuse('the signed note does not end with a newline');
  const split = source.lastIndexOf('\n\n');
  if (split < 0) return refuse('the signed note has no blank line between its text and its signatures');
  const text = source.slice(0, split + 1);
  const block = source.slice(split + 2);
  if (block.length === 0) return refuse('the signed note has no signature lines after its blank line');
  // The block ends with "\n" and, after the last blank line, holds no empty line.
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return refuse(`the signed note has ${lines.length} signature lines; at most ${MAX_NOTE_SIGNATURES} are read`);
  const signatures: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const parsed = parseSignatureLine(line, index + 1);
    if (!parsed.ok) return parsed;
    const key = describeNoteKey(parsed.value.name, parsed.value.keyId);
    if (seen.has(key)) return refuse(`signature line ${index + 1} repeats a signature by ${key}`, { line: index + 1 });
    seen.add(key);
    signatures.push(parsed.value);
  }
  return ok({ text, signatures });
}

function parseSignatureLine(line: string, number: number): Result<NoteSignature> {
  const details = { line: number };
  if (!line.startsWith(SIGNATURE_PREFIX)) return refuse(`signature line ${number} does not start with "— " (em dash, space)`, details);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) return refuse(`signature line ${number} has no space between the key name and the signature`, details);
  const name = rest.slice(0, space);
  const problem = noteKeyNameProblem(name);
  if (problem !== undefined) return refuse(`signature line ${number}: ${problem}`, details);
  const encoded = rest.slice(space + 1);
  if (encoded.includes(' ')) return refuse(`signature line ${number} has more than two fields; key names and signatures contain no spaces`, details);
  const bytes = decodeBase64(encoded);
  if (!bytes.ok) return refuse(`signature line ${number}: the signature is not canonical base64: ${bytes.error.message}`, details);
  if (bytes.value.length < MIN_SIGNATURE_BYTES) {
    return refuse(`signature line ${number} holds ${bytes.value.length} bytes; a key ID and a signature need at least ${MIN_SIGNATURE_BYTES}`, details);
  }
  const view = new DataView(bytes.value.buffer, bytes.value.byteOffset, bytes.value.byteLength);
  return ok({ name, keyId: view.getUint32(0), signature: bytes.value.slice(4) });
}

/** Signs `text` (which must end with a newline) with each signer, in order. */
export async function signNote(text: string, signers: NoteSigner | readonly NoteSigner[]): Promise<Result<string>> {
  const list = isSignerList(signers) ? signers : [signers];
  const problem = noteTextProblem(text);
  if (problem !== undefined) return refuse(problem);
  if (list.length === 0) return refuse('a note needs at least one signer');
  if (list.length > MAX_NOTE_SIGNATURES) return refuse(`at most ${MAX_NOTE_SIGNATURES} signers may sign one note`);
  const message = encodeUtf8(text);
  const seen = new Set<string>();
  let out = `${text}\n`;
  for (const signer of list) {
    const key = describeNoteKey(signer.name, signer.keyId);
    const nameProblem = noteKeyNameProblem(signer.name);
    if (nameProblem !== undefined) return refuse(nameProblem);
    if (seen.has(key)) return refuse(`${key} is listed twice among the signers`);
    seen.add(key);
    let signature: Uint8Array;
    try {
      signature = await signEd25519(signer.privateKey, message);
    } catch (cause) {
      return refuse(`${key} could not sign: ${String(cause)}`);
    }
    out += `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(concatBytes(noteKeyIdBytes(signer.keyId), signature))}\n`;
  }
  return ok(out);
}

function isSignerList(signers: NoteSigner | readonly NoteSigner[]): signers is readonly NoteSigner[] {
  return Array.isArray(signers);
}

/**
 * Verifies that `note` carries a valid signature by `verifier` (a published
 * verifier key string, or one imported once with importNoteVerifier) and
 * returns its text. Signatures by other keys are ignored, as the spec
 * requires; a malformed note is refused whole.
 */
export async function verifyNote(note: string | Uint8Array, verifier: string | NoteVerifier): Promise<Result<VerifiedNote>> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const imported = typeof verifier === 'string' ? await importNoteVerifier(verifier) : ok(verifier);
  if (!imported.ok) return imported;
  const key = imported.value;
  const expected = describeNoteKey(key.name, key.keyId);
  const { text, signatures } = parsed.value;
  const mine = signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
  if (mine === undefined) return refuse(noSignatureMessage(expected, key.name, signatures), { expected });
  if (mine.signature.length !== ED25519_SIGNATURE_SIZE) {
    return refuse(`the signature by ${expected} is ${mine.signature.length} bytes; an Ed25519 signature is ${ED25519_SIGNATURE_SIZE}`);
  }
  if (!(await verifyEd25519(key.cryptoKey, encodeUtf8(text), mine.signature))) {
    return refuse(`the signature by ${expected} does not verify: the note was changed after it was signed, or signed by another key`, { expected });
  }
  return ok({ text, keyName: key.name, keyId: key.keyId });
}

function noSignatureMessage(expected: string, name: string, signatures: readonly NoteSignature[]): string {
  const sameName = signatures.filter((s) => s.name === name);
  if (sameName.length > 0) {
    const ids = sameName.map((s) => describeNoteKey(s.name, s.keyId)).join(', ');
    return `the note has no signature by ${expected}: its signature under that name is by ${ids}, a different key`;
  }
  const others = signatures.map((s) => describeNoteKey(s.name, s.keyId)).join(', ');
  return `the note has no signature by ${expected}; it is signed only by ${others}`;
}

/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): the
 * audit ledger's signed tree head, a signed note whose text is
 *
 *     <origin>\n<tree size>\n<base64 root hash>\n[<extension line>\n]*
 *
 * A checkpoint is what an auditor holds on to: with it and the log's
 * published verifier key, every inclusion and consistency proof can be
 * checked offline, and two checkpoints that no consistency proof joins are
 * evidence that the log forked.
 *
 * One text, one meaning: the size has no leading zeros and fits a
 * JavaScript number exactly, the root is canonical base64 of exactly 32
 * bytes, no line is empty. Steward signs a checkpoint only under a key named
 * after its origin (the spec's SHOULD), and verification by default expects
 * the same, so one key can never vouch for another log's checkpoints.
 */
import { SHA256_SIZE } from '../crypto/sha256-contract.ts';
import { decodeBase64, encodeBase64 } from '../crypto/encoding.ts';
import { err, issue, ok, type Result } from '../errors.ts';
import { type NoteSigner, type NoteVerifier } from './signed-note-key.ts';
import { noteTextProblem, signNote, verifyNote } from './signed-note.ts';

export interface Checkpoint {
  /** The log's identity, e.g. `steward.example/acme/audit`. Non-empty, one line. */
  readonly origin: string;
  /** Leaves in the tree: a non-negative safe integer. */
  readonly treeSize: number;
  /** The RFC 9162 Merkle tree hash at `treeSize` (SHA-256 of the empty string when 0). */
  readonly rootHash: Uint8Array;
  /** Opaque lines after the root. The spec advises against them (monitors cannot audit them); kept for interoperability. */
  readonly extensions?: readonly string[];
}

export interface ParsedCheckpoint extends Checkpoint {
  readonly extensions: readonly string[];
}

export interface VerifiedCheckpoint extends ParsedCheckpoint {
  /** The key that signed it: its name and uint32 key ID. */
  readonly keyName: string;
  readonly keyId: number;
}

export interface VerifyCheckpointOptions {
  /**
   * The origin the checkpoint must carry. Defaults to the verifier key's
   * name; set it only for logs that sign under another name (the Go
   * checksum database signs "go.sum database tree" as sum.golang.org).
   */
  readonly origin?: string;
}

const refuse = (message: string): Result<never> => err(issue('INVALID', message));

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** The note text of `checkpoint`, or why it cannot be written. */
export function formatCheckpoint(checkpoint: Checkpoint): Result<string> {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0) return refuse('a checkpoint origin must not be empty');
  if (origin.includes('\n')) return refuse('a checkpoint origin must be a single line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    return refuse(`a checkpoint tree size must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got ${String(treeSize)}`);
  }
  if (rootHash.length !== SHA256_SIZE) return refuse(`a checkpoint root hash is ${SHA256_SIZE} bytes; got ${rootHash.length}`);
  for (const [index, line] of extensions.entries()) {
    if (line.length === 0) return refuse(`checkpoint extension line ${index + 1} is empty; extension lines must not be`);
    if (line.includes('\n')) return refuse(`checkpoint extension line ${index + 1} contains a newline`);
  }
  const text = [origin, String(treeSize), encodeBase64(rootHash), ...extensions].join('\n') + '\n';
  const problem = noteTextProblem(text);
  return problem === undefined ? ok(text) : refuse(`the checkpoint cannot be a signed note: ${problem}`);
}

/** Parses checkpoint note text (already verified; see verifyCheckpoint). */
export function parseCheckpoint(text: string): Result<ParsedCheckpoint> {
  if (!text.endsWith('\n')) return refuse('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined) {
    return refuse(`a checkpoint has at least 3 lines (origin, tree size, root hash); this one has ${lines.length}`);
  }
  if (origin.length === 0) return refuse('the checkpoint origin (line 1) is empty');
  if (!DECIMAL.test(size)) {
    const why = /^0[0-9]+$/.test(size) ? 'has a leading zero' : 'is not a decimal number';
    return refuse(`the checkpoint tree size (line 2) ${JSON.stringify(size)} ${why}`);
  }
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) return refuse(`the checkpoint tree size ${size} is larger than ${Number.MAX_SAFE_INTEGER}, the largest Steward represents exactly`);
  const rootHash = decodeBase64(root);
  if (!rootHash.ok) return refuse(`the checkpoint root hash (line 3) is not canonical base64: ${rootHash.error.message}`);
  if (rootHash.value.length !== SHA256_SIZE) return refuse(`the checkpoint root hash (line 3) is ${rootHash.value.length} bytes; a SHA-256 hash is ${SHA256_SIZE}`);
  const empty = extensions.findIndex((line) => line.length === 0);
  if (empty >= 0) return refuse(`checkpoint line ${empty + 4} is empty; extension lines must not be`);
  return ok({ origin, treeSize, rootHash: rootHash.value, extensions });
}

/** Formats and signs `checkpoint` as a note. The signer's key name must be the origin. */
export async function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): Promise<Result<string>> {
  if (checkpoint.origin !== signer.name) {
    return refuse(`the checkpoint origin ${JSON.stringify(checkpoint.origin)} differs from the signer's key name ${JSON.stringify(signer.name)}; a log signs under its own origin`);
  }
  const text = formatCheckpoint(checkpoint);
  if (!text.ok) return text;
  return signNote(text.value, signer);
}

/**
 * Verifies a signed checkpoint with nothing but the log's public key (its
 * verifier key string, or one imported once with importNoteVerifier): the
 * signature first — an unverified text is not interpreted — then the
 * checkpoint format, then the origin.
 */
export async function verifyCheckpoint(
  note: string | Uint8Array,
  verifier: string | NoteVerifier,
  options: VerifyCheckpointOptions = {},
): Promise<Result<VerifiedCheckpoint>> {
  const verified = await verifyNote(note, verifier);
  if (!verified.ok) return verified;
  const checkpoint = parseCheckpoint(verified.value.text);
  if (!checkpoint.ok) return checkpoint;
  const expectedOrigin = options.origin ?? verified.value.keyName;
  if (checkpoint.value.origin !== expectedOrigin) {
    return refuse(`the checkpoint is for origin ${JSON.stringify(checkpoint.value.origin)}, not the expected ${JSON.stringify(expectedOrigin)}`);
  }
  return ok({ ...checkpoint.value, keyName: verified.value.keyName, keyId: verified.value.keyId });
}

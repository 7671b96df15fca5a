/**
 * The audit ledger's public API: RFC 8785 canonical JSON, RFC 9162 Merkle
 * hashing, the append-only tree, its proofs and their verifiers, and the
 * audit-event leaf rule. The server, the desktop and the bundle verifier all
 * import from here, so they cannot disagree on what is hashed.
 */
export { MAX_DEPTH, canonicalBytes, canonicalize, withCanonicalBytes, type JsonPrimitive, type JsonValue as CanonicalJsonValue } from './canonical-json.ts';
export { HASH_SIZE, LEAF_PREFIX, NODE_PREFIX, emptyRoot, leafHash, leafHashUtf8, nodeHash } from './merkle-hash.ts';
export { MerkleFrontier, type SubtreeListener } from './merkle-frontier.ts';
export { CACHED_FROM_LEVEL, MerkleTree } from './merkle-tree.ts';
export { verifyConsistency, verifyInclusion } from './merkle-verify.ts';
export { consistencyProofLength, inclusionProofLength } from './merkle-math.ts';
export {
  LEDGER_EXCLUDED_FIELDS,
  LEDGER_PAYLOAD_FIELDS,
  eventCanonicalJson,
  eventLeafHash,
  eventLeafHashInto,
  eventsRoot,
  ledgerPayloadOf,
  type LedgerPayload,
  type LedgerPayloadField,
} from './audit-leaf.ts';
export {
  NOTE_SIGNATURE_TYPE_ED25519,
  createNoteSigner,
  formatNoteKeyId,
  formatVerifierKey,
  importNoteVerifier,
  noteKeyId,
  noteKeyNameProblem,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  type NoteVerifierKey,
} from './signed-note-key.ts';
export {
  MAX_NOTE_SIGNATURES,
  noteTextProblem,
  parseNote,
  signNote,
  verifyNote,
  type NoteSignature,
  type ParsedNote,
  type VerifiedNote,
} from './signed-note.ts';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type ParsedCheckpoint,
  type VerifiedCheckpoint,
  type VerifyCheckpointOptions,
} from './checkpoint.ts';

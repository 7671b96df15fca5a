/**
 * The audit ledger's public API: RFC 8785 canonical JSON, RFC 9162 Merkle
 * hashing, the append-only tree, its proofs and their verifiers, and the
 * audit-event leaf rule. The server, the desktop and the bundle verifier all
 * import from here, so they cannot disagree on what is hashed.
 */
export { MAX_DEPTH, canonicalBytes, canonicalize, type JsonPrimitive, type JsonValue } from './canonical-json.ts';

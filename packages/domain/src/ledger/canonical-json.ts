/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence an audit
 * event is hashed and signed as.
 *
 * - Object members sorted by their names' UTF-16 code units; no whitespace.
 * - Strings escaped exactly as ECMAScript JSON.stringify does (RFC 8785 §3.2.2.2).
 * - Numbers in ECMAScript Number-to-String form (§3.2.2.3); -0 becomes 0.
 *
 * Only I-JSON is accepted (RFC 7493): NaN, ±Infinity, lone surrogates (in
 * names or strings), `undefined` (in arrays or as a member value), functions,
 * symbols, bigints, non-plain objects (Date, Map, class instances…), cycles
 * and nesting deeper than MAX_DEPTH are refused with DomainError('INVALID'),
 * whose message and `details.path` say where. A member whose value is
 * `undefined` is refused rather than dropped: what was hashed must parse
 * back to exactly what was given. Only own enumerable string-keyed members
 * are read, as JSON.stringify reads them.
 *
 * The serializer (canonical-writer.ts) writes UTF-8 bytes, because bytes are
 * what gets hashed; canonicalize() decodes them for callers that want text.
 */
import { MAX_DEPTH, acquireWriter, canonicalFailure, releaseWriter, type CanonicalWriter } from './canonical-writer.ts';

export { MAX_DEPTH };

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const utf8 = new TextDecoder();

/** The RFC 8785 canonical form of `value`. Throws DomainError('INVALID') for anything that is not I-JSON. */
export function canonicalize(value: unknown): string {
  return withCanonicalBytes(value, (bytes) => utf8.decode(bytes));
}

/** UTF-8 bytes of the canonical form; a fresh array. Throws as canonicalize does. */
export function canonicalBytes(value: unknown): Uint8Array {
  return withCanonicalBytes(value, (bytes) => bytes.slice());
}

/**
 * Serializes `value` and hands its canonical bytes to `use` without copying
 * them — e.g. to hash them. The bytes are only valid inside `use`. `prefix`
 * bytes, if any, are written first (the ledger's 0x00 leaf prefix).
 */
export function withCanonicalBytes<T>(value: unknown, use: (bytes: Uint8Array) => T, prefix?: Uint8Array): T {
  return withCanonicalWriter((writer) => {
    if (prefix !== undefined) writer.writeBytes(prefix);
    writer.writeValue(value);
  }, use);
}

/**
 * Lower level, for serializers of known shapes (audit-leaf.ts): `write`
 * drives a CanonicalWriter, `use` receives the bytes. Failures become
 * DomainError('INVALID') with the path to the offending value.
 */
export function withCanonicalWriter<T>(write: (writer: CanonicalWriter) => void, use: (bytes: Uint8Array) => T): T {
  const writer = acquireWriter();
  try {
    write(writer);
    return use(writer.view());
  } catch (cause) {
    throw canonicalFailure(cause);
  } finally {
    releaseWriter(writer);
  }
}

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
 * and nesting deeper than MAX_DEPTH are refused with DomainError('INVALID').
 * A member whose value is `undefined` is refused rather than dropped: what
 * was hashed must parse back to exactly what was given.
 *
 * It runs for every appended event, so the common case takes a fast path:
 * strings are scanned once and emitted verbatim when nothing needs escaping,
 * and members already in order are not sorted.
 */
import { DomainError } from '../errors.ts';
import { encodeUtf8 } from '../crypto/encoding.ts';

/** Deeper input is refused instead of overflowing the stack. */
export const MAX_DEPTH = 256;

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The RFC 8785 canonical form of `value`. Throws DomainError('INVALID') for anything that is not I-JSON. */
export function canonicalize(value: unknown): string {
  try {
    return serializeValue(value, []);
  } catch (cause) {
    if (cause instanceof NotCanonicalizable) {
      const where = cause.path.length === 0 ? 'the value' : formatPath(cause.path);
      throw new DomainError('INVALID', `cannot canonicalize ${where}: ${cause.reason}`, { path: formatPath(cause.path) });
    }
    if (cause instanceof RangeError) {
      // A getter or a huge string can still exhaust the engine; say so rather than crash.
      throw new DomainError('INVALID', `cannot canonicalize the value: ${cause.message}`);
    }
    throw cause;
  }
}

/** UTF-8 bytes of the canonical form. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encodeUtf8(canonicalize(value));
}

/** Internal: carries the failing path up the recursion, turned into a DomainError at the top. */
class NotCanonicalizable extends Error {
  readonly reason: string;
  readonly path: (string | number)[] = [];
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

function serializeValue(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalizable(`${String(value)} is not a JSON number`);
      // Number-to-String is exactly RFC 8785's number form; '' + -0 is "0".
      return '' + value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? serializeArray(value, ancestors) : serializeObject(value, ancestors);
    case 'undefined':
      throw new NotCanonicalizable('undefined is not a JSON value (omit the member or use null)');
    case 'bigint':
      throw new NotCanonicalizable('a bigint is not a JSON number (convert it to a string or a safe integer)');
    default:
      throw new NotCanonicalizable(`a ${typeof value} is not a JSON value`);
  }
}

function serializeArray(array: readonly unknown[], ancestors: object[]): string {
  enter(array, ancestors);
  let out = '[';
  const length = array.length;
  for (let i = 0; i < length; i++) {
    if (i > 0) out += ',';
    try {
      out += serializeValue(array[i], ancestors);
    } catch (cause) {
      if (cause instanceof NotCanonicalizable) cause.path.unshift(i);
      throw cause;
    }
  }
  ancestors.pop();
  return out + ']';
}

function serializeObject(object: object, ancestors: object[]): string {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) throw new NotCanonicalizable(`${describeObject(object)} is not a plain JSON object`);
  enter(object, ancestors);
  const keys = Object.keys(object);
  // Objects built in a fixed field order are usually already sorted; checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      // The default comparator orders by UTF-16 code units, as RFC 8785 §3.2.3 requires.
      keys.sort();
      break;
    }
  }
  const record = object as Record<string, unknown>;
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    try {
      out += (i > 0 ? ',' : '') + quote(key) + ':' + serializeValue(record[key], ancestors);
    } catch (cause) {
      if (cause instanceof NotCanonicalizable) cause.path.unshift(key);
      throw cause;
    }
  }
  ancestors.pop();
  return out + '}';
}

function enter(container: object, ancestors: object[]): void {
  if (ancestors.includes(container)) throw new NotCanonicalizable('the value contains itself (a cycle)');
  if (ancestors.length >= MAX_DEPTH) throw new NotCanonicalizable(`nesting is deeper than ${MAX_DEPTH} levels`);
  ancestors.push(container);
}

/**
 * A JSON string literal. One scan decides: nothing to escape and no
 * surrogates means the text goes out verbatim; otherwise surrogate pairs are
 * checked and JSON.stringify does the escaping (which is exactly JCS's).
 */
function quote(text: string): string {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return quoteSlow(text, i);
  }
  return '"' + text + '"';
}

function quoteSlow(text: string, from: number): string {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a well-formed pair
      continue;
    }
    const hex = code.toString(16).padStart(4, '0');
    throw new NotCanonicalizable(`the string has a lone surrogate U+${hex.toUpperCase()} at index ${i} (not valid Unicode)`);
  }
  return JSON.stringify(text);
}

function describeObject(object: object): string {
  const name: unknown = (object as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a custom prototype';
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  return out;
}

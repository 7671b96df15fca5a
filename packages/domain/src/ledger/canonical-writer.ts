/**
 * The RFC 8785 serializer behind canonical-json.ts, writing UTF-8 bytes
 * straight into a growing buffer. The ledger hashes bytes, so writing bytes
 * skips two costs a string serializer pays on every event: flattening a
 * rope of small concatenations, and re-encoding the result to UTF-8. One
 * pass over each string both checks it (lone surrogates are refused) and
 * writes it.
 *
 * A writer is reused between calls (acquireWriter / releaseWriter), because
 * allocating its buffer per event costs more than serializing small events.
 * That is scratch space, not state: a call resets it, nothing written
 * outlives the call except what the caller copies or hashes before release,
 * and a re-entrant call (say, from a getter on the value) simply gets a
 * fresh writer.
 */
import { DomainError } from '../errors.ts';

/** Deeper input is refused instead of overflowing the stack. */
export const MAX_DEPTH = 256;

/** Carries the failing path up the recursion; canonical-json.ts turns it into a DomainError. */
export class NotCanonicalizable extends Error {
  readonly reason: string;
  readonly path: (string | number)[] = [];
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX_DIGITS = '0123456789abcdef';
/** JSON's two-character escapes; every other control character is \u00xx. */
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72, 0x22: 0x22, 0x5c: 0x5c };
/** Objects with more members than this are sorted by Array#sort rather than insertion. */
const INSERTION_SORT_LIMIT = 16;
/** A writer whose buffer grew past this is not kept for reuse. */
const REUSE_LIMIT = 1 << 20;

export class CanonicalWriter {
  #bytes = new Uint8Array(1024);
  #length = 0;
  readonly #ancestors: object[] = [];

  get capacity(): number {
    return this.#bytes.length;
  }

  reset(): void {
    this.#length = 0;
    this.#ancestors.length = 0;
  }

  /** What was written; a view into the buffer, valid until the next write or reset. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  writeByte(byte: number): void {
    this.#reserve(1);
    this.#bytes[this.#length++] = byte;
  }

  writeBytes(bytes: Uint8Array): void {
    const count = bytes.length;
    this.#reserve(count);
    const target = this.#bytes;
    let at = this.#length;
    // Mostly a few bytes of punctuation and a member name, where a loop beats TypedArray#set.
    for (let i = 0; i < count; i++) target[at++] = bytes[i] as number;
    this.#length = at;
  }

  /** Writes the canonical form of `value`, or throws NotCanonicalizable. */
  writeValue(value: unknown): void {
    switch (typeof value) {
      case 'string':
        this.#writeString(value);
        return;
      case 'number':
        if (!Number.isFinite(value)) throw new NotCanonicalizable(`${String(value)} is not a JSON number`);
        // Number-to-String is exactly RFC 8785's number form (§3.2.2.3); '' + -0 is "0".
        this.#writeAscii('' + value);
        return;
      case 'boolean':
        this.#writeAscii(value ? 'true' : 'false');
        return;
      case 'object':
        if (value === null) this.#writeAscii('null');
        else if (Array.isArray(value)) this.#writeArray(value);
        else this.#writeObject(value);
        return;
      case 'undefined':
        throw new NotCanonicalizable('undefined is not a JSON value (omit the member or use null)');
      case 'bigint':
        throw new NotCanonicalizable('a bigint is not a JSON number (convert it to a string or a safe integer)');
      default:
        throw new NotCanonicalizable(`a ${typeof value} is not a JSON value`);
    }
  }

  #writeArray(array: readonly unknown[]): void {
    this.#enter(array);
    this.writeByte(0x5b);
    const length = array.length;
    for (let i = 0; i < length; i++) {
      if (i > 0) this.writeByte(0x2c);
      try {
        this.writeValue(array[i]);
      } catch (cause) {
        if (cause instanceof NotCanonicalizable) cause.path.unshift(i);
        throw cause;
      }
    }
    this.writeByte(0x5d);
    this.#ancestors.pop();
  }

  #writeObject(object: object): void {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) throw new NotCanonicalizable(`${describeObject(object)} is not a plain JSON object`);
    this.#enter(object);
    const keys = sortedKeys(object);
    const record = object as Record<string, unknown>;
    this.writeByte(0x7b);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (i > 0) this.writeByte(0x2c);
      try {
        this.#writeString(key);
        this.writeByte(0x3a);
        this.writeValue(record[key]);
      } catch (cause) {
        if (cause instanceof NotCanonicalizable) cause.path.unshift(key);
        throw cause;
      }
    }
    this.writeByte(0x7d);
    this.#ancestors.pop();
  }

  #enter(container: object): void {
    if (this.#ancestors.includes(container)) throw new NotCanonicalizable('the value contains itself (a cycle)');
    if (this.#ancestors.length >= MAX_DEPTH) throw new NotCanonicalizable(`nesting is deeper than ${MAX_DEPTH} levels`);
    this.#ancestors.push(container);
  }

  /** A JSON string literal in UTF-8, escaped as RFC 8785 §3.2.2.2 (= ECMAScript JSON.stringify) requires. */
  #writeString(text: string): void {
    const length = text.length;
    this.#reserve(6 * length + 2); // the worst case: every code unit a \u00xx escape
    const bytes = this.#bytes;
    let at = this.#length;
    bytes[at++] = QUOTE;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        if (code >= 0x20 && code !== QUOTE && code !== BACKSLASH) {
          bytes[at++] = code;
          continue;
        }
        bytes[at++] = BACKSLASH;
        const short = SHORT_ESCAPES[code];
        if (short !== undefined) {
          bytes[at++] = short;
        } else {
          bytes[at++] = 0x75; // u
          bytes[at++] = 0x30;
          bytes[at++] = 0x30;
          bytes[at++] = HEX_DIGITS.charCodeAt(code >> 4);
          bytes[at++] = HEX_DIGITS.charCodeAt(code & 15);
        }
      } else if (code < 0x800) {
        bytes[at++] = 0xc0 | (code >> 6);
        bytes[at++] = 0x80 | (code & 63);
      } else if (code < 0xd800 || code > 0xdfff) {
        bytes[at++] = 0xe0 | (code >> 12);
        bytes[at++] = 0x80 | ((code >> 6) & 63);
        bytes[at++] = 0x80 | (code & 63);
      } else {
        const next = text.charCodeAt(i + 1);
        if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
          this.#length = at; // keep the writer consistent; the caller discards it anyway
          throw new NotCanonicalizable(`the string has a lone surrogate U+${code.toString(16).toUpperCase()} at index ${i} (not valid Unicode)`);
        }
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        bytes[at++] = 0xf0 | (point >> 18);
        bytes[at++] = 0x80 | ((point >> 12) & 63);
        bytes[at++] = 0x80 | ((point >> 6) & 63);
        bytes[at++] = 0x80 | (point & 63);
        i++;
      }
    }
    bytes[at++] = QUOTE;
    this.#length = at;
  }

  /** Text known to be ASCII (numbers, literals). */
  #writeAscii(text: string): void {
    this.#reserve(text.length);
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.#length = at;
  }

  #reserve(extra: number): void {
    const needed = this.#length + extra;
    if (needed <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }
}

/**
 * The member names in RFC 8785 §3.2.3 order (UTF-16 code units, which is
 * what `<` on strings compares). Objects built in a fixed field order are
 * usually sorted already, and small ones sort fastest by insertion.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  const count = keys.length;
  let i = 1;
  while (i < count && (keys[i - 1] as string) < (keys[i] as string)) i++;
  if (i >= count) return keys;
  if (count > INSERTION_SORT_LIMIT) return keys.sort();
  for (; i < count; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function describeObject(object: object): string {
  const name: unknown = (object as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a custom prototype';
}

let idle: CanonicalWriter | undefined = new CanonicalWriter();

/** A reset writer: the shared one if it is free, else a fresh one. Pair with releaseWriter in a finally. */
export function acquireWriter(): CanonicalWriter {
  const writer = idle ?? new CanonicalWriter();
  idle = undefined;
  writer.reset();
  return writer;
}

export function releaseWriter(writer: CanonicalWriter): void {
  if (writer.capacity <= REUSE_LIMIT) idle = writer;
}

/** What a failed serialization throws to callers: DomainError('INVALID') with the path, or the cause itself. */
export function canonicalFailure(cause: unknown): unknown {
  if (cause instanceof NotCanonicalizable) {
    const path = formatPath(cause.path);
    const where = cause.path.length === 0 ? 'the value' : path;
    return new DomainError('INVALID', `cannot canonicalize ${where}: ${cause.reason}`, { path });
  }
  if (cause instanceof RangeError) {
    // A getter or a huge string can still exhaust the engine; say so rather than crash.
    return new DomainError('INVALID', `cannot canonicalize the value: ${cause.message}`);
  }
  return cause;
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
  return out;
}

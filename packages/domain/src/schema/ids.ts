/**
 * UUIDv7 (RFC 9562 §5.7), made offline from a clock reading and random bytes
 * that the caller passes in — the domain owns no clock and no randomness.
 *
 * Layout (big-endian, 128 bits):
 *   unix_ts_ms (48) | ver = 0b0111 (4) | rand_a (12) | var = 0b10 (2) | rand_b (62)
 *
 * With a {@link UuidV7State}, ids made through that state are strictly
 * increasing even within one millisecond or when the clock steps back:
 * RFC 9562 §6.2 method 1, a 42-bit counter in rand_a and the top 30 bits of
 * rand_b, seeded at random (top bit clear) on every new millisecond and
 * incremented otherwise; on overflow the timestamp moves one ms ahead.
 */

/** Random bytes one id consumes. */
export const UUID_V7_RANDOM_BYTES = 10;

const MAX_TIMESTAMP_MS = 2 ** 48 - 1;
const COUNTER_BITS = 42;
const COUNTER_MAX = 2 ** COUNTER_BITS - 1;
const LOW_30 = 2 ** 30;

const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The caller's monotonic state (one per generator). `uuidv7` updates it in
 * place; start with {@link newUuidV7State}.
 */
export interface UuidV7State {
  lastMs: number;
  counter: number;
}

export function newUuidV7State(): UuidV7State {
  return { lastMs: -1, counter: 0 };
}

/**
 * A UUIDv7 in lowercase canonical form.
 * @param nowMs Unix time in milliseconds (integer, 0 … 2^48−1).
 * @param random at least {@link UUID_V7_RANDOM_BYTES} random bytes.
 * @param state optional monotonic state, updated in place.
 * @throws RangeError on a bad clock reading or too few random bytes (a programming error).
 */
export function uuidv7(nowMs: number, random: Uint8Array, state?: UuidV7State): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_TIMESTAMP_MS) {
    throw new RangeError(`uuidv7: the timestamp must be an integer between 0 and 2^48−1 ms, got ${nowMs}`);
  }
  if (random.length < UUID_V7_RANDOM_BYTES) {
    throw new RangeError(`uuidv7: needs ${UUID_V7_RANDOM_BYTES} random bytes, got ${random.length}`);
  }
  const r = (i: number): number => random[i] ?? 0;
  const bytes = new Uint8Array(16);

  if (state === undefined) {
    writeTimestamp(bytes, nowMs);
    bytes[6] = 0x70 | (r(0) & 0x0f);
    bytes[7] = r(1);
    bytes[8] = 0x80 | (r(2) & 0x3f);
    for (let i = 9; i < 16; i += 1) bytes[i] = r(i - 6);
    return format(bytes);
  }

  let ms = nowMs;
  let counter: number;
  if (nowMs > state.lastMs) {
    counter = seedCounter(random);
  } else {
    // Same millisecond, or the clock stepped back: keep the last timestamp and count on.
    ms = state.lastMs;
    counter = state.counter + 1;
    if (counter > COUNTER_MAX) {
      ms = state.lastMs + 1;
      counter = seedCounter(random);
      if (ms > MAX_TIMESTAMP_MS) throw new RangeError('uuidv7: timestamp overflow');
    }
  }
  state.lastMs = ms;
  state.counter = counter;

  const high12 = Math.floor(counter / LOW_30); // rand_a
  const low30 = counter % LOW_30; // top 30 bits of rand_b
  writeTimestamp(bytes, ms);
  bytes[6] = 0x70 | (high12 >>> 8);
  bytes[7] = high12 & 0xff;
  bytes[8] = 0x80 | (low30 >>> 24);
  bytes[9] = (low30 >>> 16) & 0xff;
  bytes[10] = (low30 >>> 8) & 0xff;
  bytes[11] = low30 & 0xff;
  for (let i = 12; i < 16; i += 1) bytes[i] = r(i - 6);
  return format(bytes);
}

/**
 * A generator bound to a clock and a random source, e.g. at the app edge:
 * `uuidv7Generator(() => Date.now(), (b) => crypto.getRandomValues(b))`.
 */
export function uuidv7Generator(now: () => number, fillRandom: (bytes: Uint8Array) => Uint8Array): () => string {
  const state = newUuidV7State();
  return () => uuidv7(now(), fillRandom(new Uint8Array(UUID_V7_RANDOM_BYTES)), state);
}

/** True for any UUIDv7 (version 7, RFC variant), in either letter case. */
export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7_PATTERN.test(value);
}

/** The Unix-ms timestamp a UUIDv7 carries, or null when it is not one. */
export function timestampOfUuidV7(value: string): number | null {
  if (!isUuidV7(value)) return null;
  return Number.parseInt(value.slice(0, 8) + value.slice(9, 13), 16);
}

function seedCounter(random: Uint8Array): number {
  // 41 random bits (top counter bit clear) leave room to count within a millisecond.
  let value = (random[0] ?? 0) & 0x01;
  for (let i = 1; i < 6; i += 1) value = value * 256 + (random[i] ?? 0);
  return value;
}

function writeTimestamp(bytes: Uint8Array, ms: number): void {
  let rest = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

function format(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

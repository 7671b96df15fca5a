/**
 * The demo seed's only source of chance: a seeded PRNG (sfc32, seeded through
 * splitmix32), so the same seed and the same `now` give the same demo, byte
 * for byte, on every machine. Math.random would make a failing demo
 * impossible to reproduce, and crypto randomness is not needed: nothing here
 * is a secret.
 */
import { uuidv7, UUID_V7_RANDOM_BYTES } from '@steward/domain';

export interface DemoRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of `entries`, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Fills `bytes` and returns it (the shape uuidv7 wants). */
  fill(bytes: Uint8Array): Uint8Array;
}

export function seededRandom(seed: number): DemoRandom {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = (): number => next32() / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new RangeError('pick: no items to pick from');
    return item;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick,
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries.at(-1);
      if (last === undefined) throw new RangeError('weighted: no entries to pick from');
      return last[0];
    },
    fill: (bytes) => {
      for (let i = 0; i < bytes.length; i += 1) bytes[i] = next32() & 0xff;
      return bytes;
    },
  };
}

/**
 * UUIDv7 ids whose timestamp is the moment the record came to be (a user's
 * join date, an event's time), with the seeded PRNG as randomness. No
 * monotonic state: records are made out of time order, and each id must
 * carry its own record's time; 74 random bits keep them unique.
 */
export function demoIds(random: DemoRandom): (atMs: number) => string {
  return (atMs) => uuidv7(Math.floor(atMs), random.fill(new Uint8Array(UUID_V7_RANDOM_BYTES)));
}

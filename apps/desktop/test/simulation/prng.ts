/**
 * The simulation's only source of chance: a seeded PRNG (sfc32, seeded
 * through splitmix32), so a seed replays the same operations in the same
 * order, and seeded UUIDv7 ids, so the documents a seed creates are the
 * same on every replay.
 */
import { uuidv7Generator } from '@steward/domain';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next32();
  const random: Random = {
    next: () => next32() / 2 ** 32,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[random.int(0, items.length - 1)] as (typeof items)[number];
    },
    chance: (p) => random.next() < p,
  };
  return random;
}

/** UUIDv7 ids from the seed alone: a fixed clock that ticks per id, random bits from `random`. */
export function seededIds(seed: number, random: Random): () => string {
  let tick = 0;
  const base = Date.UTC(2026, 0, 1) + (seed % 1_000_000_000) * 1_000;
  return uuidv7Generator(
    () => base + tick++,
    (bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
      return bytes;
    },
  );
}

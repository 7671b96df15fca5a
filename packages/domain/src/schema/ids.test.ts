import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuidV7, newUuidV7State, timestampOfUuidV7, uuidv7, uuidv7Generator } from './ids.ts';

/** rand_a = 0xCC3, rand_b = 0x18C4DC0C0C07398F, placed the way uuidv7() reads them. */
const RFC_RANDOM = Uint8Array.from([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);

describe('uuidv7', () => {
  it('lays out bits as RFC 9562 Appendix A.6', () => {
    const id = uuidv7(0x017f22e279b0, RFC_RANDOM);
    expect(id).toBe('017F22E2-79B0-7CC3-98C4-DC0C0C07398F'.toLowerCase());
    expect(timestampOfUuidV7(id)).toBe(0x017f22e279b0);
    expect(isUuidV7('017F22E2-79B0-7CC3-98C4-DC0C0C07398F')).toBe(true);
  });

  it('always sets version 7 and the RFC variant, and keeps the timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (ms, random) => {
        const id = uuidv7(ms, random);
        expect(isUuidV7(id)).toBe(true);
        expect(id[14]).toBe('7');
        expect('89ab').toContain(id[19]);
        expect(timestampOfUuidV7(id)).toBe(ms);
      }),
    );
  });

  it('is strictly increasing through one state, within a millisecond and when the clock steps back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_005 }), fc.uint8Array({ minLength: 10, maxLength: 10 })), {
          minLength: 2,
          maxLength: 50,
        }),
        (calls) => {
          const state = newUuidV7State();
          const ids = calls.map(([ms, random]) => uuidv7(ms, random, state));
          for (let i = 1; i < ids.length; i += 1) expect((ids[i] ?? '') > (ids[i - 1] ?? '')).toBe(true);
          ids.forEach((id) => expect(isUuidV7(id)).toBe(true));
        },
      ),
    );
  });

  it('moves to the next millisecond when the counter overflows', () => {
    const state = { lastMs: 1000, counter: 2 ** 42 - 1 };
    const id = uuidv7(1000, new Uint8Array(10), state);
    expect(timestampOfUuidV7(id)).toBe(1001);
    expect(state.lastMs).toBe(1001);
  });

  it('binds a clock and a random source', () => {
    let now = 5;
    const next = uuidv7Generator(
      () => now,
      (bytes) => bytes.fill(0xab),
    );
    const a = next();
    const b = next();
    now = 4; // clock steps back
    const c = next();
    expect([a, b, c]).toEqual([...[a, b, c]].sort());
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('refuses bad clocks and short random input', () => {
    expect(() => uuidv7(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidv7(1.5, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidv7(0, new Uint8Array(9))).toThrow(/10 random bytes/);
  });

  it('recognises only version-7 UUIDs', () => {
    expect(isUuidV7('550e8400-e29b-41d4-a716-446655440000')).toBe(false);
    expect(isUuidV7('017f22e2-79b0-7cc3-c8c4-dc0c0c07398f')).toBe(false); // wrong variant
    expect(isUuidV7(42)).toBe(false);
    expect(timestampOfUuidV7('not-a-uuid')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { newUuidV7 } from './ids.ts';

describe('newUuidV7', () => {
  it('makes a version-7, RFC-variant UUID carrying the timestamp', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const id = newUuidV7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
    expect(newUuidV7(now)).not.toBe(id);
  });

  it('sorts ids of different milliseconds by time', () => {
    const ids = [3, 1, 2].map((ms) => newUuidV7(1_700_000_000_000 + ms));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });
});

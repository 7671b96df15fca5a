import { isUuidV7, timestampOfUuidV7 } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { newServerId } from './ids.ts';

describe('newServerId', () => {
  it('makes a UUIDv7 carrying the timestamp, different every time', () => {
    const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    const id = newServerId(now);
    expect(isUuidV7(id)).toBe(true);
    expect(timestampOfUuidV7(id)).toBe(now.getTime());
    expect(newServerId(now)).not.toBe(id);
  });
});

import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('allows a burst of the per-minute rate, then refuses with the time until the next token', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 60; i += 1) expect(limiter.take('k1', 60, 1000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(limiter.take('k1', 60, 1000)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(limiter.take('k1', 60, 1500)).toEqual({ allowed: false, retryAfterMs: 500 });
    expect(limiter.take('k1', 60, 2000)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(limiter.take('k1', 60, 2000).allowed).toBe(false);
  });

  it('keeps each key in its own bucket', () => {
    const limiter = createRateLimiter();
    expect(limiter.take('k1', 1, 0).allowed).toBe(true);
    expect(limiter.take('k1', 1, 0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.take('k2', 1, 0).allowed).toBe(true);
  });

  it('refills to the rate at most, and follows a changed rate', () => {
    const limiter = createRateLimiter();
    expect(limiter.take('k1', 2, 0).allowed).toBe(true);
    const afterAnHour = Array.from({ length: 3 }, () => limiter.take('k1', 2, 3_600_000).allowed);
    expect(afterAnHour).toEqual([true, true, false]);
    expect(limiter.take('k1', 120, 3_600_500).allowed).toBe(true); // 0.5 s at 2/s
  });

  it('does not hand out tokens when the clock steps back', () => {
    const limiter = createRateLimiter();
    expect(limiter.take('k1', 1, 120_000).allowed).toBe(true);
    expect(limiter.take('k1', 1, 0).allowed).toBe(false);
    expect(limiter.take('k1', 1, 179_999).allowed).toBe(false);
    expect(limiter.take('k1', 1, 180_000).allowed).toBe(true);
  });

  it('refuses everything for a non-positive rate', () => {
    expect(createRateLimiter().take('k1', 0, 0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
  });

  it('forgets idle keys once it holds too many, without changing any decision', () => {
    const limiter = createRateLimiter({ maxBuckets: 3 });
    for (const key of ['a', 'b', 'c']) limiter.take(key, 1, 0);
    expect(limiter.size()).toBe(3);
    limiter.take('d', 1, 60_000); // a, b, c are full again by now
    expect(limiter.size()).toBe(1);
    expect(limiter.take('a', 1, 60_000).allowed).toBe(true);
    expect(limiter.take('d', 1, 60_000).allowed).toBe(false);
  });
});

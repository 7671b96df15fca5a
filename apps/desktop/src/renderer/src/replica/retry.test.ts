import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay, createWaker, sleepUnlessAborted, withRetry } from './retry.ts';

describe('backoffDelay', () => {
  it('doubles from one second up to the cap, with bounded jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(20, () => 0.5)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(1, () => 0)).toBe(800);
    expect(backoffDelay(1, () => 0.999)).toBeLessThanOrEqual(1_200);
  });
});

describe('withRetry', () => {
  const noSleep = (): Promise<void> => Promise.resolve();

  it('retries retryable failures with growing delays until the call succeeds', async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await withRetry(
      () => (++calls < 4 ? Promise.reject(new Error('offline')) : Promise.resolve('pulled')),
      { signal: new AbortController().signal, shouldRetry: () => true, onRetry: (_e, _n, delay) => waits.push(delay), delayFor: (n) => n * 10, sleep: noSleep },
    );
    expect(result).toBe('pulled');
    expect(waits).toEqual([10, 20, 30]);
  });

  it('throws at once what no retry can fix', async () => {
    let calls = 0;
    const refused = new Error('UNAUTHORIZED');
    await expect(withRetry(() => (calls++, Promise.reject(refused)), { signal: new AbortController().signal, shouldRetry: () => false, sleep: noSleep })).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the replication is stopped', async () => {
    const controller = new AbortController();
    const pending = withRetry(() => Promise.reject(new Error('offline')), { signal: controller.signal, shouldRetry: () => true, delayFor: () => 60_000 });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sleepUnlessAborted refuses to start when already stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleepUnlessAborted(5, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createWaker', () => {
  it('ends every wait in progress when woken, so retries run now instead of at the end of their backoff', async () => {
    const waker = createWaker();
    const signal = new AbortController().signal;
    let calls = 0;
    const pending = withRetry(() => (++calls < 3 ? Promise.reject(new Error('offline')) : Promise.resolve('pushed')), {
      signal,
      shouldRetry: () => true,
      delayFor: () => 60_000,
      sleep: waker.sleep,
      onRetry: () => queueMicrotask(() => waker.wake()),
    });
    await expect(pending).resolves.toBe('pushed');
    expect(calls).toBe(3);
  });

  it('wakes only the waits in progress; a later wait runs its full time', async () => {
    const waker = createWaker();
    const signal = new AbortController().signal;
    waker.wake();
    let ended = false;
    const later = waker.sleep(30, signal).then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ended).toBe(false);
    await later;
    expect(ended).toBe(true);
  });

  it('still stops at once when the replication is stopped', async () => {
    const waker = createWaker();
    const controller = new AbortController();
    const waiting = waker.sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    waker.wake(); // nothing left to wake, nothing thrown
  });
});

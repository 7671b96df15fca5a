/**
 * Retrying a call to the server with exponential backoff and jitter: a
 * replica that lost the network keeps trying, gently, until it is back or
 * the session ends — and ten collections do not retry in lock-step.
 */

export interface RetryOptions {
  readonly signal: AbortSignal;
  /** False for errors no retry can fix (refused token, invalid input): they are thrown at once. */
  readonly shouldRetry: (error: unknown) => boolean;
  /** Told before each wait, so the UI can say the server is unreachable. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly delayFor?: (attempt: number) => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** 1 s, 2 s, 4 s … capped at 30 s, each scaled by a random factor in [0.8, 1.2). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

export function abortError(): DOMException {
  return new DOMException('The replication was stopped.', 'AbortError');
}

/** Waits between retries that end early when woken: the network is back, so try now rather than at the end of the backoff. */
export interface Waker {
  /** Resolves after `ms`, or at once when woken; rejects with an AbortError when `signal` is aborted. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Ends every wait in progress. */
  readonly wake: () => void;
}

export function createWaker(): Waker {
  const waiting = new Set<() => void>();
  return {
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(abortError());
          return;
        }
        const settle = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiting.delete(wakeUp);
        };
        const wakeUp = (): void => {
          settle();
          resolve();
        };
        const onAbort = (): void => {
          settle();
          reject(abortError());
        };
        const timer = setTimeout(wakeUp, ms);
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.add(wakeUp);
      }),
    wake: () => {
      for (const wakeUp of [...waiting]) wakeUp();
    },
  };
}

/** A wait nobody wakes. */
export const sleepUnlessAborted: Waker['sleep'] = createWaker().sleep;

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const delayFor = options.delayFor ?? backoffDelay;
  const sleep = options.sleep ?? sleepUnlessAborted;
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw abortError();
    try {
      return await call();
    } catch (error) {
      if (options.signal.aborted || !options.shouldRetry(error)) throw error;
      const delay = delayFor(attempt);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

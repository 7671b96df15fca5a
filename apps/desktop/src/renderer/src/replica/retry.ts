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

export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

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

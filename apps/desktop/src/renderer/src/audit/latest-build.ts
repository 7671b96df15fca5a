/**
 * One build at a time, always of the newest input: an input asked for while
 * a build runs waits for it to finish (its result is still shown), and of
 * several waiting only the newest is built. Aborting a running build for a
 * newer input instead starved the screen while syncing: the audit events
 * are re-emitted every 400 ms, and a build of 30,000 rows in slices can
 * take longer than that on a busy machine, so none finished.
 */
export interface LatestBuild<T> {
  /** Builds `input` now, or once the running build has finished (replacing any other input waiting). */
  request(input: T): void;
  /** Aborts the running build and forgets the waiting input (the screen closed); later requests start again. */
  stop(): void;
}

export function latestBuild<T, R>(build: (input: T, signal: AbortSignal) => Promise<R | null>, onBuilt: (input: T, result: R) => void, onError: (error: unknown) => void): LatestBuild<T> {
  let running: AbortController | null = null;
  let waiting: { readonly input: T } | null = null;

  const run = async (input: T): Promise<void> => {
    const controller = new AbortController();
    running = controller;
    try {
      const result = await build(input, controller.signal);
      if (result !== null && !controller.signal.aborted) onBuilt(input, result);
    } catch (error) {
      if (!controller.signal.aborted) onError(error);
    }
    if (running !== controller) return; // stopped meanwhile
    running = null;
    const next = waiting;
    waiting = null;
    if (next !== null) void run(next.input);
  };

  return {
    request: (input) => {
      if (running === null) void run(input);
      else waiting = { input };
    },
    stop: () => {
      running?.abort();
      running = null;
      waiting = null;
    },
  };
}

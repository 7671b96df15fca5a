/**
 * Long work in short tasks: the work asks `due()` every few hundred items
 * and, once its slice has used its time, waits for `next()` (a new task), so
 * the browser can answer input in between — and, at least every
 * `frameEveryMs`, draw a frame. No task then blocks the main thread for
 * long, and no animation frame waits long for its turn (long animation
 * frames are > 50 ms).
 */
export interface Slicer {
  /** Whether the current slice has used its time (cheap: ask it every few hundred items). */
  due(): boolean;
  /** Resolves in a new task, which starts a new slice. */
  next(): Promise<void>;
}

/** Work done at once, in the current task (small inputs, tests). */
export const AT_ONCE: Slicer = { due: () => false, next: () => Promise.resolve() };

interface SchedulerWithYield {
  readonly yield: () => Promise<void>;
}

/**
 * A new task: Chromium's `scheduler.yield()` where there is one (its
 * continuation goes before other queued tasks), else a timeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long a hidden window (which draws no frames) is waited for, instead of a frame. */
const NO_FRAME_MS = 100;

/**
 * Resolves in the task after the next frame is drawn (or after 100 ms where
 * none is, e.g. a hidden window); a new task where there are no frames.
 */
export function afterNextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return yieldToMain();
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, NO_FRAME_MS);
  });
}

export interface SlicerOptions {
  readonly now?: () => number;
  readonly nextTask?: () => Promise<void>;
  readonly nextFrame?: () => Promise<void>;
  /**
   * A frame is let through at least this often. Yielded continuations go
   * before rendering: Chromium draws a waiting frame only once it has waited
   * about 100 ms, which made 100 ms animation frames of short tasks.
   */
  readonly frameEveryMs?: number;
}

/** Slices of `budgetMs` of work each, with a frame drawn at least every `frameEveryMs` (default 16). */
export function timeSlicer(budgetMs: number, options: SlicerOptions = {}): Slicer {
  const { now = () => performance.now(), nextTask = yieldToMain, nextFrame = afterNextFrame, frameEveryMs = 16 } = options;
  let sliceStart = now();
  let lastFrame = sliceStart;
  // Frames drawn between slices are noticed, so a wait is needed only when none came.
  let frame: Promise<void> | null = null;
  const watchFrame = (): Promise<void> =>
    (frame ??= nextFrame().then(() => {
      lastFrame = now();
      frame = null;
    }));
  return {
    due: () => now() - sliceStart >= budgetMs,
    next: async () => {
      const drawn = watchFrame();
      if (now() - lastFrame >= frameEveryMs) await drawn;
      else await nextTask();
      sliceStart = now();
    },
  };
}

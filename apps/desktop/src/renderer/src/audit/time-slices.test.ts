import { describe, expect, it } from 'vitest';
import { AT_ONCE, timeSlicer } from './time-slices.ts';

/** A clock, tasks and frames the test moves by hand: a frame is drawn when the test says so. */
function fakeMainThread() {
  const state = { clock: 100, tasks: 0, drawFrame: (): void => undefined };
  const nextTask = (): Promise<void> => {
    state.tasks += 1;
    state.clock += 1; // time spent by others in between does not count against the new slice
    return Promise.resolve();
  };
  const nextFrame = (): Promise<void> => {
    return new Promise((resolve) => {
      state.drawFrame = () => {
        state.clock += 2;
        resolve();
      };
    });
  };
  return { state, options: { now: () => state.clock, nextTask, nextFrame, frameEveryMs: 32 } };
}

describe('timeSlicer', () => {
  it('is due once its budget is used, and starts a new slice after the next task', async () => {
    const { state, options } = fakeMainThread();
    const slicer = timeSlicer(8, options);
    state.clock += 7;
    expect(slicer.due()).toBe(false);
    state.clock += 1;
    expect(slicer.due()).toBe(true);
    await slicer.next();
    expect(state.tasks).toBe(1);
    expect(slicer.due()).toBe(false);
    state.clock += 8;
    expect(slicer.due()).toBe(true);
  });

  it('waits for a frame when none was drawn for frameEveryMs, and not when one was', async () => {
    const { state, options } = fakeMainThread();
    const slicer = timeSlicer(8, options);
    for (let i = 0; i < 3; i++) {
      state.clock += 8;
      await slicer.next(); // 8, 17 and 26 ms after the start: a task each
    }
    expect(state.tasks).toBe(3);
    state.clock += 8; // 35 ms: a frame is overdue, and the slicer waits for it
    let resumed = false;
    const waiting = slicer.next().then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    expect(state.tasks).toBe(3);
    state.drawFrame();
    await waiting;
    expect(state.tasks).toBe(3);
    // A frame drawn between slices (the browser found its turn) restarts the count without a wait.
    state.clock += 8;
    await slicer.next();
    state.drawFrame();
    await Promise.resolve();
    for (let i = 0; i < 3; i++) {
      state.clock += 8;
      await slicer.next(); // 10 to 29 ms after that frame: no wait (one would never end: no frame is drawn now)
    }
    expect(state.tasks).toBe(7);
  });

  it('AT_ONCE never asks for a new task', () => {
    expect(AT_ONCE.due()).toBe(false);
  });
});

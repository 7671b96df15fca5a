import { describe, expect, it } from 'vitest';
import { latestBuild } from './latest-build.ts';

/** Builds that finish when the test says so. */
function manualBuilds() {
  const started: string[] = [];
  const finish = new Map<string, (result: string | null) => void>();
  const fail = new Map<string, (error: Error) => void>();
  const signals = new Map<string, AbortSignal>();
  const build = (input: string, signal: AbortSignal): Promise<string | null> => {
    started.push(input);
    signals.set(input, signal);
    return new Promise((resolve, reject) => {
      finish.set(input, resolve);
      fail.set(input, reject);
    });
  };
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  return { started, finish, fail, signals, build, settle };
}

describe('latestBuild', () => {
  it('lets a running build finish and then builds only the newest input asked for meanwhile', async () => {
    const b = manualBuilds();
    const built: string[] = [];
    const builder = latestBuild(b.build, (input, result) => built.push(`${input}:${result}`), () => undefined);
    builder.request('A');
    builder.request('B');
    builder.request('C');
    expect(b.started).toEqual(['A']);
    b.finish.get('A')?.('rows of A');
    await b.settle();
    expect(built).toEqual(['A:rows of A']);
    expect(b.started).toEqual(['A', 'C']);
    b.finish.get('C')?.('rows of C');
    await b.settle();
    expect(built).toEqual(['A:rows of A', 'C:rows of C']);
    builder.request('D');
    expect(b.started).toEqual(['A', 'C', 'D']);
  });

  it('stop aborts the running build, shows nothing of it, forgets what waits, and later requests start again', async () => {
    const b = manualBuilds();
    const built: string[] = [];
    const builder = latestBuild(b.build, (input) => built.push(input), () => undefined);
    builder.request('A');
    builder.request('B');
    builder.stop();
    expect(b.signals.get('A')?.aborted).toBe(true);
    b.finish.get('A')?.('rows of A');
    await b.settle();
    expect(built).toEqual([]);
    expect(b.started).toEqual(['A']);
    builder.request('C');
    expect(b.started).toEqual(['A', 'C']);
  });

  it('reports a failed build and goes on to the input waiting', async () => {
    const b = manualBuilds();
    const errors: unknown[] = [];
    const builder = latestBuild(b.build, () => undefined, (error) => errors.push(error));
    builder.request('A');
    builder.request('B');
    b.fail.get('A')?.(new Error('replica closed'));
    await b.settle();
    expect(errors).toEqual([new Error('replica closed')]);
    expect(b.started).toEqual(['A', 'B']);
  });
});

import { median } from './result.ts';

export interface RateOptions {
  /** Timed runs; the median is reported. */
  readonly runs?: number;
  /** Untimed runs first, so the JIT has settled. */
  readonly warmup?: number;
}

/**
 * Runs `work` (which performs `ops` operations) several times and returns the
 * median rate in operations per second, plus every sample for the notes.
 */
export async function rate(
  ops: number,
  work: () => unknown,
  { runs = 7, warmup = 2 }: RateOptions = {},
): Promise<{ perSecond: number; samples: number[] }> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    const ms = performance.now() - start;
    samples.push((ops * 1000) / ms);
  }
  return { perSecond: median(samples), samples };
}

/** Median wall time of `work` in milliseconds over several runs. */
export async function duration(work: () => unknown, { runs = 5, warmup = 1 }: RateOptions = {}): Promise<{ ms: number; samples: number[] }> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), samples };
}

export function formatSamples(samples: readonly number[], digits = 0): string {
  return samples.map((s) => s.toFixed(digits)).join(', ');
}

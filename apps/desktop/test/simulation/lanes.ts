/**
 * Runs seeds in parallel lanes (lane-worker.ts), one per core by default: a
 * seed is one conversation at a time between the server and one device, so
 * a single lane leaves much of a multi-core machine idle. Each lane has its
 * own server and devices; a seed's run depends on its number alone, never on
 * its lane or on what else runs (see lane-worker.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SeedResult } from './simulation.ts';

export type LaneRequest = { readonly kind: 'run'; readonly seed: number } | { readonly kind: 'close' };
export type LaneResponse =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: SeedResult }
  | { readonly kind: 'closed' }
  | { readonly kind: 'error'; readonly error: string };

export interface LaneRunOptions {
  /** The seeds, in the order they are handed out. */
  readonly seeds: Iterable<number>;
  /** Lanes to run (default: SIM_LANES, else the machine's parallelism). */
  readonly lanes?: number;
  /** Asked before each seed is handed out: false stops handing out (a time budget, say). */
  readonly keepGoing?: () => boolean;
  /** Each result as it arrives (in completion order). */
  readonly onResult?: (result: SeedResult) => void;
}

export function defaultLanes(): number {
  const configured = Number(process.env['SIM_LANES'] ?? Number.NaN);
  return Number.isSafeInteger(configured) && configured >= 1 ? configured : Math.max(1, availableParallelism());
}

interface Lane {
  request(message: LaneRequest): Promise<LaneResponse>;
  terminate(): Promise<void>;
}

function startLane(index: number): Promise<Lane> {
  const worker = new Worker(new URL('./lane-worker.ts', import.meta.url));
  let waiting: { resolve: (response: LaneResponse) => void; reject: (error: Error) => void } | null = null;
  const fail = (error: Error): void => {
    const current = waiting;
    waiting = null;
    current?.reject(error);
  };
  return new Promise((resolveReady, rejectReady) => {
    let ready = false;
    worker.on('message', (response: LaneResponse) => {
      if (!ready) {
        ready = true;
        if (response.kind === 'ready') resolveReady({ request, terminate: async () => void (await worker.terminate()) });
        else rejectReady(new Error(`lane ${index} did not start: ${response.kind === 'error' ? response.error : response.kind}`));
        return;
      }
      const current = waiting;
      waiting = null;
      current?.resolve(response);
    });
    worker.on('error', (error: Error) => {
      if (!ready) rejectReady(new Error(`lane ${index} did not start: ${error.stack ?? error.message}`));
      fail(new Error(`lane ${index} failed: ${error.stack ?? error.message}`));
    });
    worker.on('exit', (code) => fail(new Error(`lane ${index} exited (${code})`)));
  });

  function request(message: LaneRequest): Promise<LaneResponse> {
    if (waiting !== null) return Promise.reject(new Error(`lane ${index} is busy`));
    return new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(message);
    });
  }
}

/** Runs the seeds over the lanes; the results come back sorted by seed. */
export async function runSeedsInLanes(options: LaneRunOptions): Promise<SeedResult[]> {
  const count = options.lanes ?? defaultLanes();
  const lanes = await Promise.all(Array.from({ length: count }, (_, i) => startLane(i)));
  const seeds = options.seeds[Symbol.iterator]();
  const results: SeedResult[] = [];
  const next = (): number | undefined => {
    if (options.keepGoing !== undefined && !options.keepGoing()) return undefined;
    const step = seeds.next();
    return step.done === true ? undefined : step.value;
  };
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (let seed = next(); seed !== undefined; seed = next()) {
          const response = await lane.request({ kind: 'run', seed });
          if (response.kind !== 'result') throw new Error(`seed ${seed}: ${response.kind === 'error' ? response.error : `unexpected ${response.kind}`}`);
          results.push(response.result);
          options.onResult?.(response.result);
        }
      }),
    );
  } finally {
    await Promise.all(lanes.map(async (lane) => lane.request({ kind: 'close' }).catch(() => null).then(() => lane.terminate())));
  }
  return results.sort((a, b) => a.seed - b.seed);
}

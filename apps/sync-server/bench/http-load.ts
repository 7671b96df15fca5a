/**
 * A worker thread that keeps `concurrency` keep-alive GET requests in flight
 * against one URL for `durationMs` (Node's fetch, undici underneath) and
 * reports how many completed. Each response body is read in full and must
 * be 200, so a refused or failing request is never counted as work.
 */
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadInput {
  readonly url: string;
  readonly token: string;
  readonly concurrency: number;
  readonly durationMs: number;
}

export interface LoadResult {
  readonly completed: number;
  readonly ms: number;
  /** The first response body, to check both routes answer alike. */
  readonly sample: string;
}

const input = workerData as LoadInput;
const port = parentPort;
if (port === null) throw new Error('http-load.ts runs as a worker thread');

const headers = { authorization: `Bearer ${input.token}` };
let completed = 0;
let sample = '';
const start = performance.now();
const deadline = start + input.durationMs;

async function lane(): Promise<void> {
  while (performance.now() < deadline) {
    const response = await fetch(input.url, { headers });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${input.url} answered ${response.status}: ${body.slice(0, 200)}`);
    if (sample === '') sample = body;
    completed++;
  }
}

await Promise.all(Array.from({ length: input.concurrency }, () => lane()));
const result: LoadResult = { completed, ms: performance.now() - start, sample };
port.postMessage(result);

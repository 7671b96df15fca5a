/**
 * Live-stream delivery latency with many subscribers on one server.
 *
 * - server.stream.p99_ms: 200 SSE subscribers (acme's compliance officer,
 *   200 sessions, each on `sync.stream` for auditReviews through tRPC's
 *   httpSubscriptionLink) on one server on SQLite. A writer pushes one new
 *   audit review every 100 ms through `sync.push`, with its send time in
 *   `note`; each subscriber records receipt − send for every review. The
 *   figure is the 99th percentile over all deliveries of a round (200 × 50),
 *   median over 3 rounds; p50 is in the notes. Every subscriber must receive
 *   every review. Goal ≤ 250 ms.
 *
 * The time is measured from before the push request is sent, so it includes
 * the push itself (HTTP, checks, commit), then the change notice, each
 * subscriber's pull from its stream cursor, SSE framing and the client's
 * parsing. The subscribers live in a worker thread (stream-subscribers.ts):
 * they share the 2 cores with the server but not its event loop.
 *
 * Run: node --expose-gc --experimental-eventsource bench/stream.bench.ts
 */
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { median, percentile, report, type BenchResult } from '@steward/bench';
import { uuidv7Generator } from '@steward/domain';
import { WORLD } from '../test/world.ts';
import { clientFor, startBenchServer, type Client } from './bench-server.ts';
import type { SubscribersInput, SubscribersResult } from './stream-subscribers.ts';

const SUBSCRIBERS = 200;
const WRITES_PER_ROUND = 50;
const INTERVAL_MS = 100;
const ROUNDS = 3;
const WARMUP_ROUNDS = 1;
const DELIVERY_TIMEOUT_MS = 30_000;

const newId = uuidv7Generator(Date.now, (bytes) => randomFillSync(bytes));

if (typeof globalThis.EventSource !== 'function') {
  throw new Error('EventSource is missing: run with node --experimental-eventsource (scripts/bench.ts passes it)');
}

/** Pushes one review every INTERVAL_MS, each stamped with its send time. */
async function writeRound(writer: Client): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < WRITES_PER_ROUND; i++) {
    const wait = start + i * INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const now = new Date().toISOString();
    const review = { id: newId(), tenantId: WORLD.acme.id, revision: 0, updatedAt: now, _deleted: false, eventId: WORLD.acme.id, reviewerId: WORLD.acme.officer, state: 'reviewed' as const, note: `sent:${performance.timeOrigin + performance.now()}`, createdAt: now };
    const result = await writer.sync.push.mutate({ collection: 'auditReviews', rows: [{ assumedMasterState: null, newDocumentState: review }] });
    if (result.rejections.length > 0 || result.conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(result.rejections)}`);
  }
}

function next<T>(worker: Worker, accept: (message: unknown) => message is T, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const onMessage = (message: unknown): void => {
      if (!accept(message)) return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve(message);
    };
    worker.on('message', onMessage);
  });
}

const isText = <T extends string>(text: T) => (message: unknown): message is T => message === text;
const isResult = (message: unknown): message is SubscribersResult => typeof message === 'object' && message !== null && 'latencies' in message;

const bench = await startBenchServer('sqlite');
const results: BenchResult[] = [];
try {
  const tokens: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) tokens.push(await bench.session(WORLD.acme.officer));
  const writer = clientFor(bench.url, await bench.session(WORLD.acme.officer));
  const workerData: SubscribersInput = { url: bench.url, tokens };
  const worker = new Worker(new URL('./stream-subscribers.ts', import.meta.url), { workerData });
  const failed = once(worker, 'error').then(([error]) => Promise.reject(error instanceof Error ? error : new Error(String(error))));
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  try {
    await race(next(worker, isText('ready'), DELIVERY_TIMEOUT_MS, 'every subscriber to connect'));
    const p99s: number[] = [];
    const p50s: number[] = [];
    let delivered = 0;
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      const complete = next(worker, isText('complete'), DELIVERY_TIMEOUT_MS + WRITES_PER_ROUND * INTERVAL_MS, `every subscriber to receive round ${round}`);
      worker.postMessage({ expect: (round + 1) * WRITES_PER_ROUND });
      await race(writeRound(writer));
      await race(complete);
      const collected = next(worker, isResult, 10_000, 'the samples');
      worker.postMessage('collect');
      const { latencies, received } = await race(collected);
      if (received.some((n) => n !== (round + 1) * WRITES_PER_ROUND)) throw new Error(`round ${round}: a subscriber holds ${Math.min(...received)} reviews`);
      if (round < WARMUP_ROUNDS) continue;
      delivered += latencies.length;
      p99s.push(percentile(latencies, 99));
      p50s.push(percentile(latencies, 50));
    }
    worker.postMessage('stop');
    results.push({
      name: 'server.stream.p99_ms',
      value: Number(median(p99s).toFixed(1)),
      unit: 'ms',
      better: 'lower',
      notes: `${SUBSCRIBERS} SSE subscribers, SQLite, one review pushed every ${INTERVAL_MS} ms, ${delivered} deliveries over ${ROUNDS} rounds (after ${WARMUP_ROUNDS} warm), all delivered; p50 ${median(p50s).toFixed(1)} ms; p99 per round ${p99s.map((v) => v.toFixed(0)).join(', ')}; push start → receipt; goal ≤ 250`,
    });
  } finally {
    await worker.terminate();
  }
} finally {
  await bench.dispose();
}
report(results);

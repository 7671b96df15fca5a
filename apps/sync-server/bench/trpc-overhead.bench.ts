/**
 * What tRPC costs on top of Fastify for a small authenticated query.
 *
 * - server.trpc_vs_fastify_ratio: requests/s of `auth.me` through tRPC
 *   (GET /trpc/auth.me: context, session lookup, authedProcedure, resolver,
 *   response envelope) divided by requests/s of a bench-only Fastify route
 *   on the same server instance that does the same work by hand — the same
 *   bearer parsing and session lookup (resolvePrincipal) and the same user
 *   read (readDocument) — and returns the same data. Both run through the
 *   same Fastify hooks (metrics) on SQLite. Goal ≥ 0.25.
 *
 * Load: a worker thread keeps 16 keep-alive requests in flight (fetch) for
 * 2 s per sample; the two routes alternate, 5 samples each after one warm
 * sample each, and the ratio is of the medians. Both rates are in the notes.
 *
 * Run: node --expose-gc bench/trpc-overhead.bench.ts
 */
import { Worker } from 'node:worker_threads';
import { formatSamples, median, report, type BenchResult } from '@steward/bench';
import { resolvePrincipal, bearerOf } from '../src/trpc/context.ts';
import { readDocument } from '../src/store/documents.ts';
import { WORLD } from '../test/world.ts';
import { startBenchServer } from './bench-server.ts';
import type { LoadInput, LoadResult } from './http-load.ts';

const CONCURRENCY = 16;
const SAMPLE_MS = 2_000;
const SAMPLES = 5;

const BARE_ROUTE = '/bench/me';

async function load(url: string, token: string): Promise<LoadResult> {
  const workerData: LoadInput = { url, token, concurrency: CONCURRENCY, durationMs: SAMPLE_MS };
  const worker = new Worker(new URL('./http-load.ts', import.meta.url), { workerData });
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', (message: LoadResult) => resolve(message));
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

const bench = await startBenchServer('sqlite', {
  beforeStart: ({ server, services }) => {
    server.get(BARE_ROUTE, async (request, reply) => {
      const principal = await resolvePrincipal(services, bearerOf(request.headers.authorization));
      if (principal === null) return reply.code(401).send({ error: 'Sign in first' });
      if (principal.kind !== 'user') return reply.code(400).send({ error: 'users only' });
      const user = await readDocument(services.db, services.dialect, 'users', principal.userId);
      return { kind: 'user', user: user?.body ?? null, deviceId: principal.deviceId };
    });
  },
});
const results: BenchResult[] = [];
try {
  const token = await bench.session(WORLD.acme.officer);
  const trpcUrl = `${bench.url}/trpc/auth.me`;
  const bareUrl = `${bench.url}${BARE_ROUTE}`;
  const trpcRates: number[] = [];
  const bareRates: number[] = [];
  const perSecond = (r: LoadResult): number => (r.completed * 1000) / r.ms;
  const warmTrpc = await load(trpcUrl, token);
  const warmBare = await load(bareUrl, token);
  const trpcData = (JSON.parse(warmTrpc.sample) as { result: { data: unknown } }).result.data;
  if (JSON.stringify(trpcData) !== warmBare.sample) throw new Error(`the routes answer differently:\n${JSON.stringify(trpcData)}\n${warmBare.sample}`);
  for (let i = 0; i < SAMPLES; i++) {
    trpcRates.push(perSecond(await load(trpcUrl, token)));
    bareRates.push(perSecond(await load(bareUrl, token)));
  }
  const trpc = median(trpcRates);
  const bare = median(bareRates);
  results.push({
    name: 'server.trpc_vs_fastify_ratio',
    value: Number((trpc / bare).toFixed(3)),
    unit: 'ratio',
    better: 'higher',
    notes: `auth.me via tRPC ${Math.round(trpc)} req/s vs the same session lookup + user read on a bare Fastify route ${Math.round(bare)} req/s; SQLite, ${CONCURRENCY} keep-alive requests in flight from a worker thread, ${SAMPLES} × ${SAMPLE_MS / 1000} s alternating; goal ≥ 0.25; tRPC samples ${formatSamples(trpcRates)}; bare samples ${formatSamples(bareRates)}`,
  });
} finally {
  await bench.dispose();
}
report(results);

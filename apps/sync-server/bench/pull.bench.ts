/**
 * One client's initial pull of 100,000 audit events, over HTTP through the
 * real tRPC client (httpLink), paging with the checkpoint, limit 1,000 —
 * what a compliance officer's desktop does the first time it syncs.
 *
 * - server.pull.docs_per_s.{sqlite,postgres}: documents received per second
 *   from the first request to the short page that ends the pull. The
 *   caller is acme's compliance officer (audit:read in acme only), so every
 *   page runs the real scope check and tenant filter. Goal ≥ 20,000.
 *
 * The events are seeded directly (bench-server.ts: validated, appended to
 * the ledger, multi-row inserts). Client and server share this process and
 * the machine's 2 cores, so the figure includes the client's own parsing.
 *
 * PostgreSQL: the timed pulls run after ANALYZE, the state autovacuum leaves
 * a table in shortly after a bulk load. The first pull, straight after the
 * load, is reported in the notes: with statistics that still say "empty
 * table" the planner serves each page from documents_by_tenant plus a sort
 * of the tenant's whole change log (~60 ms a page at 100,000 rows) instead
 * of walking documents_change_order. An index on (collection, tenant_id,
 * tx, seq) would make the ordered plan available whatever the statistics.
 *
 * Run: node --expose-gc bench/pull.bench.ts (STEWARD_BENCH_DB=sqlite or postgres for one)
 */
import { formatSamples, rate, report, type BenchResult } from '@steward/bench';
import { WORLD } from '../test/world.ts';
import { analyze, benchKinds, clientFor, cpuNote, cpuTimed, seedAuditEvents, startBenchServer, type Client, type DatabaseKind } from './bench-server.ts';

const EVENTS = 100_000;
const LIMIT = 1_000;

type Checkpoint = Parameters<Client['sync']['pull']['query']>[0]['checkpoint'];

async function pullEverything(client: Client): Promise<number> {
  let checkpoint: Checkpoint = null;
  let received = 0;
  for (;;) {
    const page = await client.sync.pull.query({ collection: 'auditEvents', checkpoint, limit: LIMIT });
    received += page.documents.length;
    checkpoint = page.checkpoint;
    if (page.documents.length < LIMIT) return received;
  }
}

async function measure(kind: DatabaseKind): Promise<BenchResult> {
  const bench = await startBenchServer(kind);
  try {
    const seedStart = performance.now();
    await seedAuditEvents(bench.steward, WORLD.acme.id, WORLD.acme.admin, EVENTS);
    const seedMs = performance.now() - seedStart;
    const officer = clientFor(bench.url, await bench.session(WORLD.acme.officer));
    const firstStart = performance.now();
    const visible = await pullEverything(officer);
    const firstRate = (visible * 1000) / (performance.now() - firstStart);
    if (visible < EVENTS) throw new Error(`the officer saw ${visible} events, fewer than the ${EVENTS} seeded`);
    await analyze(bench.steward);
    const timed = cpuTimed(async () => {
      const got = await pullEverything(officer);
      if (got !== visible) throw new Error(`a pull returned ${got} documents, expected ${visible}`);
    });
    const result = await rate(visible, timed.work, { runs: 5, warmup: 1 });
    return {
      name: `server.pull.docs_per_s.${kind}`,
      value: Math.round(result.perSecond),
      unit: 'docs/s',
      better: 'higher',
      notes: `${visible} audit events (~${Math.round(seedMs / 1000)} s to seed), limit ${LIMIT}, ${Math.ceil(visible / LIMIT)} pages, tRPC httpLink, client in-process; median of 5 after 2 warm pulls${kind === 'postgres' ? ` and ANALYZE (the first pull, on the statistics left by the bulk load, ran at ${Math.round(firstRate)} docs/s)` : ''}; ${cpuNote(timed.cpuMs, 5, visible, 'doc')}; goal ≥ 20,000; samples ${formatSamples(result.samples)}`,
    };
  } finally {
    await bench.dispose();
  }
}

const results: BenchResult[] = [];
for (const kind of benchKinds()) results.push(await measure(kind));
report(results);

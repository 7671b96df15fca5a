/**
 * Pushing new documents through `sync.push` with every check on: schema,
 * actor, tenant scope, RBAC against the roles held now, invariants, quotas,
 * the conflict check, then the row and its audit event (appended to the
 * Merkle ledger) in one transaction per batch.
 *
 * - server.push.docs_per_s.{sqlite,postgres}: accepted rows per second.
 *   acme's compliance officer (audit:review) pushes new audit reviews in
 *   batches of 500 (the contract's maximum), one batch after another,
 *   through the real tRPC client. Every batch must come back with no
 *   rejection and no conflict, and the stored review count is checked at the
 *   end, so only accepted rows are counted. Goal ≥ 5,000.
 *
 * Client and server share this process and the machine's 2 cores.
 *
 * PostgreSQL: statistics are taken (ANALYZE) after the world and 1,000
 * events are seeded, before any review exists — as autovacuum leaves a live
 * database in which a collection then grows. That is the case to measure:
 * the planner then believes auditReviews is empty, and for each row's
 * by-id lookup (store/documents.ts readDocument, called per row from
 * sync/push.ts PushBatch.decide) it may scan the whole collection through
 * documents_by_tenant instead of probing the primary key.
 *
 * Run: node --expose-gc bench/push.bench.ts (STEWARD_BENCH_DB=sqlite or postgres for one)
 */
import { randomFillSync } from 'node:crypto';
import { formatSamples, rate, report, type BenchResult } from '@steward/bench';
import { uuidv7Generator, type AuditReview } from '@steward/domain';
import { WORLD } from '../test/world.ts';
import { analyze, benchKinds, clientFor, cpuNote, cpuTimed, seedAuditEvents, startBenchServer, type Client, type DatabaseKind } from './bench-server.ts';

const BATCH = 500;
const BATCHES_PER_RUN = 10;
const REVIEWED_EVENTS = 1_000;
const STATES = ['reviewed', 'flagged', 'follow-up'] as const;

const newId = uuidv7Generator(Date.now, (bytes) => randomFillSync(bytes));

function reviewBatch(eventIds: readonly string[], offset: number): { assumedMasterState: null; newDocumentState: AuditReview }[] {
  const now = new Date().toISOString();
  return Array.from({ length: BATCH }, (_, i) => ({
    assumedMasterState: null,
    newDocumentState: {
      id: newId(),
      tenantId: WORLD.acme.id,
      revision: 0,
      updatedAt: now,
      _deleted: false,
      eventId: eventIds[(offset + i) % eventIds.length] ?? WORLD.acme.id,
      // The server records the authenticated officer whatever the client says.
      reviewerId: WORLD.acme.officer,
      state: STATES[i % STATES.length] ?? 'reviewed',
      note: `Checked against the change ticket; access matches the approved request (batch ${offset / BATCH}, row ${i}).`,
      createdAt: now,
    },
  }));
}

async function pushRun(client: Client, eventIds: readonly string[], runIndex: number): Promise<void> {
  for (let b = 0; b < BATCHES_PER_RUN; b++) {
    const rows = reviewBatch(eventIds, (runIndex * BATCHES_PER_RUN + b) * BATCH);
    const result = await client.sync.push.mutate({ collection: 'auditReviews', rows });
    if (result.rejections.length > 0 || result.conflicts.length > 0) {
      throw new Error(`push refused rows: ${JSON.stringify(result.rejections.slice(0, 3))} (${result.rejections.length} rejections, ${result.conflicts.length} conflicts)`);
    }
  }
}

async function measure(kind: DatabaseKind): Promise<BenchResult> {
  const bench = await startBenchServer(kind);
  try {
    await seedAuditEvents(bench.steward, WORLD.acme.id, WORLD.acme.admin, REVIEWED_EVENTS);
    await analyze(bench.steward);
    const { db } = bench.steward.services;
    const eventIds = (await db.selectFrom('documents').select('id').where('collection', '=', 'auditEvents').where('tenant_id', '=', WORLD.acme.id).limit(REVIEWED_EVENTS).execute()).map((r) => r.id);
    const officer = clientFor(bench.url, await bench.session(WORLD.acme.officer));
    let runs = 0;
    const runRows = BATCH * BATCHES_PER_RUN;
    const timed = cpuTimed(() => pushRun(officer, eventIds, runs++));
    const result = await rate(runRows, timed.work, { runs: 5, warmup: 1 });
    const stored = await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('collection', '=', 'auditReviews').executeTakeFirstOrThrow();
    if (Number(stored.n) !== runs * runRows) throw new Error(`${Number(stored.n)} reviews stored, ${runs * runRows} pushed`);
    return {
      name: `server.push.docs_per_s.${kind}`,
      value: Math.round(result.perSecond),
      unit: 'docs/s',
      better: 'higher',
      notes: `auditReviews by acme's officer, ${BATCHES_PER_RUN} batches of ${BATCH} per run, sequential, all checks + one audit event (ledger leaf) per row; ${runs * runRows} stored, 0 rejections; median of 5 after 1 warm run; ${cpuNote(timed.cpuMs, 5, runRows, 'doc')}; goal ≥ 5,000; samples ${formatSamples(result.samples)}`,
    };
  } finally {
    await bench.dispose();
  }
}

const results: BenchResult[] = [];
for (const kind of benchKinds()) results.push(await measure(kind));
report(results);

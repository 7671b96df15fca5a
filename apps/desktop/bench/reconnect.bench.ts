/**
 * reconcile.reconnect_10k_s (goal < 10): a device that made 10,000 changes
 * offline (audit reviews, an officer's afternoon on a plane) reconnects and
 * finishes syncing them: from starting replication until every row was
 * pushed, checked by the server one by one (schema, actor, RBAC, quota,
 * conflict, its audit event and ledger leaf) and acknowledged, and the
 * replica pulled back the server's state. The real replica (RxDB, memory
 * storage), the real replication and reconcile store, the real server on
 * SQLite over HTTP, in one process. Median of 3 runs, each on a fresh tenant.
 *
 * The 10,000 reviews are put into the replica directly (in the form the
 * local writer stores); how they got there is not what is measured.
 *
 * Run: pnpm bench reconnect (from the repo root), or node bench/reconnect.bench.ts.
 */
import { formatSamples, median, report } from '@steward/bench';
import { toRxDocument, type DocumentOf } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createRandom, seededIds } from '../test/simulation/prng.ts';
import { openSimDevice } from '../test/simulation/sim-device.ts';
import { seedSimWorld, startSimServer } from '../test/simulation/sim-server.ts';

const CHANGES = 10_000;
const RUNS = 3;
const OFFICER = 2;

const server = await startSimServer();
const storage = getRxStorageMemory();
const samples: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const seed = 900_000 + run;
    const random = createRandom(seed);
    const newId = seededIds(seed, random);
    const world = await seedSimWorld(server, seed, newId, 4);
    const officer = world.people[OFFICER];
    if (officer === undefined) throw new Error('the world has no officer');
    const device = await openSimDevice({ replica: `bench-${seed}`, serverUrl: server.url, token: await server.openSession(officer.userId), userId: officer.userId, storage, syncTimeoutMs: 300_000 });
    await device.sync();
    const at = new Date().toISOString();
    const reviews = Array.from({ length: CHANGES }, (_, i): DocumentOf<'auditReviews'> => ({
      id: newId(), tenantId: world.tenantId, revision: 0, updatedAt: at, _deleted: false,
      eventId: world.eventIds[i % world.eventIds.length] ?? '', reviewerId: officer.userId, state: i % 10 === 0 ? 'flagged' : 'reviewed', note: `Offline review ${i}`, createdAt: at,
    }));
    await device.db.collections.auditReviews.bulkInsert(reviews.map((r) => toRxDocument(r) as never));
    const { ms } = await device.sync();
    const stored = await server.steward.services.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('collection', '=', 'auditReviews').where('tenant_id', '=', world.tenantId).executeTakeFirstOrThrow();
    const kept = await device.refusals();
    if (Number(stored.n) !== CHANGES || kept.length !== 0) throw new Error(`run ${run}: the server holds ${stored.n} of ${CHANGES} reviews, ${kept.length} refused`);
    samples.push(ms / 1_000);
    console.error(`run ${run}: ${(ms / 1_000).toFixed(2)} s`);
    await device.close();
  }
} finally {
  await server.close();
}

report([
  {
    name: 'reconcile.reconnect_10k_s',
    value: median(samples),
    unit: 's',
    better: 'lower',
    notes: `${CHANGES} offline audit reviews pushed (100 a batch), checked per row and acknowledged, replica pulled; median of ${RUNS}: ${formatSamples(samples, 2)} s`,
  },
]);

/**
 * The deterministic multi-device simulation. One server and five device
 * workers live for a whole run; each seed gets a fresh tenant, fresh people
 * and fresh replicas, then a PRNG-chosen interleaving of offline periods,
 * edits to the same and different fields, grants and revocations (each
 * revocation with its reason, an audit event the device records), plan
 * changes, invitations racing for the last seat, reviews and approvals.
 * Syncs happen one device at a time, in the order the PRNG picks, so a
 * seed replays the same decisions.
 *
 * After the seed everyone comes online and syncs until nothing changes,
 * and the checks run: replicas equal what the server lets each person read,
 * every local intent is accounted for (intent-accounting.ts), the domain's
 * invariants hold on the server, the ledger verifies.
 */
import { BUILT_IN_ROLE_IDS, canonicalize, COLLECTIONS, type CollectionName } from '@steward/domain';
import { startDeviceWorker, type DeviceHandle } from './device-pool.ts';
import { fateOf, tally, type IntentTally, type RecordedIntent } from './intent-accounting.ts';
import { createRandom, seededIds, type Random } from './prng.ts';
import type { DeviceOp, KeptRefusal, Snapshot } from './protocol.ts';
import { domainViolations, replayAcceptedWrites, tenantDocuments, verifyLedger, type LedgerMark } from './server-invariants.ts';
import { seedSimWorld, SIM_PEOPLE, startSimServer, type PushRecord, type SimServer, type SimWorld } from './sim-server.ts';

export interface SeedResult {
  readonly seed: number;
  readonly ops: number;
  readonly localRefusals: number;
  readonly syncs: number;
  /** Syncs left out because they could change nothing (see upToDate()). */
  readonly skippedSyncs: number;
  /** Rows the server refused or answered with a conflict, by collection. */
  readonly serverRefusals: Readonly<Record<string, number>>;
  readonly intents: IntentTally;
  /** The part of `intents` that is audit events the devices recorded (a revoke's reason). */
  readonly auditEventIntents: IntentTally;
  readonly failures: readonly string[];
  readonly ms: number;
}

export interface Simulation {
  runSeed(seed: number): Promise<SeedResult>;
  close(): Promise<void>;
}

const DEVICES = SIM_PEOPLE.length;
const MAX_SETTLE_ROUNDS = 5;

export async function startSimulation(): Promise<Simulation> {
  const server = await startSimServer();
  const devices = Array.from({ length: DEVICES }, (_, i) => startDeviceWorker(i));
  let ledgerMark: LedgerMark | null = null;
  return {
    runSeed: async (seed) => {
      const result = await runSeed(server, devices, seed, ledgerMark);
      ledgerMark = result.mark;
      return result.result;
    },
    close: async () => {
      await Promise.all(devices.map((d) => d.terminate()));
      await server.close();
    },
  };
}

/** The command that replays one seed alone. */
export function replayCommand(seed: number): string {
  return `pnpm --filter @steward/desktop simulate --seed ${seed}`;
}

interface SeedRun {
  readonly server: SimServer;
  readonly world: SimWorld;
  readonly devices: readonly DeviceHandle[];
  readonly random: Random;
  readonly newId: () => string;
  readonly online: boolean[];
  readonly syncCount: number[];
  /** Per device: what its last sync started from, and whether the device changed anything since (see upToDate()). */
  readonly lastSync: ({ readonly marker: number; readonly pushed: boolean } | null)[];
  readonly dirty: boolean[];
  readonly intents: RecordedIntent[];
  readonly pushes: PushRecord[];
  step: number;
  localRefusals: number;
  syncs: number;
  skippedSyncs: number;
}

async function runSeed(server: SimServer, devices: readonly DeviceHandle[], seed: number, previousMark: LedgerMark | null): Promise<{ result: SeedResult; mark: LedgerMark | null }> {
  const started = performance.now();
  const random = createRandom(seed);
  const newId = seededIds(seed, random);
  const world = await seedSimWorld(server, seed, newId, random.pick([2, 4]));
  const seeded = await tenantDocuments(server.steward, world.tenantId);
  const tokens = await Promise.all(world.people.map((p) => server.openSession(p.userId)));
  await Promise.all(devices.map((d, i) => d.call({ kind: 'open', replica: `sim-${seed}-d${i}`, serverUrl: server.url, token: tokens[i] ?? '', userId: world.people[i]?.userId ?? '' })));
  server.takePushes();
  const run: SeedRun = { server, world, devices, random, newId, online: devices.map(() => true), syncCount: devices.map(() => 0), lastSync: devices.map(() => null), dirty: devices.map(() => false), intents: [], pushes: [], step: 0, localRefusals: 0, syncs: 0, skippedSyncs: 0 };
  const failures: string[] = [];
  let mark = previousMark;
  try {
    // The first sync only pulls the seeded world: the same for every order, so the devices do it together.
    await Promise.all(devices.map((_, i) => sync(run, i)));
    for (const i of devices.keys()) run.online[i] = !random.chance(0.5);
    const steps = random.int(18, 30);
    for (let s = 0; s < steps; s++) await randomStep(run);
    for (const i of devices.keys()) run.online[i] = true;
    await settle(run, failures);
    failures.push(...(await convergence(run, tokens)));
    failures.push(...(await accounting(run)));
    failures.push(...replayAcceptedWrites(world.tenantId, seeded, run.pushes));
    failures.push(...(await domainViolations(server.steward, world.tenantId)));
    const ledger = await verifyLedger(server.steward, world.tenantId, previousMark);
    failures.push(...ledger.problems);
    mark = ledger.mark;
  } catch (error) {
    failures.push(`the run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const none = tally([]);
  const { intents, auditEventIntents } = await intentTallies(run).catch(() => ({ intents: none, auditEventIntents: none }));
  await Promise.all(devices.map((d) => d.call({ kind: 'close' }).catch(() => null)));
  return { result: { seed, ops: run.step, localRefusals: run.localRefusals, syncs: run.syncs, skippedSyncs: run.skippedSyncs, serverRefusals: refusalsByCollection(run.pushes), intents, auditEventIntents, failures, ms: performance.now() - started }, mark };
}

async function sync(run: SeedRun, device: number): Promise<void> {
  run.server.setStep(run.step);
  const marker = await changeMarker(run);
  await run.devices[device]?.call({ kind: 'sync' });
  const pushes = run.server.takePushes();
  run.pushes.push(...pushes);
  run.lastSync[device] = { marker, pushed: pushes.some((p) => p.rows.length > 0) };
  run.dirty[device] = false;
  run.syncCount[device] = (run.syncCount[device] ?? 0) + 1;
  run.syncs++;
}

/**
 * The newest change to any document of the seed's tenant (SQLite's change sequence). A pull reads
 * only documents (and so does the server's access check), the simulation writes no platform-wide
 * ones, so while the marker stands still no pull of the seed's people can return anything new.
 */
async function changeMarker(run: SeedRun): Promise<number> {
  const row = await run.server.steward.services.db.selectFrom('documents').select((eb) => eb.fn.max('seq').as('seq')).where('tenant_id', '=', run.world.tenantId).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Whether a sync of this device could change anything, here or on the server: not when its last
 * sync pushed nothing, nothing was written on the server from the moment that sync began, and
 * nothing was applied on the device since. Such a sync pulls nothing and pushes nothing, so
 * skipping it changes no outcome and no later decision (the PRNG is not consulted for syncs).
 */
async function upToDate(run: SeedRun, device: number): Promise<boolean> {
  const last = run.lastSync[device];
  if (last === null || last === undefined || last.pushed || run.dirty[device] === true) return false;
  return last.marker === (await changeMarker(run));
}

/** Syncs the device unless the sync could change nothing (upToDate). */
async function syncIfNeeded(run: SeedRun, device: number): Promise<void> {
  if (await upToDate(run, device)) {
    run.skippedSyncs++;
    return;
  }
  await sync(run, device);
}

const ADMINS = [0, 1];
const OFFICERS = [2, 3];

/** One step: a device goes offline or online, syncs, or a person does something on it. */
async function randomStep(run: SeedRun): Promise<void> {
  const { random, devices, online } = run;
  run.step++;
  const device = random.int(0, devices.length - 1);
  const roll = random.next();
  if (roll < 0.15) {
    online[device] = !online[device];
    if (online[device]) await syncIfNeeded(run, device);
    return;
  }
  if (roll < 0.3) {
    if (online[device]) await syncIfNeeded(run, device);
    return;
  }
  const op = randomOp(run, device);
  const outcome = await devices[device]?.call({ kind: 'op', op });
  if (outcome?.status === 'applied') {
    run.dirty[device] = true;
    for (const intent of outcome.intents) run.intents.push({ device, userId: run.world.people[device]?.userId ?? '', step: run.step, period: run.syncCount[device] ?? 0, intent });
  } else if (outcome?.status === 'refused-locally') run.localRefusals++;
  if (online[device] && random.chance(0.7)) await syncIfNeeded(run, device);
}

function randomOp(run: SeedRun, device: number): DeviceOp {
  const { random, world, newId, step } = run;
  const person = (i: number): string => world.people[i]?.userId ?? '';
  const tag = `${step}-${device}`;
  // Admins mostly administer, officers mostly review and approve; anyone may try anything (the domain decides).
  const kinds: DeviceOp['type'][] = ADMINS.includes(device)
    ? ['editTenant', 'editTenant', 'editUser', 'grant', 'grant', 'revoke', 'revoke', 'plan', 'invite', 'invite', 'approve', 'review']
    : OFFICERS.includes(device)
      ? ['review', 'review', 'review', 'approve', 'approve', 'editTenant', 'grant']
      : ['approve', 'review', 'editUser'];
  switch (random.pick(kinds)) {
    case 'editTenant':
      return random.chance(0.5)
        ? { type: 'editTenant', tenantId: world.tenantId, field: 'name', value: `Tenant ${tag}` }
        : { type: 'editTenant', tenantId: world.tenantId, field: 'retentionDays', value: 30 + step * 7 + device };
    case 'editUser':
      return { type: 'editUser', userId: person(random.int(0, DEVICES - 1)), displayName: `Person ${tag}` };
    case 'grant':
      // Mostly to the member and the officers, mostly roles that exclude each other: two admins granting offline race on separation of duties.
      return {
        type: 'grant',
        id: newId(),
        tenantId: world.tenantId,
        userId: person(random.chance(0.7) ? 4 : random.int(0, DEVICES - 1)),
        roleId: random.pick([BUILT_IN_ROLE_IDS.auditor, BUILT_IN_ROLE_IDS.complianceOfficer, BUILT_IN_ROLE_IDS.tenantAdmin, BUILT_IN_ROLE_IDS.member]),
      };
    case 'revoke': {
      // Half the time an admin's own admin assignment: two admins revoking each other offline race on "a tenant keeps an admin".
      const granted = run.intents.filter((i) => i.intent.collection === 'roleAssignments').map((i) => i.intent.docId);
      const admins = ADMINS.map((i) => world.people[i]?.assignmentId ?? '');
      const assignmentId = random.chance(0.5) ? random.pick(admins) : random.pick([...world.people.map((p) => p.assignmentId), ...granted]);
      return { type: 'revoke', assignmentId, eventId: newId(), reason: `Revoked in the simulation, step ${tag}` };
    }
    case 'plan':
      return { type: 'plan', tenantId: world.tenantId, plan: random.pick(['free', 'team', 'business'] as const) };
    case 'invite':
      return { type: 'invite', id: newId(), tenantId: world.tenantId, email: `invite-${tag}@sim.test` };
    case 'review':
      return { type: 'review', id: newId(), tenantId: world.tenantId, eventId: random.pick(world.eventIds), state: random.pick(['reviewed', 'flagged', 'follow-up'] as const) };
    case 'approve':
      return { type: 'approve', runId: world.runId, stepId: world.stepId, decision: random.chance(0.8) ? 'approve' : 'reject' };
  }
}

/**
 * Everyone online, syncing in turn until no sync could change anything: every device's last sync
 * began after the server's last write and pushed nothing (upToDate), so each replica pulled the
 * final state and holds nothing unsent.
 */
async function settle(run: SeedRun, failures: string[]): Promise<void> {
  for (let round = 0; round <= MAX_SETTLE_ROUNDS; round++) {
    const behind = await everyoneBehind(run);
    if (behind.length === 0) return;
    if (round === MAX_SETTLE_ROUNDS) break;
    run.step++;
    // In turn; each checked again just before (an earlier device's push puts the others behind again).
    for (const i of run.devices.keys()) if (!(await upToDate(run, i))) await sync(run, i);
  }
  failures.push(`the devices did not settle in ${MAX_SETTLE_ROUNDS} rounds of syncing`);
}

async function everyoneBehind(run: SeedRun): Promise<number[]> {
  const behind: number[] = [];
  for (const i of run.devices.keys()) if (!(await upToDate(run, i))) behind.push(i);
  return behind;
}

/** The server's largest pull page. */
const SERVER_VIEW_PAGE = 1_000;

/**
 * Every live document the server lets `token` read, by collection, in canonical form: paged
 * through the server's own sync.pull procedure, called in process (the same procedure, context
 * and checkpoints an HTTP pull gets; the devices' replication is what goes over HTTP).
 */
async function serverView(server: SimServer, token: string): Promise<Map<CollectionName, Map<string, string>>> {
  const api = await server.callerFor(token);
  const out = new Map<CollectionName, Map<string, string>>();
  for (const collection of COLLECTIONS) {
    const docs = new Map<string, string>();
    let checkpoint: Awaited<ReturnType<typeof api.sync.pull>>['checkpoint'] | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof api.sync.pull>> = await api.sync.pull({ collection, checkpoint, limit: SERVER_VIEW_PAGE });
      for (const doc of page.documents as readonly Readonly<Record<string, unknown>>[]) {
        const id = String(doc['id']);
        if (doc['_deleted'] === true) docs.delete(id);
        else docs.set(id, canonicalize(doc));
      }
      checkpoint = page.checkpoint;
      // A page short of the limit is the end of the log (what RxDB's replication assumes too).
      if (page.documents.length < SERVER_VIEW_PAGE) break;
    }
    out.set(collection, docs);
  }
  return out;
}

function viewOf(snapshot: Snapshot): Map<CollectionName, Map<string, string>> {
  return new Map(COLLECTIONS.map((c) => [c, new Map((snapshot[c] ?? []).map((doc) => [String(doc['id']), canonicalize(doc as never)]))]));
}

/**
 * Each replica against what the server lets its person read now: the same documents, field for
 * field (server-set revision and time included), and nothing the person can no longer read.
 * This caught three gaps, all fixed: documents that changed after the person's checkpoint were
 * not evicted when access was lost; a push equal to the stored state left the replica with its
 * own revision and time; and a replica kept its own accepted push in a collection it had never
 * pulled anything of (seed 7, see README.md).
 */
async function convergence(run: SeedRun, tokens: readonly string[]): Promise<string[]> {
  const failures: string[] = [];
  await Promise.all(
    run.devices.map(async (device, i) => {
      const [mine, theirs] = await Promise.all([device.call({ kind: 'snapshot' }).then(viewOf), serverView(run.server, tokens[i] ?? '')]);
      for (const collection of COLLECTIONS) {
        const [a, b] = [mine.get(collection) ?? new Map<string, string>(), theirs.get(collection) ?? new Map<string, string>()];
        for (const [id, doc] of b) {
          const held = a.get(id);
          if (held === doc) continue;
          failures.push(`device ${i}: ${collection}/${id} ${held === undefined ? 'is missing, the server has' : 'differs from'} ${doc}${held === undefined ? '' : ` (replica: ${held})`}`);
        }
        for (const id of a.keys()) if (!b.has(id)) failures.push(`device ${i}: ${collection}/${id} is in the replica but its person can no longer read it on the server`);
      }
    }),
  );
  return failures;
}

async function keptByDevice(run: SeedRun): Promise<Map<number, readonly KeptRefusal[]>> {
  return new Map(await Promise.all(run.devices.map(async (d, i) => [i, await d.call({ kind: 'refusals' })] as const)));
}

async function serverDocs(run: SeedRun): Promise<(collection: CollectionName, id: string) => Readonly<Record<string, unknown>> | undefined> {
  const ids = [...new Set(run.intents.map((i) => i.intent.docId))];
  const rows = ids.length === 0 ? [] : await run.server.steward.services.db.selectFrom('documents').select(['collection', 'id', 'body']).where('id', 'in', ids).execute();
  const byKey = new Map(rows.map((r) => [`${r.collection}/${r.id}`, (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as Readonly<Record<string, unknown>>]));
  return (collection, id) => byKey.get(`${collection}/${id}`);
}

async function intentTallies(run: SeedRun): Promise<{ intents: IntentTally; auditEventIntents: IntentTally }> {
  const inputs = { intents: run.intents, pushes: run.pushes, kept: await keptByDevice(run), serverDoc: await serverDocs(run) };
  const fates = run.intents.map((i) => ({ collection: i.intent.collection, fate: fateOf(i, inputs) }));
  return { intents: tally(fates.map((f) => f.fate)), auditEventIntents: tally(fates.filter((f) => f.collection === 'auditEvents').map((f) => f.fate)) };
}

async function accounting(run: SeedRun): Promise<string[]> {
  const inputs = { intents: run.intents, pushes: run.pushes, kept: await keptByDevice(run), serverDoc: await serverDocs(run) };
  return run.intents.flatMap((i) =>
    fateOf(i, inputs) === 'lost' ? [`lost: device ${i.device}'s ${i.intent.collection}/${i.intent.docId} ${JSON.stringify(i.intent.expect)} (step ${i.step}) is neither on the server nor in its reconcile store`] : [],
  );
}

function refusalsByCollection(pushes: readonly PushRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const push of pushes) {
    const refused = push.rows.filter((row) => push.rejected.has(String(row['id'])) || push.conflicted.has(String(row['id']))).length;
    if (refused > 0) out[push.collection] = (out[push.collection] ?? 0) + refused;
  }
  return out;
}


/**
 * Several server processes sharing one PostgreSQL schema (how Steward grows
 * past one machine) still give every puller every accepted change exactly
 * once and in order. Two real steward-server processes take a storm of
 * concurrent pushes in two tenants (so transactions overlap and commit out
 * of sequence order) while a puller pages through the change log with one
 * checkpoint, alternating between the servers.
 *
 * Checked when the storm ends: every accepted review was pulled, none twice,
 * nothing unknown; each pusher's reviews arrive in the order it pushed them;
 * a batch acknowledged before another was sent arrives before it; and the
 * audit ledger both processes appended to is whole.
 */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7Generator, type AuditReview } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from './crash-integrity.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import type { Client } from './harness.ts';
import { seedWorldInto, serverDbUrl, signInAt, startServerProcess, type ServerProcess } from './multi-process-server.ts';
import { WORLD, email } from './world.ts';

const newId = uuidv7Generator(Date.now, (bytes) => randomFillSync(bytes));

const STORM_MS = 5_000;
const LANES_PER_CLIENT = 3;
const MAX_BATCH = 20;
const PULL_LIMIT = 50;
const SETTLE_TIMEOUT_MS = 20_000;

type Checkpoint = Parameters<Client['sync']['pull']['query']>[0]['checkpoint'];

interface Batch {
  readonly lane: string;
  readonly ids: readonly string[];
  readonly sentAt: number;
  ackedAt: number | undefined;
}

function reviews(tenantId: string, reviewer: string, count: number, lane: string): AuditReview[] {
  const now = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => ({ id: newId(), tenantId, revision: 0, updatedAt: now, _deleted: false, eventId: newId(), reviewerId: reviewer, state: 'flagged', note: `${lane} #${i}`, createdAt: now }));
}

/** Pushes batches of 1..MAX_BATCH reviews one after another until `until`. */
async function pushLane(client: Client, lane: string, tenantId: string, reviewer: string, until: number, batches: Batch[], problems: string[]): Promise<void> {
  while (performance.now() < until) {
    const rows = reviews(tenantId, reviewer, 1 + Math.floor(Math.random() * MAX_BATCH), lane);
    const batch: Batch = { lane, ids: rows.map((r) => r.id), sentAt: performance.now(), ackedAt: undefined };
    batches.push(batch);
    try {
      const result = await client.sync.push.mutate({ collection: 'auditReviews', rows: rows.map((r) => ({ assumedMasterState: null, newDocumentState: r })) });
      if (result.rejections.length > 0 || result.conflicts.length > 0) {
        problems.push(`${lane}: refused ${JSON.stringify(result.rejections).slice(0, 300)}`);
        return;
      }
      batch.ackedAt = performance.now();
    } catch (error) {
      problems.push(`${lane}: ${(error as Error).message}`);
      return;
    }
  }
}

/** One puller, one checkpoint, alternating servers page by page. */
class Puller {
  readonly order: string[] = [];
  #checkpoint: Checkpoint = null;
  #turn = 0;
  readonly #clients: readonly Client[];

  constructor(clients: readonly Client[]) {
    this.#clients = clients;
  }

  /** Pulls until a page comes back short; returns how many documents arrived. */
  async drain(): Promise<number> {
    let got = 0;
    for (;;) {
      const client = this.#clients[this.#turn++ % this.#clients.length];
      if (client === undefined) throw new Error('no clients');
      const page = await client.sync.pull.query({ collection: 'auditReviews', checkpoint: this.#checkpoint, limit: PULL_LIMIT });
      for (const doc of page.documents) this.order.push(String(doc['id']));
      got += page.documents.length;
      this.#checkpoint = page.checkpoint;
      if (page.documents.length < PULL_LIMIT) return got;
    }
  }
}

describe('several server processes on one PostgreSQL schema', { timeout: 90_000 }, () => {
  let database: TestDatabase | undefined;
  let otherDataDir: string | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.kill('SIGKILL')));
    await database?.dispose();
    if (otherDataDir !== undefined) rmSync(otherDataDir, { recursive: true, force: true });
    database = undefined;
    otherDataDir = undefined;
  });

  it('serve a puller every accepted change exactly once, in order, while both take concurrent pushes', async () => {
    database = createTestDatabase('postgres');
    await seedWorldInto(database);
    const dbUrl = await serverDbUrl(database);
    const db = database;
    // Two machines: each process has its own data directory (and signing key); only the database is shared.
    otherDataDir = mkdtempSync(join(tmpdir(), 'steward-second-'));
    servers.push(...(await Promise.all([startServerProcess(db, dbUrl), startServerProcess(db, dbUrl, { dataDir: otherDataDir })])));
    const urls = servers.map((s) => s.url);

    const pushers: { client: Client; tenantId: string; reviewer: string; name: string }[] = [];
    for (const [s, url] of urls.entries()) {
      pushers.push({ client: await signInAt(url, email('acme', 'officer')), tenantId: WORLD.acme.id, reviewer: WORLD.acme.officer, name: `server ${s} acme` });
      pushers.push({ client: await signInAt(url, email('globex', 'officer')), tenantId: WORLD.globex.id, reviewer: WORLD.globex.officer, name: `server ${s} globex` });
    }
    const puller = new Puller(await Promise.all(urls.map((url) => signInAt(url, 'platform@steward.test'))));
    await puller.drain(); // whatever the world already holds

    const batches: Batch[] = [];
    const problems: string[] = [];
    const until = performance.now() + STORM_MS;
    const lanes = pushers.flatMap((p) => Array.from({ length: LANES_PER_CLIENT }, (_, i) => pushLane(p.client, `${p.name} lane ${i}`, p.tenantId, p.reviewer, until, batches, problems)));
    let stormOver = false;
    const storm = Promise.all(lanes).finally(() => (stormOver = true));
    let pullsDuringStorm = 0;
    while (!stormOver) {
      pullsDuringStorm += await puller.drain();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await storm;
    expect(problems).toEqual([]);

    const accepted = batches.flatMap((b) => b.ids);
    const before = puller.order.length - pullsDuringStorm;
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (puller.order.length - before < accepted.length && Date.now() < deadline) {
      if ((await puller.drain()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const pulled = puller.order.slice(before);
    const position = new Map<string, number>();
    const duplicates: string[] = [];
    pulled.forEach((id, i) => {
      if (position.has(id)) duplicates.push(id);
      position.set(id, i);
    });
    const acceptedSet = new Set(accepted);
    expect(duplicates).toEqual([]);
    expect(accepted.filter((id) => !position.has(id))).toEqual([]);
    expect(pulled.filter((id) => !acceptedSet.has(id))).toEqual([]);
    expect(pulled).toHaveLength(accepted.length);

    // Each lane's reviews in the order it pushed them.
    const outOfOrder: string[] = [];
    for (const lane of new Set(batches.map((b) => b.lane))) {
      const pushed = batches.filter((b) => b.lane === lane).flatMap((b) => b.ids);
      const seen = pulled.filter((id) => pushed.includes(id));
      if (seen.join() !== pushed.join()) outOfOrder.push(lane);
    }
    expect(outOfOrder).toEqual([]);

    // A batch acknowledged before another was sent is pulled before it (commit order, across processes).
    const span = (b: Batch): [number, number] => [Math.min(...b.ids.map((id) => position.get(id) ?? -1)), Math.max(...b.ids.map((id) => position.get(id) ?? -1))];
    const inversions: string[] = [];
    for (const x of batches) {
      const [, lastX] = span(x);
      for (const y of batches) {
        if (x.ackedAt !== undefined && x.ackedAt < y.sentAt && span(y)[0] < lastX) inversions.push(`${x.lane} → ${y.lane}`);
      }
    }
    expect(inversions.slice(0, 10)).toEqual([]);

    // Both processes appended to one audit ledger: it must still be whole.
    const opened = await database.open();
    try {
      expect((await checkIntegrity(opened)).problems).toEqual([]);
    } finally {
      await opened.close();
    }

    console.info(`${batches.length} batches (${accepted.length} reviews) over ${servers.length} processes and ${lanes.length} lanes; ${pullsDuringStorm} pulled during the storm`);
  });
});

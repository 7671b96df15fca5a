/**
 * A killed server loses nothing it acknowledged and leaves nothing half
 * written. The real steward-server process takes a push storm from several
 * clients (reviews, client-recorded audit events, updates of one user), is
 * killed with SIGKILL mid-storm, and is started again on the same database.
 * Then: every acknowledged row is stored, with its audit event; a batch that
 * was in flight is either wholly there or wholly absent; every stored
 * document parses; and the audit ledger is whole (crash-integrity.ts).
 */
import { randomFillSync } from 'node:crypto';
import { uuidv7Generator, type AuditEvent, type AuditReview, type CollectionName, type User } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from './crash-integrity.ts';
import { DATABASE_KINDS, createTestDatabase, type TestDatabase } from './databases.ts';
import type { Client } from './harness.ts';
import { seedWorldInto, serverDbUrl, signInAt, startServerProcess, type ServerProcess } from './multi-process-server.ts';
import { WORLD, email } from './world.ts';

const newId = uuidv7Generator(Date.now, (bytes) => randomFillSync(bytes));

/** Kill once this many batches have been acknowledged (or after KILL_AFTER_MS, whichever is first). */
const ACKED_BEFORE_KILL = 120;
const KILL_AFTER_MS = 8_000;
const ROWS_PER_BATCH = 25;

interface Attempt {
  readonly lane: string;
  readonly collection: CollectionName;
  readonly ids: readonly string[];
  acknowledged: boolean;
  /** For user updates: the state this push would leave. */
  readonly user?: { readonly revision: number; readonly displayName: string };
}

interface Storm {
  readonly attempts: Attempt[];
  /** Errors before the kill: each is a failure of the server, not of the crash. */
  readonly unexpected: string[];
  killed: boolean;
}

function review(tenantId: string, reviewer: string, n: number): AuditReview {
  const now = new Date().toISOString();
  return { id: newId(), tenantId, revision: 0, updatedAt: now, _deleted: false, eventId: newId(), reviewerId: reviewer, state: 'reviewed', note: `crash storm review ${n}`, createdAt: now };
}

function clientEvent(tenantId: string, actor: string, n: number): AuditEvent {
  const now = new Date().toISOString();
  return { id: newId(), tenantId, revision: 0, updatedAt: now, _deleted: false, actorId: actor, actorType: 'user', action: 'desktop.export', resourceType: 'report', resourceId: `offline-${n}`, outcome: 'success', occurredAt: now, observedAt: null, context: { n, device: 'crash-test' }, pii: false, complianceFlags: ['SOX'], ledgerIndex: null };
}

/** One client pushing batch after batch until the server dies. */
async function lane(storm: Storm, name: string, next: (n: number) => { attempt: Attempt; push: () => Promise<{ conflicts: unknown[]; rejections: unknown[] }> }): Promise<void> {
  for (let n = 0; ; n++) {
    const { attempt, push } = next(n);
    storm.attempts.push(attempt);
    try {
      const result = await push();
      if (result.conflicts.length > 0 || result.rejections.length > 0) {
        storm.unexpected.push(`${name}: refused ${JSON.stringify(result).slice(0, 300)}`);
        return;
      }
      attempt.acknowledged = true;
    } catch (error) {
      if (!storm.killed) storm.unexpected.push(`${name}: ${(error as Error).message}`);
      return;
    }
  }
}

function runStorm(clients: Record<'acmeOfficer' | 'globexOfficer' | 'acmeMember' | 'globexMember' | 'acmeAdmin', Client>, member: User): { storm: Storm; lanes: Promise<void[]> } {
  const storm: Storm = { attempts: [], unexpected: [], killed: false };
  const reviews = (client: Client, tenantId: string, reviewer: string, name: string) =>
    lane(storm, name, (n) => {
      const rows = Array.from({ length: ROWS_PER_BATCH }, (_, i) => review(tenantId, reviewer, n * ROWS_PER_BATCH + i));
      return {
        attempt: { lane: name, collection: 'auditReviews', ids: rows.map((r) => r.id), acknowledged: false },
        push: () => client.sync.push.mutate({ collection: 'auditReviews', rows: rows.map((r) => ({ assumedMasterState: null, newDocumentState: r })) }),
      };
    });
  const events = (client: Client, tenantId: string, actor: string, name: string) =>
    lane(storm, name, (n) => {
      const rows = Array.from({ length: ROWS_PER_BATCH }, (_, i) => clientEvent(tenantId, actor, n * ROWS_PER_BATCH + i));
      return {
        attempt: { lane: name, collection: 'auditEvents', ids: rows.map((r) => r.id), acknowledged: false },
        push: () => client.sync.push.mutate({ collection: 'auditEvents', rows: rows.map((r) => ({ assumedMasterState: null, newDocumentState: r })) }),
      };
    });
  // One user renamed again and again: each acknowledged update is revision + 1 of the last.
  let current = member;
  const renames = lane(storm, 'acme admin renames', (n) => {
    const next = { ...current, displayName: `Member rename ${n}` };
    const attempt: Attempt = { lane: 'renames', collection: 'users', ids: [member.id], acknowledged: false, user: { revision: current.revision + 1, displayName: next.displayName } };
    return {
      attempt,
      push: async () => {
        const result = await clients.acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: current, newDocumentState: next }] });
        if (result.conflicts.length === 0 && result.rejections.length === 0) current = { ...next, revision: current.revision + 1 };
        return result;
      },
    };
  });
  const lanes = Promise.all([
    reviews(clients.acmeOfficer, WORLD.acme.id, WORLD.acme.officer, 'acme officer reviews'),
    reviews(clients.globexOfficer, WORLD.globex.id, WORLD.globex.officer, 'globex officer reviews'),
    events(clients.acmeMember, WORLD.acme.id, WORLD.acme.member, 'acme member events'),
    events(clients.globexMember, WORLD.globex.id, WORLD.globex.member, 'globex member events'),
    renames,
  ]);
  return { storm, lanes };
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(DATABASE_KINDS)('a server killed mid-storm on %s', { timeout: 90_000 }, (kind) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill('SIGKILL');
    await database?.dispose();
    server = undefined;
    database = undefined;
  });

  it('keeps every acknowledged push, writes nothing by halves, and keeps the ledger whole', async () => {
    database = createTestDatabase(kind);
    await seedWorldInto(database);
    const dbUrl = await serverDbUrl(database);
    server = await startServerProcess(database, dbUrl);
    const { url } = server;
    const clients = {
      acmeOfficer: await signInAt(url, email('acme', 'officer')),
      globexOfficer: await signInAt(url, email('globex', 'officer')),
      acmeMember: await signInAt(url, email('acme', 'member')),
      globexMember: await signInAt(url, email('globex', 'member')),
      acmeAdmin: await signInAt(url, email('acme', 'admin')),
    };
    const me = await clients.acmeMember.auth.me.query();
    if (me.kind !== 'user' || me.user === null) throw new Error('acme member has no user document');
    const { storm, lanes } = runStorm(clients, me.user as unknown as User);

    const acked = (): number => storm.attempts.filter((a) => a.acknowledged).length;
    await waitFor(() => acked() >= ACKED_BEFORE_KILL || storm.unexpected.length > 0, KILL_AFTER_MS);
    storm.killed = true;
    const ended = await server.kill('SIGKILL');
    await lanes;
    expect(storm.unexpected).toEqual([]);
    expect(ended.signal).toBe('SIGKILL');
    const inFlight = storm.attempts.filter((a) => !a.acknowledged);
    expect(acked()).toBeGreaterThan(0);

    // Restart on the same database: it must come up and serve what was acknowledged.
    server = await startServerProcess(database, dbUrl);
    const platform = await signInAt(server.url, 'platform@steward.test');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const pulledReviews = new Set<string>();
    let checkpoint: Parameters<Client['sync']['pull']['query']>[0]['checkpoint'] = null;
    for (;;) {
      const page = await platform.sync.pull.query({ collection: 'auditReviews', checkpoint, limit: 1000 });
      for (const doc of page.documents) pulledReviews.add(String(doc['id']));
      checkpoint = page.checkpoint;
      if (page.documents.length < 1000) break;
    }
    const stopped = await server.kill('SIGTERM');
    expect(stopped.code, server.output()).toBe(0);
    server = undefined;

    const opened = await database.open();
    try {
      const report = await checkIntegrity(opened);
      expect(report.problems).toEqual([]);

      const stored = new Map<string, Set<string>>();
      for (const row of await opened.db.selectFrom('documents').select(['collection', 'id']).execute()) {
        let ids = stored.get(row.collection);
        if (ids === undefined) stored.set(row.collection, (ids = new Set()));
        ids.add(row.id);
      }
      const has = (collection: string, id: string): boolean => stored.get(collection)?.has(id) ?? false;
      const events = (await opened.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').execute()).map((r) => JSON.parse(r.body) as AuditEvent);
      const reviewEvents = new Set(events.filter((e) => e.action === 'auditReview.create').map((e) => e.resourceId));

      const missing: string[] = [];
      const halves: string[] = [];
      for (const attempt of storm.attempts) {
        if (attempt.collection === 'users') continue;
        const present = attempt.ids.filter((id) => has(attempt.collection, id)).length;
        if (attempt.acknowledged && present !== attempt.ids.length) missing.push(`${attempt.lane}: ${attempt.ids.length - present} of ${attempt.ids.length} acknowledged rows missing`);
        if (!attempt.acknowledged && present !== 0 && present !== attempt.ids.length) halves.push(`${attempt.lane}: ${present} of ${attempt.ids.length} rows of an in-flight batch`);
        if (attempt.collection === 'auditReviews' && present === attempt.ids.length) {
          const unaudited = attempt.ids.filter((id) => !reviewEvents.has(id));
          if (unaudited.length > 0) missing.push(`${attempt.lane}: ${unaudited.length} stored reviews without their audit event`);
          const unserved = attempt.ids.filter((id) => !pulledReviews.has(id));
          if (unserved.length > 0) missing.push(`${attempt.lane}: ${unserved.length} stored reviews not served by the restarted server`);
        }
      }
      expect(missing).toEqual([]);
      expect(halves).toEqual([]);

      // The renamed user: at the last acknowledged revision, or one past it with the in-flight name.
      const renames = storm.attempts.filter((a) => a.user !== undefined);
      const lastAcked = renames.filter((a) => a.acknowledged).at(-1)?.user;
      const pending = renames.find((a) => !a.acknowledged)?.user;
      const row = await opened.db.selectFrom('documents').select('body').where('collection', '=', 'users').where('id', '=', WORLD.acme.member).executeTakeFirstOrThrow();
      const user = JSON.parse(row.body) as User;
      const floor = lastAcked?.revision ?? (me.user as unknown as User).revision;
      if (user.revision === floor) {
        if (lastAcked !== undefined) expect(user.displayName).toBe(lastAcked.displayName);
      } else {
        expect(user.revision).toBe(floor + 1);
        expect(user.displayName).toBe(pending?.displayName);
      }

      console.info(`${kind}: ${acked()} batches acknowledged, ${inFlight.length} in flight at the kill (${inFlight.filter((a) => a.ids.every((id) => has(a.collection, id))).length} of them committed), ${report.documents} documents, ledger size ${report.ledgerSize}`);
    } finally {
      await opened.close();
    }
  });
});

/**
 * The replication contract end to end: a real server on each database, a
 * real tRPC client over HTTP, the test world (test/world.ts).
 */
import { BUILT_IN_ROLE_IDS, COLLECTIONS, type AuditEvent, type RoleAssignment, type User } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentDoc, userDoc } from '../src/seed/builders.ts';
import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Client, type Harness } from './harness.ts';
import { WORLD, email } from './world.ts';

const id = (n: number): string => `01900000-0000-7000-9000-${n.toString(16).padStart(12, '0')}`;

async function pullAll(client: Client, collection: Parameters<Client['sync']['pull']['query']>[0]['collection'], checkpoint: unknown = null) {
  const docs: Record<string, unknown>[] = [];
  let cp = checkpoint as Parameters<Client['sync']['pull']['query']>[0]['checkpoint'];
  for (;;) {
    const page = await client.sync.pull.query({ collection, checkpoint: cp, limit: 100 });
    docs.push(...(page.documents as Record<string, unknown>[]));
    cp = page.checkpoint;
    if (page.documents.length < 100) return { docs, checkpoint: cp };
  }
}

describe.each(DATABASE_KINDS)('sync contract on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let acmeAdmin: Client;
  let acmeOfficer: Client;
  beforeAll(async () => {
    h = await startHarness(kind);
    acmeAdmin = await h.signIn(email('acme', 'admin'));
    acmeOfficer = await h.signIn(email('acme', 'officer'));
  });
  afterAll(() => h.close());

  it('refuses a wrong password and an unauthenticated pull', async () => {
    await expect(h.client().auth.login.mutate({ email: email('acme', 'admin'), password: 'wrong-password-123' })).rejects.toThrow(/incorrect/);
    await expect(h.client().sync.pull.query({ collection: 'users', checkpoint: null, limit: 10 })).rejects.toThrow(/Sign in/);
  });

  it('pulls only the caller\'s tenant, plus the built-in roles', async () => {
    const users = (await pullAll(acmeAdmin, 'users')).docs as User[];
    expect(users.map((u) => u.tenantId).every((t) => t === WORLD.acme.id)).toBe(true);
    expect(users).toHaveLength(3);
    const roles = (await pullAll(acmeAdmin, 'roles')).docs;
    expect(roles.map((r) => r['id'])).toContain(BUILT_IN_ROLE_IDS.tenantAdmin);
  });

  it('accepts an allowed write, sets the server fields, audits it into the ledger, and recognises a retry', async () => {
    const now = new Date().toISOString();
    const newUser = { ...userDoc(id(1), WORLD.acme.id, 'new@acme.test', 'New Person', '2020-01-01T00:00:00.000Z', 'invited'), revision: 0 };
    const first = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: newUser }] });
    expect(first).toEqual({ conflicts: [], rejections: [] });
    const stored = ((await pullAll(acmeAdmin, 'users')).docs as User[]).find((u) => u.id === id(1));
    expect(stored?.revision).toBe(1);
    expect((stored?.updatedAt ?? '') >= now.slice(0, 10)).toBe(true);
    const events = (await pullAll(acmeAdmin, 'auditEvents')).docs as AuditEvent[];
    const created = events.filter((e) => e.action === 'user.create' && e.resourceId === id(1));
    expect(created).toHaveLength(1);
    expect(created[0]?.actorId).toBe(WORLD.acme.admin);
    expect(created[0]?.ledgerIndex).toBeTypeOf('number');
    // The same push again (a retry after a lost response) changes nothing, and tells the client the stored revision and time.
    const retried = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: newUser }] });
    expect(retried).toEqual({ conflicts: [stored], rejections: [] });
    // A client that already holds the stored state hears nothing back.
    expect(await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: stored, newDocumentState: stored }] })).toEqual({ conflicts: [], rejections: [] });
    const again = (await pullAll(acmeAdmin, 'auditEvents')).docs as AuditEvent[];
    expect(again.filter((e) => e.action === 'user.create' && e.resourceId === id(1))).toHaveLength(1);
  });

  it('rejects a forbidden grant per row with the reason, returns a tombstone, and audits the refusal', async () => {
    const grant = { ...assignmentDoc(id(2), WORLD.acme.id, WORLD.acme.member, BUILT_IN_ROLE_IDS.complianceOfficer, WORLD.acme.officer, '2026-01-01T00:00:00.000Z'), revision: 0 };
    const result = await acmeOfficer.sync.push.mutate({ collection: 'roleAssignments', rows: [{ assumedMasterState: null, newDocumentState: grant }] });
    expect(result.rejections).toEqual([{ id: id(2), code: 'FORBIDDEN', reason: expect.stringMatching(/role:assign/) as unknown }]);
    expect(result.conflicts).toEqual([expect.objectContaining({ id: id(2), _deleted: true })]);
    const events = (await pullAll(acmeAdmin, 'auditEvents')).docs as AuditEvent[];
    expect(events.some((e) => e.action === 'roleAssignment.denied' && e.resourceId === id(2) && e.outcome === 'denied')).toBe(true);
  });

  it('reports a conflict with the server state when the assumed revision is stale', async () => {
    const users = (await pullAll(acmeAdmin, 'users')).docs as User[];
    const member = users.find((u) => u.id === WORLD.acme.member);
    if (member === undefined) throw new Error('member missing');
    const stale = { ...member, revision: member.revision - 1 };
    const result = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: stale, newDocumentState: { ...member, displayName: 'Renamed' } }] });
    expect(result.rejections).toEqual([]);
    expect(result.conflicts).toEqual([expect.objectContaining({ id: member.id, displayName: member.displayName, revision: member.revision })]);
  });

  it('never writes into another tenant and never reveals what is there', async () => {
    const intruder = { ...userDoc(id(3), WORLD.globex.id, 'x@globex.test', 'Intruder', '2026-01-01T00:00:00.000Z'), revision: 0 };
    const result = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: intruder }] });
    expect(result.rejections[0]?.code).toBe('FORBIDDEN');
    const existing = { ...userDoc(WORLD.globex.member, WORLD.globex.id, 'hijack@globex.test', 'Hijack', '2026-01-01T00:00:00.000Z'), revision: 1 };
    const hijack = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: existing, newDocumentState: existing }] });
    expect(hijack.rejections[0]?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(hijack.conflicts)).not.toContain('globex member');
    const globexAdmin = await h.signIn(email('globex', 'admin'));
    const globexUsers = (await pullAll(globexAdmin, 'users')).docs as User[];
    expect(globexUsers.find((u) => u.id === WORLD.globex.member)?.email).toBe(email('globex', 'member'));
  });

  it('keeps audit events append-only', async () => {
    const [event] = (await pullAll(acmeAdmin, 'auditEvents')).docs as AuditEvent[];
    if (event === undefined) throw new Error('no events');
    const result = await acmeAdmin.sync.push.mutate({ collection: 'auditEvents', rows: [{ assumedMasterState: event, newDocumentState: { ...event, outcome: 'failure' } }] });
    expect(result.rejections[0]?.code).toBe('IMMUTABLE');
  });

  it('answers a replica sending back what it pulled (its replication bookkeeping lost in a reload) without refusing or writing anything', async () => {
    const eventsBefore = (await pullAll(acmeAdmin, 'auditEvents')).docs.length;
    for (const collection of COLLECTIONS) {
      const { docs } = await pullAll(acmeOfficer, collection);
      const live = docs.filter((doc) => doc['_deleted'] !== true);
      if (live.length === 0) continue;
      const result = await acmeOfficer.sync.push.mutate({ collection, rows: live.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })) });
      expect(result, collection).toEqual({ conflicts: [], rejections: [] });
    }
    expect((await pullAll(acmeAdmin, 'auditEvents')).docs.length).toBe(eventsBefore);
    // What the caller may not read is still refused, however exactly it is copied: only its own attempt comes back, as a tombstone.
    const globexMember = ((await pullAll(await h.signIn(email('globex', 'admin')), 'users')).docs as User[]).find((u) => u.id === WORLD.globex.member);
    const copied = await acmeAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: null, newDocumentState: globexMember }] });
    expect(copied.rejections[0]?.code).toBe('FORBIDDEN');
    expect(copied.conflicts).toEqual([{ ...globexMember, revision: 0, _deleted: true }]);
  });

  it('enforces the seat limit on the server, with the numbers', async () => {
    const globexAdmin = await h.signIn(email('globex', 'admin'));
    const invite = (n: number) => ({ assumedMasterState: null, newDocumentState: { ...userDoc(id(10 + n), WORLD.globex.id, `invite${n}@globex.test`, `Invite ${n}`, '2026-01-01T00:00:00.000Z', 'invited'), revision: 0 } });
    const result = await globexAdmin.sync.push.mutate({ collection: 'users', rows: [invite(1), invite(2)] });
    expect(result.rejections).toEqual([{ id: id(12), code: 'QUOTA_EXCEEDED', reason: expect.stringMatching(/4/) as unknown }]);
  });

  it('backfills a tenant that enters the caller\'s scope and evicts one that leaves it', async () => {
    const platform = await h.signIn('platform@steward.test');
    const officer = acmeOfficer;
    const before = await pullAll(officer, 'users');
    expect((before.docs as User[]).every((u) => u.tenantId === WORLD.acme.id)).toBe(true);
    const grant = { ...assignmentDoc(id(20), WORLD.globex.id, WORLD.acme.officer, BUILT_IN_ROLE_IDS.complianceOfficer, WORLD.platformAdmin, '2026-01-01T00:00:00.000Z'), revision: 0 };
    expect((await platform.sync.push.mutate({ collection: 'roleAssignments', rows: [{ assumedMasterState: null, newDocumentState: grant }] })).rejections).toEqual([]);
    const grown = await pullAll(officer, 'users', before.checkpoint);
    expect((grown.docs as User[]).filter((u) => u.tenantId === WORLD.globex.id).length).toBeGreaterThanOrEqual(3);
    const revoke = { ...grant, revision: 1, _deleted: true };
    expect((await platform.sync.push.mutate({ collection: 'roleAssignments', rows: [{ assumedMasterState: { ...grant, revision: 1 }, newDocumentState: revoke }] })).rejections).toEqual([]);
    // A document the officer holds changes after the officer's checkpoint, then access is lost: it is evicted all the same.
    const globexAdmin = await h.signIn(email('globex', 'admin'));
    const globexMember = ((await pullAll(globexAdmin, 'users')).docs as User[]).find((u) => u.id === WORLD.globex.member);
    if (globexMember === undefined) throw new Error('globex member missing');
    const renamed = await globexAdmin.sync.push.mutate({ collection: 'users', rows: [{ assumedMasterState: globexMember, newDocumentState: { ...globexMember, displayName: 'Renamed later' } }] });
    expect(renamed.rejections).toEqual([]);
    const shrunk = await pullAll(officer, 'users', grown.checkpoint);
    const evicted = shrunk.docs.filter((d) => d['_evicted'] === true).map((d) => d['id']);
    expect(evicted).toEqual(expect.arrayContaining([WORLD.globex.admin, WORLD.globex.member]));
    expect(shrunk.docs.some((d) => d['tenantId'] === WORLD.globex.id)).toBe(false);
  });

  it('evicts what left the scope from a checkpoint still at the start: the caller may hold its own accepted pushes, never pulled', async () => {
    const platform = await h.signIn('platform@steward.test');
    const officer = await h.signIn(email('globex', 'officer'));
    // The officer sees Globex's reviews (none yet): an empty page, a checkpoint at the start of the log.
    const empty = await officer.sync.pull.query({ collection: 'auditReviews', checkpoint: null, limit: 100 });
    expect(empty.documents).toEqual([]);
    const event = ((await pullAll(officer, 'auditEvents')).docs as AuditEvent[]).find((e) => e.tenantId === WORLD.globex.id);
    if (event === undefined) throw new Error('no Globex event');
    const now = new Date().toISOString();
    const review = { id: id(40), tenantId: WORLD.globex.id, revision: 0, updatedAt: now, _deleted: false, eventId: event.id, reviewerId: WORLD.globex.officer, state: 'reviewed', note: '', createdAt: now };
    expect((await officer.sync.push.mutate({ collection: 'auditReviews', rows: [{ assumedMasterState: null, newDocumentState: review }] })).rejections).toEqual([]);
    // The officer loses every role in Globex before pulling again.
    const assignments = ((await pullAll(platform, 'roleAssignments')).docs as RoleAssignment[]).filter((a) => a.userId === WORLD.globex.officer && !a._deleted);
    expect(assignments.length).toBeGreaterThan(0);
    const revoked = await platform.sync.push.mutate({ collection: 'roleAssignments', rows: assignments.map((a) => ({ assumedMasterState: a, newDocumentState: { ...a, _deleted: true } })) });
    expect(revoked.rejections).toEqual([]);
    const after = await pullAll(officer, 'auditReviews', empty.checkpoint);
    expect(after.docs).toContainEqual({ id: id(40), _deleted: true, _evicted: true });
    // Without a checkpoint there is nothing to evict, and nothing outside the caller's scope is named.
    expect((await officer.sync.pull.query({ collection: 'auditReviews', checkpoint: null, limit: 100 })).documents).toEqual([]);
  });
});

/**
 * The reconcile path end to end in Node: a real sync server (in process,
 * SQLite, the server tests' small world) and the console's own replication
 * over an RxDB memory replica. The officer works "offline" (replication
 * stopped) while the admin changes things on the server; on reconnect the
 * server's refusals land in the reconcile store, the replica returns to the
 * server's state, and edits to different fields merge and are pushed.
 */
import { BUILT_IN_ROLE_IDS, fromRxDocument, toRxDocument, type AuditEvent, type RoleAssignment, type User } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { memoryStorage } from '../platform/memory-storage.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Client, type Harness } from '../../../../../sync-server/test/harness.ts';
import { WORLD, email } from '../../../../../sync-server/test/world.ts';
import type { ApiClient } from '../api/types.ts';
import { localAuditEvent } from '../audit/local-event.ts';
import { openReplicaDatabase, type ReplicaDatabase } from '../replica/database.ts';
import { newDocumentId } from '../replica/ids.ts';
import { createLocalWriter } from '../replica/local-writes.ts';
import { startReplication, type RunningReplication } from '../replica/replication.ts';
import { createSyncStatusStore } from '../replica/sync-status.ts';
import { openReconcileStore, type ReconcileStore } from './reconcile-store.ts';

const ACME = WORLD.acme;
let harness: Harness;
let admin: Client;

beforeAll(async () => {
  harness = await startHarness('sqlite');
  admin = await harness.signIn(email('acme', 'admin'));
}, 60_000);
afterAll(async () => {
  await harness.close();
});

/**
 * Node has no EventSource for the live stream; the test drives pulls by
 * going offline and online (replication restarts pull from the checkpoint).
 */
function withoutLiveStream(client: Client): ApiClient {
  const silent = { subscribe: () => ({ unsubscribe: () => undefined }) };
  return { auth: client.auth, sync: { pull: client.sync.pull, push: client.sync.push, stream: silent } } as unknown as ApiClient;
}

interface Device {
  readonly db: ReplicaDatabase;
  readonly store: ReconcileStore;
  online(): void;
  offline(): Promise<void>;
  close(): Promise<void>;
}

/** The officer's console: a replica and reconcile store that survive going offline (replication stopped) and back. */
async function officerDevice(): Promise<Device> {
  const api = withoutLiveStream(await harness.signIn(email('acme', 'officer')));
  const suffix = Math.random().toString(36).slice(2);
  const db = await openReplicaDatabase(`officer-${suffix}`, getRxStorageMemory());
  const store = await openReconcileStore(`officer-reconcile-${suffix}`, getRxStorageMemory());
  let running: RunningReplication | null = null;
  const pullStarts = memoryStorage();
  const device: Device = {
    db,
    store,
    online: () => {
      running = startReplication({
        db,
        api,
        serverUrl: harness.url,
        status: createSyncStatusStore(),
        reconcile: store,
        actorId: ACME.officer,
        onUnauthorized: () => undefined,
        now: () => Date.now(),
        pullStarts,
      });
    },
    offline: async () => {
      await running?.stop();
      running = null;
    },
    close: async () => {
      await device.offline();
      await store.remove();
      await db.remove();
    },
  };
  device.online();
  return device;
}

async function replicaDoc<C extends 'users' | 'roleAssignments' | 'auditEvents'>(db: ReplicaDatabase, collection: C, id: string) {
  const doc = await db.collections[collection].findOne(id).exec();
  if (doc === null) return null;
  const parsed = fromRxDocument(collection, doc.toJSON() as Record<string, unknown>);
  return parsed.ok ? parsed.value : null;
}

async function serverDoc<T>(collection: 'users' | 'roleAssignments' | 'auditEvents', id: string): Promise<T | undefined> {
  return (await serverDocs<T & { id: string }>(collection)).filter((doc) => doc.id === id).at(-1);
}

/** Everything the admin can pull of a collection, in change order. */
async function serverDocs<T>(collection: 'users' | 'roleAssignments' | 'auditEvents'): Promise<T[]> {
  const found: unknown[] = [];
  let checkpoint: Parameters<Client['sync']['pull']['query']>[0]['checkpoint'] = null;
  for (;;) {
    const page = await admin.sync.pull.query({ collection, checkpoint, limit: 1000 });
    found.push(...page.documents);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
  }
  return found as T[];
}

async function adminPush(collection: 'users' | 'roleAssignments', assumed: unknown, next: unknown) {
  const result = await admin.sync.push.mutate({ collection, rows: [{ assumedMasterState: assumed, newDocumentState: next }] });
  expect(result.rejections).toEqual([]);
}

const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 20_000, interval: 100 });

describe('reconcile against a real sync server', () => {
  it('keeps a grant the server refused after the officer lost the right, and returns the replica to the server’s state', async () => {
    // The admin makes the officer a tenant admin too: the officer may grant.
    const extra: RoleAssignment = { id: newDocumentId(), tenantId: ACME.id, revision: 0, updatedAt: new Date().toISOString(), _deleted: false, userId: ACME.officer, roleId: BUILT_IN_ROLE_IDS.tenantAdmin, grantedBy: ACME.admin, validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'Covering for the admin' };
    await adminPush('roleAssignments', null, extra);
    const officer = await officerDevice();
    try {
      await waitFor(async () => expect(await replicaDoc(officer.db, 'roleAssignments', extra.id)).not.toBeNull());
      await officer.offline();

      // Offline, the officer grants the member the auditor role (allowed by the replica: the officer is an admin there).
      const writer = createLocalWriter({ db: officer.db, actorId: ACME.officer, now: () => new Date().toISOString() });
      const granted: RoleAssignment = { ...extra, id: newDocumentId(), userId: ACME.member, roleId: BUILT_IN_ROLE_IDS.auditor, reason: 'Quarterly access review', grantedBy: ACME.officer };
      const local = await writer.write('roleAssignments', granted);
      expect(local.ok ? [] : local.issues).toEqual([]);

      // Meanwhile the admin revokes the officer's admin role.
      const stored = await serverDoc<RoleAssignment>('roleAssignments', extra.id);
      expect(stored?.revision).toBe(1);
      await adminPush('roleAssignments', stored, { ...stored, _deleted: true });

      officer.online();
      const [item] = await waitFor(async () => {
        const items = await officer.store.list();
        expect(items).toHaveLength(1);
        return items;
      });
      expect(item).toMatchObject({ kind: 'rejection', collection: 'roleAssignments', documentId: granted.id, code: 'FORBIDDEN', base: null, attempted: { userId: ACME.member, roleId: BUILT_IN_ROLE_IDS.auditor } });
      expect(item?.reason).toMatch(/role:assign/);
      expect(item?.server).toMatchObject({ id: granted.id, _deleted: true });
      // The replica is back at the server's truth: no such grant, and the officer's admin role gone.
      await waitFor(async () => {
        expect(await replicaDoc(officer.db, 'roleAssignments', granted.id)).toBeNull();
        expect(await replicaDoc(officer.db, 'roleAssignments', extra.id)).toBeNull();
      });
      expect(await serverDoc('roleAssignments', granted.id)).toBeUndefined();
      // Nothing is pushed again: the server saw the grant once (one denial in its audit trail).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await officer.store.list()).toHaveLength(1);
      const denials = (await serverDocs<{ action: string; resourceId: string }>('auditEvents')).filter((e) => e.resourceId === granted.id);
      expect(denials.map((e) => e.action)).toEqual(['roleAssignment.denied']);
    } finally {
      await officer.close();
    }
  }, 60_000);

  it('merges edits to different fields and pushes the merge; a field changed on both sides becomes a conflict item', async () => {
    const extra: RoleAssignment = { id: newDocumentId(), tenantId: ACME.id, revision: 0, updatedAt: new Date().toISOString(), _deleted: false, userId: ACME.officer, roleId: BUILT_IN_ROLE_IDS.tenantAdmin, grantedBy: ACME.admin, validFrom: '2026-01-01T00:00:00.000Z', expiresAt: null, reason: 'Second admin' };
    await adminPush('roleAssignments', null, extra);
    const officer = await officerDevice();
    try {
      await waitFor(async () => expect(await replicaDoc(officer.db, 'roleAssignments', extra.id)).not.toBeNull());
      const member = await waitFor(async () => {
        const doc = await replicaDoc(officer.db, 'users', ACME.member);
        expect(doc).not.toBeNull();
        return doc as User;
      });
      await officer.offline();
      const writer = createLocalWriter({ db: officer.db, actorId: ACME.officer, now: () => new Date().toISOString() });
      expect((await writer.write('users', { ...member, displayName: 'Officer’s name', mfaEnabled: false })).ok).toBe(true);

      const stored = await serverDoc<User>('users', ACME.member);
      await adminPush('users', stored, { ...stored, displayName: 'Admin’s name', status: 'disabled' });

      officer.online();
      const [item] = await waitFor(async () => {
        const items = await officer.store.list();
        expect(items).toHaveLength(1);
        return items;
      });
      expect(item).toMatchObject({ kind: 'conflict', code: 'CONFLICT', fields: [{ field: 'displayName', mine: 'Officer’s name', theirs: 'Admin’s name' }] });
      // The replica holds the server's state while the officer decides.
      await waitFor(async () => expect(await replicaDoc(officer.db, 'users', ACME.member)).toMatchObject({ displayName: 'Admin’s name', status: 'disabled', mfaEnabled: true }));

      // A later edit to a field only the officer touched merges and lands.
      await officer.offline();
      const now = (await replicaDoc(officer.db, 'users', ACME.member)) as User;
      expect((await writer.write('users', { ...now, mfaEnabled: false })).ok).toBe(true);
      const latest = await serverDoc<User>('users', ACME.member);
      await adminPush('users', latest, { ...latest, displayName: 'Admin’s second name' });
      officer.online();
      await waitFor(async () => expect(await serverDoc<User>('users', ACME.member)).toMatchObject({ displayName: 'Admin’s second name', mfaEnabled: false }));
      await waitFor(async () => expect(await replicaDoc(officer.db, 'users', ACME.member)).toMatchObject({ displayName: 'Admin’s second name', mfaEnabled: false }));
      expect(await officer.store.list()).toHaveLength(1);
    } finally {
      await officer.close();
    }
  }, 60_000);

  it('pushes an audit event recorded offline from the outbox once, and the replica takes the server’s copy', async () => {
    const officer = await officerDevice();
    try {
      await waitFor(async () => expect(await replicaDoc(officer.db, 'users', ACME.member)).not.toBeNull());
      await officer.offline();
      const writer = createLocalWriter({ db: officer.db, actorId: ACME.officer, now: () => new Date().toISOString() });
      const event = localAuditEvent({
        id: newDocumentId(),
        at: new Date().toISOString(),
        tenantId: ACME.id,
        actorId: ACME.officer,
        action: 'audit.export.offline',
        resourceType: 'auditEvent',
        resourceId: 'export-1',
        context: { events: 3 },
        pii: false,
      });
      const written = await writer.write('auditEvents', event);
      if (!written.ok) throw new Error(written.issues.map((issue) => issue.message).join(' '));
      expect(await officer.db.collections.auditOutbox.count().exec()).toBe(1);

      officer.online();
      await waitFor(async () => expect(await officer.db.collections.auditOutbox.count().exec()).toBe(0));
      const stored = await serverDoc<AuditEvent>('auditEvents', event.id);
      expect(stored).toMatchObject({ action: 'audit.export.offline', actorId: ACME.officer, observedAt: written.doc.occurredAt, revision: 1 });
      expect(stored?.ledgerIndex).toEqual(expect.any(Number));

      // The push landed but the outbox lost track of it (a crash before its clean-up): pushed again, the
      // server keeps the one it has and answers with it, and the replica takes that copy.
      await officer.offline();
      await officer.db.collections.auditOutbox.upsert(toRxDocument(written.doc));
      officer.online();
      await waitFor(async () => expect(await officer.db.collections.auditOutbox.count().exec()).toBe(0));
      await waitFor(async () => expect(await replicaDoc(officer.db, 'auditEvents', event.id)).toMatchObject({ revision: 1, ledgerIndex: stored?.ledgerIndex, occurredAt: stored?.occurredAt }));
      expect((await serverDocs<{ id: string }>('auditEvents')).filter((e) => e.id === event.id)).toHaveLength(1);
      expect(await officer.store.list()).toEqual([]);
    } finally {
      await officer.close();
    }
  }, 60_000);
});

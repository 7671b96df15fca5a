/**
 * A document the replica pushed but never pulled back must still leave the
 * replica when its person loses access (the simulation's seed 7).
 *
 * The officer reviews an event — the first review of the tenant — and the
 * push lands after that sync's pull of auditReviews came back empty; the
 * device goes offline before pulling again. RxDB keeps no checkpoint for an
 * empty pull, so the replica's next pull of auditReviews would start from
 * null and the server could not tell that the device holds anything there.
 * Replication keeps the server's checkpoint of that empty pull itself
 * (ReplicationDeps.pullStarts) and the server evicts what left the scope
 * even from a checkpoint still at the start of the log.
 */
import { BUILT_IN_ROLE_IDS, fromRxDocument, type AuditReview, type RoleAssignment } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Client, type Harness } from '../../../../../sync-server/test/harness.ts';
import { WORLD, email } from '../../../../../sync-server/test/world.ts';
import type { ApiClient } from '../api/types.ts';
import { memoryStorage } from '../platform/memory-storage.ts';
import { openReplicaDatabase, type ReplicaDatabase } from '../replica/database.ts';
import { newDocumentId } from '../replica/ids.ts';
import { createLocalWriter } from '../replica/local-writes.ts';
import { startReplication } from '../replica/replication.ts';
import { createSyncStatusStore, initialProgress, type SyncStatusStore } from '../replica/sync-status.ts';
import { openReconcileStore, type ReconcileStore } from './reconcile-store.ts';

const GLOBEX = WORLD.globex;
let harness: Harness;
let admin: Client;

beforeAll(async () => {
  harness = await startHarness('sqlite');
  admin = await harness.signIn(email('globex', 'admin'));
}, 60_000);
afterAll(async () => {
  await harness.close();
});

/** Resolves once every collection finished its first cycle and nothing waits for the server (as the simulation's devices do). */
function settled(status: SyncStatusStore): Promise<void> {
  const done = (): boolean => {
    const state = status.getState();
    const { done: finished, total } = initialProgress(state);
    return total > 0 && finished === total && state.pending.size === 0;
  };
  return new Promise((resolve) => {
    if (done()) return resolve();
    const unsubscribe = status.subscribe(() => {
      if (done()) {
        unsubscribe();
        resolve();
      }
    });
  });
}

async function adminPull<T>(collection: 'roleAssignments' | 'auditReviews' | 'auditEvents'): Promise<T[]> {
  const page = await admin.sync.pull.query({ collection, checkpoint: null, limit: 1_000 });
  return page.documents as T[];
}

describe('a pushed document the replica never pulled back', () => {
  const suffix = Math.random().toString(36).slice(2);
  let db: ReplicaDatabase;
  let reconcile: ReconcileStore;
  let officer: Client;
  let review: AuditReview;

  // The whole story runs here, so a step that goes wrong fails the suite instead of passing the known-gap test below.
  beforeAll(async () => {
    officer = await harness.signIn(email('globex', 'officer'));
    // The officer's auditReviews push waits until that sync's pull of auditReviews came back (empty): the order seed 7 ran in.
    let pulledReviews: () => void = () => undefined;
    const reviewsPulled = new Promise<void>((resolve) => (pulledReviews = resolve));
    const api = {
      auth: officer.auth,
      sync: {
        pull: {
          query: async (...args: Parameters<Client['sync']['pull']['query']>) => {
            const page = await officer.sync.pull.query(...args);
            if (args[0].collection === 'auditReviews') pulledReviews();
            return page;
          },
        },
        push: {
          mutate: async (...args: Parameters<Client['sync']['push']['mutate']>) => {
            if (args[0].collection === 'auditReviews') await reviewsPulled;
            return officer.sync.push.mutate(...args);
          },
        },
        stream: { subscribe: () => ({ unsubscribe: () => undefined }) },
      },
    } as unknown as ApiClient;
    db = await openReplicaDatabase(`evict-${suffix}`, getRxStorageMemory());
    reconcile = await openReconcileStore(`evict-reconcile-${suffix}`, getRxStorageMemory());
    const pullStarts = memoryStorage();
    const sync = async (): Promise<void> => {
      const status = createSyncStatusStore();
      const running = startReplication({ db, api, serverUrl: harness.url, status, reconcile, actorId: GLOBEX.officer, onUnauthorized: () => undefined, now: Date.now, pullStarts });
      try {
        await settled(status);
      } finally {
        await running.stop();
      }
    };
    const [event] = (await adminPull<{ id: string; tenantId: string | null }>('auditEvents')).filter((e) => e.tenantId === GLOBEX.id);
    if (event === undefined) throw new Error('the test world has no audit event of globex to review');
    const now = new Date().toISOString();
    review = { id: newDocumentId(), tenantId: GLOBEX.id, revision: 0, updatedAt: now, _deleted: false, eventId: event.id, reviewerId: GLOBEX.officer, state: 'flagged', note: 'Looked at it on the plane', createdAt: now };
    await sync(); // the world, before the review: the officer holds the tenant
    const written = await createLocalWriter({ db, actorId: GLOBEX.officer, now: () => new Date().toISOString() }).write('auditReviews', review);
    if (!written.ok) throw new Error(`the officer could not review: ${written.issues.map((i) => i.message).join(' ')}`);
    await sync(); // pulls auditReviews (nothing yet), then pushes the review
    if (!(await adminPull<AuditReview>('auditReviews')).some((r) => r.id === review.id)) throw new Error('the review did not reach the server');

    // Offline, the officer loses their only role in the tenant; then the device syncs.
    const [role] = (await adminPull<RoleAssignment>('roleAssignments')).filter((a) => a.userId === GLOBEX.officer && a.roleId === BUILT_IN_ROLE_IDS.complianceOfficer && !a._deleted);
    if (role === undefined) throw new Error('the officer holds no compliance officer role');
    const revoked = await admin.sync.push.mutate({ collection: 'roleAssignments', rows: [{ assumedMasterState: role, newDocumentState: { ...role, _deleted: true } }] });
    if (revoked.rejections.length > 0) throw new Error(`the revocation was refused: ${JSON.stringify(revoked.rejections)}`);
    await sync();
  }, 60_000);
  afterAll(async () => {
    await Promise.all([db.remove(), reconcile.remove()]);
  });

  it('stays on the server (append-only), out of the officer’s reach, and the rest of the tenant leaves the replica', async () => {
    expect((await adminPull<AuditReview>('auditReviews')).map((r) => r.id)).toContain(review.id);
    expect((await officer.sync.pull.query({ collection: 'auditReviews', checkpoint: null, limit: 1_000 })).documents).toEqual([]);
    expect(await db.collections.tenants.findOne(GLOBEX.id).exec()).toBeNull();
  });

  it('leaves the replica too', async () => {
    const held = await db.collections.auditReviews.findOne(review.id).exec();
    expect(held === null ? null : fromRxDocument('auditReviews', held.toJSON() as Readonly<Record<string, unknown>>)).toBeNull();
  });
});

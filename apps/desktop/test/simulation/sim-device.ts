/**
 * One simulated device: the desktop's real replica (RxDB, memory storage),
 * its real local writer (domain checks against the replica) and its real
 * replication (RxDB ⇄ the server's sync.pull / sync.push over HTTP).
 *
 * Replication runs only inside `sync()`: it starts, finishes RxDB's first
 * full cycle (push what is pending, pull what is new), and stops. A device
 * that is "offline" simply does not sync. The live stream is left out (its
 * `subscribe` never emits): pushes from other devices reach this one at its
 * next sync, which keeps a seed's interleaving decided by the PRNG alone.
 */
import { fromRxDocument, COLLECTIONS, type CollectionName, type DocumentOf, type DomainIssue } from '@steward/domain';
import type { RxStorage } from 'rxdb';
import { createApiClient } from '../../src/renderer/src/api/client.ts';
import type { ApiClient } from '../../src/renderer/src/api/types.ts';
import { REVOKE_ACTION, revokeWithReason } from '../../src/renderer/src/people/revoke.ts';
import { memoryStorage } from '../../src/renderer/src/platform/memory-storage.ts';
import { openReplicaDatabase, type ReplicaDatabase } from '../../src/renderer/src/replica/database.ts';
import { createLocalWriter, type LocalWriter } from '../../src/renderer/src/replica/local-writes.ts';
import { openReconcileStore } from '../../src/renderer/src/reconcile/reconcile-store.ts';
import { startReplication } from '../../src/renderer/src/replica/replication.ts';
import { createSyncStatusStore, initialProgress, type SyncStatusStore } from '../../src/renderer/src/replica/sync-status.ts';
import type { DeviceOp, KeptRefusal, LocalIntent, OpOutcome, Snapshot } from './protocol.ts';

export interface SimDeviceOptions {
  readonly replica: string;
  readonly serverUrl: string;
  readonly token: string;
  readonly userId: string;
  readonly storage: RxStorage<unknown, unknown>;
  /** Longest a sync may take before it counts as stuck. */
  readonly syncTimeoutMs?: number;
}

export interface SimDevice {
  readonly db: ReplicaDatabase;
  apply(op: DeviceOp): Promise<OpOutcome>;
  sync(): Promise<{ ms: number }>;
  snapshot(): Promise<Snapshot>;
  /** Everything the device's reconcile store holds (open or decided). */
  refusals(): Promise<readonly KeptRefusal[]>;
  close(): Promise<void>;
}

/** The real client, with the live stream left silent (see the module comment). */
export function apiWithoutLiveStream(serverUrl: string, token: string): ApiClient {
  const real = createApiClient(serverUrl, token);
  const silent = { subscribe: () => ({ unsubscribe: () => undefined }) };
  return { auth: real.auth, sync: { pull: real.sync.pull, push: real.sync.push, stream: silent } } as unknown as ApiClient;
}

export async function openSimDevice(options: SimDeviceOptions): Promise<SimDevice> {
  const db = await openReplicaDatabase(options.replica, options.storage);
  const reconcile = await openReconcileStore(`${options.replica}-reconcile`, options.storage);
  // The device's own preferences, kept across its syncs like a console's across restarts.
  const pullStarts = memoryStorage();
  const now = (): string => new Date().toISOString();
  const writer: LocalWriter = createLocalWriter({ db, actorId: options.userId, now });
  const api = apiWithoutLiveStream(options.serverUrl, options.token);
  const timeoutMs = options.syncTimeoutMs ?? 30_000;

  const read = async <C extends CollectionName>(collection: C, id: string): Promise<DocumentOf<C> | null> => {
    const doc = await db.collections[collection].findOne(id).exec();
    if (doc === null) return null;
    const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
    return parsed.ok && !parsed.value._deleted ? parsed.value : null;
  };

  const write = async <C extends CollectionName>(collection: C, next: DocumentOf<C>, expect: OpOutcome & { status: 'applied' }): Promise<OpOutcome> => {
    const result = await writer.write(collection, next);
    return result.ok ? expect : refused(result.issues);
  };

  const apply = async (op: DeviceOp): Promise<OpOutcome> => {
    const at = now();
    const base = { revision: 0, updatedAt: at, _deleted: false } as const;
    switch (op.type) {
      case 'editTenant': {
        const tenant = await read('tenants', op.tenantId);
        if (tenant === null) return { status: 'skipped', reason: 'tenant not in the replica' };
        return write('tenants', { ...tenant, [op.field]: op.value }, applied('tenants', op.tenantId, { [op.field]: op.value }));
      }
      case 'plan': {
        const tenant = await read('tenants', op.tenantId);
        if (tenant === null) return { status: 'skipped', reason: 'tenant not in the replica' };
        if (tenant.plan === op.plan) return { status: 'skipped', reason: 'already on that plan' };
        return write('tenants', { ...tenant, plan: op.plan }, applied('tenants', op.tenantId, { plan: op.plan }));
      }
      case 'editUser': {
        const user = await read('users', op.userId);
        if (user === null) return { status: 'skipped', reason: 'user not in the replica' };
        return write('users', { ...user, displayName: op.displayName }, applied('users', op.userId, { displayName: op.displayName }));
      }
      case 'grant': {
        const doc: DocumentOf<'roleAssignments'> = { ...base, id: op.id, tenantId: op.tenantId, userId: op.userId, roleId: op.roleId, grantedBy: options.userId, validFrom: at, expiresAt: null, reason: 'Granted in the simulation' };
        return write('roleAssignments', doc, applied('roleAssignments', op.id, { userId: op.userId, roleId: op.roleId, _deleted: false }));
      }
      case 'revoke': {
        const assignment = await read('roleAssignments', op.assignmentId);
        if (assignment === null) return { status: 'skipped', reason: 'assignment not in the replica (or already revoked)' };
        // As the console revokes: the reason as an audit event, then the tombstone, both through the writer.
        const result = await revokeWithReason(writer, assignment, { reason: op.reason, actorId: options.userId, eventId: op.eventId, at });
        if (!result.ok) return refused(result.issues);
        // The event is append-only with a fresh id: what the console meant is its action, subject, actor and reason.
        const event = intent('auditEvents', op.eventId, {
          action: REVOKE_ACTION,
          resourceId: assignment.id,
          actorId: options.userId,
          'context.reason': op.reason,
          'context.userId': assignment.userId,
          'context.roleId': assignment.roleId,
          _deleted: false,
        });
        return { status: 'applied', intents: [event, intent('roleAssignments', op.assignmentId, { _deleted: true })] };
      }
      case 'invite': {
        const doc: DocumentOf<'users'> = { ...base, id: op.id, tenantId: op.tenantId, email: op.email, displayName: `Invited ${op.email}`, status: 'invited', mfaEnabled: false };
        return write('users', doc, applied('users', op.id, { email: op.email, status: 'invited', _deleted: false }));
      }
      case 'review': {
        const doc: DocumentOf<'auditReviews'> = { ...base, id: op.id, tenantId: op.tenantId, eventId: op.eventId, reviewerId: options.userId, state: op.state, note: 'Reviewed in the simulation', createdAt: at };
        return write('auditReviews', doc, applied('auditReviews', op.id, { eventId: op.eventId, state: op.state, _deleted: false }));
      }
      case 'approve': {
        const run = await read('workflowRuns', op.runId);
        if (run === null) return { status: 'skipped', reason: 'run not in the replica' };
        if (run.approvals.some((a) => a.stepId === op.stepId && a.approverId === options.userId)) return { status: 'skipped', reason: 'already decided' };
        const next = { ...run, approvals: [...run.approvals, { stepId: op.stepId, approverId: options.userId, decision: op.decision, comment: '', at }] };
        return write('workflowRuns', next, {
          status: 'applied',
          intents: [{ collection: 'workflowRuns', docId: op.runId, expect: { kind: 'approval', stepId: op.stepId, approverId: options.userId, decision: op.decision } }],
        });
      }
    }
  };

  const sync = async (): Promise<{ ms: number }> => {
    const started = performance.now();
    const status = createSyncStatusStore();
    let unauthorized = false;
    const running = startReplication({ db, api, serverUrl: options.serverUrl, status, reconcile, actorId: options.userId, onUnauthorized: () => (unauthorized = true), now: Date.now, pullStarts });
    try {
      await settled(status, timeoutMs, () => unauthorized);
    } finally {
      await running.stop();
    }
    const ms = performance.now() - started;
    return { ms };
  };

  const snapshot = async (): Promise<Snapshot> => {
    const out: Partial<Record<CollectionName, Readonly<Record<string, unknown>>[]>> = {};
    for (const collection of COLLECTIONS) {
      const docs = await db.collections[collection].find().exec();
      const live: Readonly<Record<string, unknown>>[] = [];
      for (const doc of docs) {
        const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
        if (!parsed.ok) throw new Error(`replica holds an unreadable ${collection}/${doc.primary}: ${parsed.error.message}`);
        if (!parsed.value._deleted) live.push(parsed.value);
      }
      out[collection] = live;
    }
    return out;
  };

  return {
    db,
    apply,
    sync,
    snapshot,
    refusals: async () =>
      (await reconcile.all()).map((item) => ({ collection: item.collection, id: item.documentId, kind: item.kind, code: item.code, reason: item.reason, attempted: item.attempted })),
    close: async () => {
      await Promise.all([db.remove(), reconcile.remove()]);
    },
  };
}

function intent(collection: CollectionName, docId: string, values: Readonly<Record<string, unknown>>): LocalIntent {
  return { collection, docId, expect: { kind: 'fields', values } };
}

function applied(collection: CollectionName, docId: string, values: Readonly<Record<string, unknown>>): OpOutcome & { status: 'applied' } {
  return { status: 'applied', intents: [intent(collection, docId, values)] };
}

function refused(issues: readonly DomainIssue[]): OpOutcome {
  return { status: 'refused-locally', code: issues[0]?.code ?? 'INVALID', reason: issues.map((i) => i.message).join(' ') };
}

/** Resolves once every collection finished its first cycle and nothing is waiting for the server. */
function settled(status: SyncStatusStore, timeoutMs: number, refused: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const state = status.getState();
      const { done: finished, total } = initialProgress(state);
      return total > 0 && finished === total && state.pending.size === 0;
    };
    if (done()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      const state = status.getState();
      reject(new Error(`sync did not settle in ${timeoutMs} ms (${initialProgress(state).done}/${initialProgress(state).total} collections, ${[...state.pending].join(' ')} pending, last error: ${state.lastError ?? 'none'})`));
    }, timeoutMs);
    const unsubscribe = status.subscribe(() => {
      if (refused()) {
        clearTimeout(timer);
        unsubscribe();
        reject(new Error('the server refused the session token'));
      } else if (done()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

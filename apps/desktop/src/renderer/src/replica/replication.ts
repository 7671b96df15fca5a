/**
 * Replicates every collection of the replica with the sync server through
 * RxDB's own replication protocol, which the server's API is shaped after:
 * pull → sync.pull, push → sync.push, pull.stream$ ← sync.stream. Calls
 * retry with backoff; nothing here blocks the console from showing what
 * the replica already holds. Audit events are pulled only; the ones this
 * device records are pushed from its outbox (audit-outbox.ts, ADR 12).
 */
import { COLLECTIONS } from '@steward/domain';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { concatMap, filter, type Subscription } from 'rxjs';
import { describeApiError } from '../api/errors.ts';
import type { ApiClient, CollectionName, PullCheckpoint, PushRow } from '../api/types.ts';
import type { KeyValueStore } from '../platform/platform.ts';
import type { DocumentState } from '../reconcile/reconcile-item.ts';
import type { ReplicaCollection, ReplicaDatabase, ReplicaFields } from './database.ts';
import { conflictRouterOf, type ConflictRouter } from '../reconcile/conflict-handler.ts';
import type { ReconcileStore } from '../reconcile/reconcile-store.ts';
import { keepRefusals } from '../reconcile/refusals.ts';
import { startAuditOutbox } from './audit-outbox.ts';
import { toReplicaDocuments, toServerRows, type ReplicaDocument, type ReplicaWriteRow } from './documents.ts';
import { liveStream } from './live-stream.ts';
import { replicationIdentifierFor } from './replica-name.ts';
import { createWaker, withRetry } from './retry.ts';
import { demuxStream } from './stream-demux.ts';
import type { SyncStatusStore } from './sync-status.ts';

export interface ReplicationDeps {
  readonly db: ReplicaDatabase;
  readonly api: ApiClient;
  readonly serverUrl: string;
  readonly status: SyncStatusStore;
  /** Where every refused or conflicting change is kept for the officer (never replicated). */
  readonly reconcile: ReconcileStore;
  /** The signed-in user: merged conflicts are checked as this actor before they are pushed. */
  readonly actorId: string;
  /** The server refused the token: the session is over (the replica is kept). */
  readonly onUnauthorized: () => void;
  readonly now: () => number;
  /**
   * Kept across restarts: the checkpoint the server gave each collection's
   * first, empty pull. RxDB keeps a pull checkpoint only when a page holds
   * documents; without this the replica would pull a collection it never
   * received anything of from null ("I hold nothing") while it does hold
   * its own accepted pushes — and the server could not tell it to drop them
   * when its access shrank.
   */
  readonly pullStarts: KeyValueStore;
}

export interface RunningReplication {
  stop(): Promise<void>;
  /** The network is back: end every backoff wait (calls and the live stream) and pull every collection now. */
  retryNow(): void;
}

/** The server caps a pull at 1,000; audit events are the bulk of any replica, the rest is small. */
const PULL_BATCH: Partial<Record<CollectionName, number>> = { auditEvents: 1_000 };
const DEFAULT_PULL_BATCH = 500;
/** Append-only, fresh ids, never merged: pulled only, with no per-document replication state (ADR 12); what the device records goes through audit-outbox.ts. */
const PULL_ONLY: CollectionName = 'auditEvents';
/** The server takes up to 500 rows a push; smaller batches keep one refusal from holding many writes. */
const PUSH_BATCH = 100;
/** RxDB's own retry, for errors withRetry gave up on (a refused checkpoint, say). */
const RXDB_RETRY_MS = 10_000;

/** The rows sent, by id, in domain form (what the reconcile store keeps as attempted and base). */
function sentById(wire: readonly PushRow[]): Map<string, { assumedMasterState: DocumentState | null; newDocumentState: DocumentState }> {
  const out = new Map<string, { assumedMasterState: DocumentState | null; newDocumentState: DocumentState }>();
  for (const row of wire) {
    const next = row.newDocumentState as DocumentState;
    if (typeof next['id'] === 'string') out.set(next['id'], { newDocumentState: next, assumedMasterState: (row.assumedMasterState ?? null) as DocumentState | null });
  }
  return out;
}

/** A checkpoint kept under `key` (the server seals and checks it; a damaged one reads as none). */
function storedCheckpoint(store: KeyValueStore, key: string): { read(): PullCheckpoint | null; keep(checkpoint: PullCheckpoint): void; forget(): void } {
  return {
    read: () => {
      try {
        const text = store.getItem(key);
        return text === null ? null : (JSON.parse(text) as PullCheckpoint);
      } catch {
        return null;
      }
    },
    keep: (checkpoint) => store.setItem(key, JSON.stringify(checkpoint)),
    forget: () => store.removeItem(key),
  };
}

export function startReplication(deps: ReplicationDeps): RunningReplication {
  const { db, api, status, now } = deps;
  const abort = new AbortController();
  const waker = createWaker();
  const subscriptions: Subscription[] = [];
  status.getState().started(COLLECTIONS, now());
  const conflicts = conflictRouterOf(db);
  const detachConflicts = conflicts.attach({ reconcile: deps.reconcile, actorId: deps.actorId, now });

  /** A server call that retries while the server is unreachable, and ends the session when it refuses the token. */
  const call = <T>(run: () => Promise<T>): Promise<T> =>
    withRetry(run, {
      signal: abort.signal,
      shouldRetry: (error) => {
        const info = describeApiError(error, deps.serverUrl);
        if (info.kind === 'unauthorized') deps.onUnauthorized();
        return info.retryable;
      },
      onRetry: (error) => status.getState().disconnected(describeApiError(error, deps.serverUrl).message),
      sleep: waker.sleep,
    });

  /**
   * Pushes one batch and returns the state each row the server did not take
   * goes back to. Every refusal is kept in the reconcile store before the
   * caller hears the answer; `marks` tells the conflict handler which rows
   * were refused (the outbox, which has none, marks nothing).
   */
  const push = async (name: CollectionName, rows: readonly ReplicaWriteRow[], marks: Pick<ConflictRouter, 'markRefused'>): Promise<ReplicaDocument[]> => {
    const ids = rows.map((row) => row.newDocumentState.id);
    status.getState().pushStarted(name, ids);
    const { rows: wire, refused } = toServerRows(name, rows);
    const result = wire.length === 0 ? { rejections: [], conflicts: [] } : await call(() => api.sync.push.mutate({ collection: name, rows: wire }, { signal: abort.signal }));
    const refusals = [...refused, ...result.rejections];
    const states = await keepRefusals({ collection: name, rows, sent: sentById(wire), refusals, conflicts: result.conflicts, at: new Date(now()).toISOString() }, deps.reconcile, marks);
    status.getState().rejected(name, refusals, now());
    status.getState().pushSettled(name, ids, now());
    return states;
  };

  const outbox = startAuditOutbox({
    db,
    push: (rows) => push(PULL_ONLY, rows, { markRefused: () => undefined }),
    onRecorded: (ids) => status.getState().localWritten(PULL_ONLY, ids),
    batchSize: PUSH_BATCH,
    retryMs: RXDB_RETRY_MS,
    onError: (error) => {
      if (!abort.signal.aborted) status.getState().disconnected(describeApiError(error, deps.serverUrl).message);
    },
  });

  const stream = liveStream({
    api,
    serverUrl: deps.serverUrl,
    collections: COLLECTIONS,
    onConnected: () => status.getState().connected(now()),
    onDisconnected: (message) => status.getState().disconnected(message),
    onUnauthorized: deps.onUnauthorized,
    sleep: waker.sleep,
  });
  const streamOf = demuxStream(stream);

  const states = COLLECTIONS.map((name) => {
    const collection: ReplicaCollection = db.collections[name];
    const pullStart = storedCheckpoint(deps.pullStarts, `steward.pullStart.${db.name}.${name}`);
    const findLocal = async (ids: readonly string[]) => {
      const docs = await collection.findByIds([...ids]).exec();
      return new Map([...docs].map(([id, doc]) => [id, doc.toJSON() as Readonly<Record<string, unknown>>]));
    };
    const toReplica = (documents: Parameters<typeof toReplicaDocuments>[1]) => toReplicaDocuments(name, documents, findLocal);
    const stream$ = streamOf(name).pipe(
        concatMap(async (item) => {
          if (item === 'RESYNC') return 'RESYNC' as const;
          const documents = await toReplica(item.documents);
          status.getState().received(name, documents.length, now());
          return { documents, checkpoint: item.checkpoint };
        }),
      );

    const state: RxReplicationState<ReplicaFields, PullCheckpoint> = replicateRxCollection<ReplicaFields, PullCheckpoint>({
      collection,
      replicationIdentifier: replicationIdentifierFor(deps.serverUrl, name),
      live: true,
      retryTime: RXDB_RETRY_MS,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: PULL_BATCH[name] ?? DEFAULT_PULL_BATCH,
        handler: async (checkpoint, batchSize) => {
          const pull = (from: PullCheckpoint | null) => call(() => api.sync.pull.query({ collection: name, checkpoint: from, limit: batchSize }, { signal: abort.signal }));
          const from = checkpoint ?? pullStart.read();
          const result = await pull(from).catch((error: unknown) => {
            // A checkpoint the server no longer accepts (its data was reset, say): start over rather than stall forever.
            if (from === null || describeApiError(error, deps.serverUrl).kind !== 'invalid') throw error;
            pullStart.forget();
            return pull(null);
          });
          if (checkpoint == null && result.documents.length === 0) pullStart.keep(result.checkpoint);
          const documents = await toReplica(result.documents);
          status.getState().received(name, documents.length, now());
          return { documents, checkpoint: result.checkpoint };
        },
        stream$,
      },
      ...(name === PULL_ONLY ? {} : { push: { batchSize: PUSH_BATCH, handler: (rows) => push(name, rows, conflicts) } }),
    });
    // Writes made on this device (RxDB's own replication writes say "replication-…"): pending until push answers.
    // (The outbox says which audit events are waiting.)
    if (name !== PULL_ONLY) {
      subscriptions.push(
        collection.eventBulks$.pipe(filter((bulk) => !bulk.context.startsWith('replication-'))).subscribe((bulk) => {
          status.getState().localWritten(name, bulk.events.map((event) => event.documentId));
        }),
      );
    }
    subscriptions.push(
      state.error$.subscribe((error) => {
        // RxDB wraps handler errors (parameters.errors), but passes a failed pull stream's error as it is.
        if (!abort.signal.aborted) status.getState().disconnected(describeApiError(error.parameters?.errors?.[0] ?? error, deps.serverUrl).message);
      }),
    );
    Promise.all([state.awaitInitialReplication(), name === PULL_ONLY ? outbox.firstDrain : undefined])
      .then(() => status.getState().initialDone(name, now()))
      .catch(() => undefined);
    return state;
  });

  return {
    retryNow: () => {
      if (abort.signal.aborted) return;
      waker.wake();
      for (const state of states) state.reSync();
      outbox.drain();
    },
    stop: async () => {
      abort.abort();
      detachConflicts();
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all([...states.map((state) => state.cancel()), outbox.stop()]);
    },
  };
}

/**
 * `retryNow()`, what the console calls when the network comes back
 * (main.tsx: watchNetworkPresence → replica manager → here): it ends the
 * backoff waits of the calls that failed while the server was unreachable,
 * and pulls every collection again. The replica is real (RxDB memory
 * storage); the server is a stand-in that is unreachable or answers empty
 * pages. Backoff waits are the real waker's, stretched to an hour, so only a
 * wake ends one while the test runs.
 */
import { COLLECTIONS } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, CollectionName, PullCheckpoint, PullInput } from '../api/types.ts';
import { memoryStorage } from '../platform/memory-storage.ts';
import { openReconcileStore, type ReconcileStore } from '../reconcile/reconcile-store.ts';
import { openReplicaDatabase, type ReplicaDatabase } from './database.ts';
import { startReplication, type RunningReplication } from './replication.ts';
import type * as Retry from './retry.ts';
import { createSyncStatusStore } from './sync-status.ts';

const waits = vi.hoisted(() => ({ started: 0 }));

vi.mock('./retry.ts', async (importOriginal) => {
  const retry = await importOriginal<typeof Retry>();
  return {
    ...retry,
    createWaker: (): ReturnType<typeof retry.createWaker> => {
      const waker = retry.createWaker();
      return {
        sleep: (_ms, signal) => {
          waits.started++;
          return waker.sleep(3_600_000, signal);
        },
        wake: waker.wake,
      };
    },
  };
});

const SERVER = 'http://127.0.0.1:4848';
const CHECKPOINT = { seq: 1 } as unknown as PullCheckpoint;
/** A bound for a failing test only (a loaded machine opens a replica slowly); nothing here measures time. */
const UNTIL_MS = 30_000;
const until = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: UNTIL_MS, interval: 20 });

/** The sync server as the replication sees it: unreachable until told otherwise, then empty pages; pulls answered are counted by collection. */
function fakeServer(reachable: boolean) {
  const server = { reachable, failed: [] as CollectionName[], answered: [] as CollectionName[] };
  const api = {
    sync: {
      pull: {
        query: (input: PullInput) => {
          if (!server.reachable) {
            server.failed.push(input.collection);
            return Promise.reject(new TypeError('fetch failed'));
          }
          server.answered.push(input.collection);
          return Promise.resolve({ documents: [], checkpoint: CHECKPOINT });
        },
      },
      push: { mutate: () => Promise.reject(new Error('nothing is written in these tests')) },
      stream: { subscribe: () => ({ unsubscribe: () => undefined }) },
    },
  } as unknown as ApiClient;
  return { server, api };
}

let opened: { running: RunningReplication; db: ReplicaDatabase; reconcile: ReconcileStore } | null = null;

async function start(api: ApiClient): Promise<RunningReplication> {
  const suffix = Math.random().toString(36).slice(2);
  const db = await openReplicaDatabase(`replication-${suffix}`, getRxStorageMemory());
  const reconcile = await openReconcileStore(`replication-reconcile-${suffix}`, getRxStorageMemory());
  const running = startReplication({
    db,
    api,
    serverUrl: SERVER,
    status: createSyncStatusStore(),
    reconcile,
    actorId: 'officer',
    onUnauthorized: () => undefined,
    now: () => 0,
    pullStarts: memoryStorage(),
  });
  opened = { running, db, reconcile };
  return running;
}

afterEach(async () => {
  if (opened === null) return;
  await opened.running.stop();
  await opened.reconcile.remove();
  await opened.db.remove();
  opened = null;
  waits.started = 0;
});

const sorted = (names: readonly CollectionName[]): CollectionName[] => [...new Set(names)].sort();

describe('retryNow', () => {
  it('ends the backoff wait of every pull that failed while the server was unreachable, and pulls each collection now', async () => {
    const { server, api } = fakeServer(false);
    const running = await start(api);
    // Every collection's first pull failed and is waiting out its (hour-long) backoff.
    await until(() => expect(waits.started).toBe(COLLECTIONS.length));
    expect(sorted(server.failed)).toEqual(sorted(COLLECTIONS));
    expect(server.answered).toEqual([]);

    server.reachable = true;
    running.retryNow();
    await until(() => expect(sorted(server.answered)).toEqual(sorted(COLLECTIONS)));
    expect(server.failed).toHaveLength(COLLECTIONS.length);
  }, 2 * UNTIL_MS);

  it('pulls every collection again when nothing was waiting', async () => {
    const { server, api } = fakeServer(true);
    const running = await start(api);
    await until(() => expect(sorted(server.answered)).toEqual(sorted(COLLECTIONS)));
    server.answered.length = 0;

    running.retryNow();
    await until(() => expect(sorted(server.answered)).toEqual(sorted(COLLECTIONS)));
    expect(waits.started).toBe(0);
  }, 2 * UNTIL_MS);
});

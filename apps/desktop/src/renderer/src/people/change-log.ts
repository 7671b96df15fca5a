/**
 * The grants and revocations made on the Users screen this session, newest
 * first, kept while the person moves between screens; each shows where it
 * stands through the one change status rule (replica/change-status.ts).
 */
import type { CollectionName } from '@steward/domain';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ChangeKind = 'grant' | 'revoke';

export interface LocalChange {
  readonly collection: CollectionName;
  readonly id: string;
  readonly kind: ChangeKind;
  /** What the person did, in words ("Granted Auditor to Maya Chen"). */
  readonly summary: string;
  /** The reason the person gave. */
  readonly reason: string;
  readonly userId: string;
  readonly tenantId: string;
  /** Epoch ms of the local write: refusals older than this belong to an earlier write. */
  readonly at: number;
}

export interface ChangeLogState {
  /** Newest first. */
  readonly changes: readonly LocalChange[];
  record(change: LocalChange): void;
}

export type ChangeLogStore = StoreApi<ChangeLogState>;

export function createChangeLog(): ChangeLogStore {
  return createStore<ChangeLogState>()((set, get) => ({
    changes: [],
    record: (change) => set({ changes: [change, ...get().changes.filter((c) => !(c.collection === change.collection && c.id === change.id && c.at === change.at))] }),
  }));
}

const logs = new WeakMap<object, ChangeLogStore>();

/** One change log per replica (a replica is one person on one server), made on first use. */
export function changeLogFor(replica: object): ChangeLogStore {
  let log = logs.get(replica);
  if (log === undefined) {
    log = createChangeLog();
    logs.set(replica, log);
  }
  return log;
}

/**
 * Audit events are replicated pull-only (ADR 12): they are append-only,
 * made with fresh ids and never merged, so the "assumed master state" RxDB
 * keeps for every document of a collection that pushes (half the writes of
 * an initial sync) buys them nothing. The few events this device records
 * itself — a revoke's reason, a reconcile decision, an offline export — go
 * through this outbox instead:
 *
 * - `recordAuditEvent` writes the event to the outbox, then to the replica
 *   (so the screens show it at once). In that order: whatever is in the
 *   outbox is pushed, and an event the replica missed comes back with the
 *   pull.
 * - `startAuditOutbox` pushes what the outbox holds, oldest first, in
 *   batches, and again on every new entry and on `drain()`; each batch
 *   settles in the replica (a refused event is removed — the reconcile store
 *   keeps it — and the server's state of a kept one is taken) before it
 *   leaves the outbox. A push that fails keeps the batch for the next try;
 *   one that landed but was not taken out is pushed again and the server
 *   answers with what it holds. A sent event leaves no tombstone behind.
 */
import type { ReplicaDocument, ReplicaWriteRow } from './documents.ts';
import type { ReplicaCollection, ReplicaDatabase, ReplicaFields } from './database.ts';

export interface AuditOutboxDeps {
  readonly db: ReplicaDatabase;
  /** Pushes one batch (as the replication pushes any collection) and returns the state each row the server did not take must return to. */
  readonly push: (rows: readonly ReplicaWriteRow[]) => Promise<readonly ReplicaDocument[]>;
  /** Events written to the outbox on this device, before push picks them up. */
  readonly onRecorded: (ids: readonly string[]) => void;
  readonly batchSize: number;
  /** How long to wait before trying again after a push failed for a reason retrying at once would not cure. */
  readonly retryMs: number;
  /** A push failed (the batch stays in the outbox). */
  readonly onError: (error: unknown) => void;
}

export interface RunningAuditOutbox {
  /** Resolves when the outbox has been emptied once since it started (never, while every push fails). */
  readonly firstDrain: Promise<void>;
  /** Push what the outbox holds now (the network is back, say). */
  drain(): void;
  /** Stops pushing; resolves when no outbox or replica write is under way. */
  stop(): Promise<void>;
}

/** Records an event this device made: outbox first, then the replica. */
export async function recordAuditEvent(db: ReplicaDatabase, event: ReplicaFields): Promise<void> {
  await db.collections.auditOutbox.upsert(event);
  await db.collections.auditEvents.upsert(event);
}

/** The server's answer for rows it did not take, applied to the replica: its state, or the event gone (a refusal). */
async function settleInReplica(events: ReplicaCollection, states: readonly ReplicaDocument[]): Promise<void> {
  const gone = states.filter((state) => state._deleted).map((state) => state.id);
  const kept = states.filter((state) => !state._deleted).map(({ _deleted: _ignored, ...fields }) => fields);
  if (gone.length > 0) await events.bulkRemove(gone);
  if (kept.length > 0) await events.bulkUpsert(kept);
}

export function startAuditOutbox({ db, push, onRecorded, batchSize, retryMs, onError }: AuditOutboxDeps): RunningAuditOutbox {
  const outbox = db.collections.auditOutbox;
  let stopped = false;
  let again = false;
  let running: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let drained!: () => void;
  const firstDrain = new Promise<void>((resolve) => (drained = resolve));

  const pushAll = async (): Promise<void> => {
    for (;;) {
      const held = await outbox.find({ selector: {}, sort: [{ occurredAt: 'asc' }, { id: 'asc' }], limit: batchSize }).exec();
      if (held.length === 0 || stopped) return;
      const batch = held.map((doc) => doc.toJSON() as unknown as ReplicaDocument);
      const states = await push(batch.map((newDocumentState) => ({ newDocumentState })));
      await settleInReplica(db.collections.auditEvents, states);
      await outbox.bulkRemove(batch.map((event) => event.id));
      // An outbox keeps nothing it has sent, not even RxDB's tombstones of it.
      while (!(await outbox.storageInstance.cleanup(0)));
    }
  };

  const drain = (): void => {
    if (stopped) return;
    clearTimeout(retry);
    if (running !== null) {
      again = true;
      return;
    }
    running = pushAll()
      .then(() => {
        if (!stopped && !again) drained();
      })
      // The batch stays in the outbox; a stopped outbox leaves it for the next start.
      .catch((error: unknown) => {
        if (stopped) return;
        onError(error);
        retry = setTimeout(drain, retryMs);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          drain();
        }
      });
  };

  const subscription = outbox.eventBulks$.subscribe((bulk) => {
    const recorded = bulk.events.filter((event) => event.operation !== 'DELETE').map((event) => event.documentId);
    if (recorded.length === 0) return;
    onRecorded(recorded);
    drain();
  });
  drain();

  return {
    firstDrain,
    drain,
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      subscription.unsubscribe();
      await running;
    },
  };
}

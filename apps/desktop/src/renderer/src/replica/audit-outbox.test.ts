/**
 * The outbox of audit events this device records, over a real RxDB replica
 * (memory storage); the push is a stand-in that answers as the replication's
 * push does (the states of the rows the server did not take).
 */
import { toRxDocument } from '@steward/domain';
import { getChangedDocumentsSince } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordAuditEvent, startAuditOutbox, type RunningAuditOutbox } from './audit-outbox.ts';
import { openReplicaDatabase, type ReplicaDatabase, type ReplicaFields } from './database.ts';
import type { ReplicaDocument, ReplicaWriteRow } from './documents.ts';
import { auditEvent, eventId } from './fixtures.ts';

/** A bound for a failing test only; nothing here measures time. */
const until = (check: () => void | Promise<void>): Promise<void> => vi.waitFor(check, { timeout: 10_000, interval: 10 });

const local = (n: number, fields: Parameters<typeof auditEvent>[1] = {}): ReplicaFields => toRxDocument(auditEvent(n, { revision: 0, ledgerIndex: null, ...fields }));

type Answer = (rows: readonly ReplicaWriteRow[]) => Promise<readonly ReplicaDocument[]>;

let db: ReplicaDatabase | null = null;
let outbox: RunningAuditOutbox | null = null;

async function open(): Promise<ReplicaDatabase> {
  db = await openReplicaDatabase(`outbox-${Math.random().toString(36).slice(2)}`, getRxStorageMemory());
  return db;
}

/** Starts the outbox with `answer` as the server; every batch it was handed is kept, in order. */
function start(replica: ReplicaDatabase, answer: Answer = () => Promise.resolve([]), batchSize = 100) {
  const pushed: string[][] = [];
  const recorded: string[] = [];
  const errors: string[] = [];
  outbox = startAuditOutbox({
    db: replica,
    push: (rows) => {
      pushed.push(rows.map((row) => row.newDocumentState.id));
      return answer(rows);
    },
    onRecorded: (ids) => recorded.push(...ids),
    batchSize,
    retryMs: 50,
    onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
  });
  return { pushed, recorded, errors, running: outbox };
}

const ids = async (replica: ReplicaDatabase, name: 'auditEvents' | 'auditOutbox'): Promise<string[]> => (await replica.collections[name].find().exec()).map((doc) => doc.primary).sort();

afterEach(async () => {
  await outbox?.stop();
  await db?.remove();
  outbox = null;
  db = null;
});

describe('audit outbox', () => {
  it('shows a recorded event at once, pushes it, and empties the outbox once the server took it', async () => {
    const replica = await open();
    const { pushed, recorded, running } = start(replica);
    await running.firstDrain;
    await recordAuditEvent(replica, local(1));
    expect(await ids(replica, 'auditEvents')).toEqual([eventId(1)]);
    await until(async () => expect(await ids(replica, 'auditOutbox')).toEqual([]));
    expect(pushed).toEqual([[eventId(1)]]);
    expect(recorded).toEqual([eventId(1)]);
    // Not even a tombstone of it is kept.
    await until(async () => expect((await getChangedDocumentsSince(replica.collections.auditOutbox.storageInstance, 10)).documents).toEqual([]));
    // The replica keeps its copy until the pull brings the server's.
    expect(await ids(replica, 'auditEvents')).toEqual([eventId(1)]);
  });

  it('pushes what an earlier session left in the outbox, oldest first, in batches', async () => {
    const replica = await open();
    // Event 3 happened first.
    for (const n of [2, 1]) await recordAuditEvent(replica, local(n));
    await recordAuditEvent(replica, local(3, { occurredAt: '2026-01-01T00:00:00.000Z' }));
    const { pushed, running } = start(replica, undefined, 2);
    await running.firstDrain;
    expect(pushed).toEqual([[eventId(3), eventId(1)], [eventId(2)]]);
    expect(await ids(replica, 'auditOutbox')).toEqual([]);
  });

  it('removes an event the server refused from the replica (the reconcile store keeps it) and takes the server’s copy of one it already held', async () => {
    const replica = await open();
    await recordAuditEvent(replica, local(1));
    await recordAuditEvent(replica, local(2));
    const answer: Answer = (rows) =>
      Promise.resolve(
        rows.map((row) =>
          row.newDocumentState.id === eventId(1)
            ? { ...row.newDocumentState, _deleted: true }
            : ({ ...toRxDocument(auditEvent(2, { ledgerIndex: 7 })), id: eventId(2), _deleted: false }),
        ),
      );
    const { running } = start(replica, answer);
    await running.firstDrain;
    expect(await ids(replica, 'auditEvents')).toEqual([eventId(2)]);
    expect((await replica.collections.auditEvents.findOne(eventId(2)).exec())?.toJSON()).toMatchObject({ serverRevision: 1, ledgerIndex: 7 });
    expect(await ids(replica, 'auditOutbox')).toEqual([]);
  });

  it('keeps the batch when a push fails and pushes it again later', async () => {
    const replica = await open();
    await recordAuditEvent(replica, local(1));
    let fail = true;
    const { pushed, errors, running } = start(replica, () => (fail ? Promise.reject(new Error('refused checkpoint')) : Promise.resolve([])));
    await until(() => expect(errors.length).toBeGreaterThanOrEqual(1));
    expect(errors[0]).toBe('refused checkpoint');
    expect(await ids(replica, 'auditOutbox')).toEqual([eventId(1)]);
    fail = false;
    await running.firstDrain;
    expect(await ids(replica, 'auditOutbox')).toEqual([]);
    expect(pushed.at(-1)).toEqual([eventId(1)]);
  });

  it('leaves an unanswered batch in the outbox when stopped, for the next start to push', async () => {
    const replica = await open();
    await recordAuditEvent(replica, local(1));
    let reject: (error: Error) => void = () => undefined;
    const { pushed, errors, running } = start(replica, () => new Promise((_resolve, fail) => (reject = fail)));
    await until(() => expect(pushed).toHaveLength(1));
    const stopped = running.stop();
    reject(new Error('aborted'));
    await stopped;
    expect(errors).toEqual([]);
    expect(await ids(replica, 'auditOutbox')).toEqual([eventId(1)]);

    const next = start(replica);
    await next.running.firstDrain;
    expect(next.pushed).toEqual([[eventId(1)]]);
    expect(await ids(replica, 'auditOutbox')).toEqual([]);
  });
});

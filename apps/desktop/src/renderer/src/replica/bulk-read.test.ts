import { toRxDocument } from '@steward/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { readInPages, readLive, readNewest } from './bulk-read.ts';
import { openReplicaDatabase, type ReplicaDatabase } from './database.ts';
import { auditEvent, eventId } from './fixtures.ts';

let db: ReplicaDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

/** A memory replica holding audit events 1…count, inserted oldest last, with event 3 deleted. */
async function replicaWithEvents(count: number): Promise<ReplicaDatabase> {
  db = await openReplicaDatabase(`bulk-read-${Math.random().toString(36).slice(2)}`, getRxStorageMemory());
  for (let n = count; n >= 1; n--) await db.collections.auditEvents.insert(toRxDocument(auditEvent(n)));
  await (await db.collections.auditEvents.findOne(eventId(3)).exec())?.remove();
  return db;
}

describe('readNewest', () => {
  it('reads the newest live events by occurredAt, newest first, as toJSON() gives them', async () => {
    const replica = await replicaWithEvents(6);
    const newest = await readNewest(replica.collections.auditEvents, 'occurredAt', 4);
    expect(newest.map((doc) => doc.id)).toEqual([6, 5, 4, 2].map(eventId));
    const stored = await replica.collections.auditEvents.findOne(eventId(6)).exec();
    expect(newest[0]).toEqual(stored?.toJSON());
  });

  it('refuses a field the collection has no index of its own on (it would read everything)', async () => {
    const replica = await replicaWithEvents(2);
    await expect(readNewest(replica.collections.auditEvents, 'action', 10)).rejects.toThrow('auditEvents has no index on action alone');
    await expect(readNewest(replica.collections.auditEvents, 'tenantId', 10)).rejects.toThrow('no index on tenantId alone');
  });
});

describe('readLive', () => {
  it('reads every live document and none deleted', async () => {
    const replica = await replicaWithEvents(5);
    const all = await readLive(replica.collections.auditEvents);
    expect(all.map((doc) => doc.id).sort()).toEqual([1, 2, 4, 5].map(eventId));
    expect(all.every((doc) => !('_meta' in doc) && !('_deleted' in doc))).toBe(true);
  });
});

describe('readInPages', () => {
  const ids = Array.from({ length: 12 }, (_, i) => ({ id: `id-${String(i).padStart(2, '0')}` }));
  /** A key-ordered store read as IndexedDB would: after a key, at most `limit`. */
  const store = (asked: (string | null)[]) => (after: string | null, limit: number) => {
    asked.push(after);
    return Promise.resolve(ids.filter((doc) => after === null || doc.id > after).slice(0, limit));
  };

  it('reads every document once, each page after the last id of the one before, until a short page', async () => {
    const asked: (string | null)[] = [];
    expect(await readInPages(store(asked), 5)).toEqual(ids);
    expect(asked).toEqual([null, 'id-04', 'id-09']);
  });

  it('asks once more after a full last page, and stops at the empty one', async () => {
    const asked: (string | null)[] = [];
    expect(await readInPages(store(asked), 4)).toEqual(ids);
    expect(asked).toEqual([null, 'id-03', 'id-07', 'id-11']);
  });
});

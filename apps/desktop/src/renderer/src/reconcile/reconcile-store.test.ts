import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { TENANT, officer } from '../replica/fixtures.ts';
import type { NewReconcileItem } from './reconcile-item.ts';
import { openReconcileStore, type ReconcileStore } from './reconcile-store.ts';

const opened: ReconcileStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.remove().catch(() => undefined);
});

async function open(name: string, storage = getRxStorageMemory()): Promise<ReconcileStore> {
  const store = await openReconcileStore(name, storage);
  opened.push(store);
  return store;
}

const refused = (fields: Partial<NewReconcileItem> = {}): NewReconcileItem => ({
  kind: 'rejection',
  collection: 'users',
  documentId: officer().id,
  attempted: officer({ displayName: 'Olivia O.' }),
  base: officer(),
  server: officer(),
  code: 'FORBIDDEN',
  reason: 'You need user:update in Acme to change a user.',
  at: '2026-03-01T10:00:00.000Z',
  ...fields,
});

describe('reconcile store', () => {
  it('keeps what it records, with the tenant taken from the attempted document', async () => {
    const store = await open(`reconcile-${Math.random().toString(36).slice(2)}`);
    const item = await store.record(refused());
    expect(item).toMatchObject({ kind: 'rejection', status: 'open', decision: null, tenantId: TENANT, fields: [] });
    expect(await store.list()).toEqual([item]);
    expect(await store.get(item.id)).toEqual(item);
  });

  it('survives being closed and opened again on the same storage', async () => {
    const storage = getRxStorageMemory();
    const name = `reconcile-${Math.random().toString(36).slice(2)}`;
    const first = await openReconcileStore(name, storage);
    const item = await first.record(refused());
    const conflict = await first.record(
      refused({ kind: 'conflict', code: 'CONFLICT', fields: [{ field: 'displayName', base: 'Olivia Officer', mine: 'Olivia O.', theirs: 'O. Officer' }], at: '2026-03-01T10:00:01.000Z' }),
    );
    await first.close();
    const again = await open(name, storage);
    expect(await again.list()).toEqual([item, conflict]);
  });

  it('does not keep the same refused attempt twice (a push retried after a restart)', async () => {
    const store = await open(`reconcile-${Math.random().toString(36).slice(2)}`);
    const first = await store.record(refused());
    const [second] = await Promise.all([store.record(refused({ at: '2026-03-01T10:05:00.000Z' })), store.record(refused())]);
    expect(second.id).toBe(first.id);
    const other = await store.record(refused({ attempted: officer({ displayName: 'Someone else' }) }));
    expect(other.id).not.toBe(first.id);
    expect(await store.list()).toHaveLength(2);
  });

  it('takes a decided item off the open list, keeping the decision on it', async () => {
    const store = await open(`reconcile-${Math.random().toString(36).slice(2)}`);
    const item = await store.record(refused());
    const emptied = firstValueFrom(store.items$.pipe(filter((items) => items.length === 0)));
    const decided = await store.resolve(item.id, { kind: 'discard', at: '2026-03-01T11:00:00.000Z' });
    expect(decided).toMatchObject({ status: 'resolved', decision: { kind: 'discard' } });
    await emptied;
    expect(await store.list()).toEqual([]);
    expect(await store.all()).toEqual([decided]);
    await expect(store.resolve(item.id, { kind: 'discard', at: '2026-03-01T11:00:01.000Z' })).rejects.toThrow('already decided');
    // Decided, the same attempt refused again is a new item.
    expect((await store.record(refused())).id).not.toBe(item.id);
  });
});

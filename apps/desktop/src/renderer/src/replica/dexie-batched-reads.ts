/**
 * Fewer IndexedDB reads for RxDB's Dexie storage. RxDB reads documents by
 * id before every write — twice per pulled document, in the collection and
 * in its replication meta — and Dexie's getMany asks IndexedDB once per id:
 * 200,000 requests in the initial sync of 50,000 audit events, nearly all
 * for ids the replica does not hold yet (docs/adr/0012-initial-sync-cost.md).
 *
 * This Dexie middleware first asks which of the ids exist, with one
 * key-only read of the primary-key range they span, and reads only those.
 * When the range holds many more documents than were asked for (ids spread
 * over a full table), it reads id by id as before. The answer is the same
 * either way, in the same transaction.
 */
import type { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';

type DexieSettings = NonNullable<Parameters<typeof getRxStorageDexie>[0]>;
type DexieAddon = NonNullable<DexieSettings['addons']>[number];
type DexieInstance = Parameters<DexieAddon>[0];
type DBCoreMiddleware = Parameters<DexieInstance['use']>[0];
type DBCore = Parameters<DBCoreMiddleware['create']>[0];
export type DBCoreTable = ReturnType<DBCore['table']>;
type GetManyRequest = Parameters<DBCoreTable['getMany']>[0];
type KeyRange = Parameters<DBCoreTable['query']>[0]['query']['range'];

/** Below this many ids the per-id reads are cheap enough. */
export const BATCHED_READ_MIN_KEYS = 8;
/** The range may hold this many times the ids asked for before per-id reads are cheaper again. */
export const BATCHED_READ_SPREAD = 4;
/** Dexie's DBCoreRangeType.Range (a const enum, so not importable as a value). */
const RANGE: KeyRange['type'] = 2;

/** The table's getMany, reading only ids its primary key holds (see the file comment). */
export function batchedGetMany(down: DBCoreTable): DBCoreTable['getMany'] {
  return async (req: GetManyRequest) => {
    const keys: unknown[] = req.keys;
    const primaryKey = down.schema.primaryKey;
    const first = keys[0];
    if (keys.length < BATCHED_READ_MIN_KEYS || primaryKey.outbound === true || typeof first !== 'string' || !keys.every((key): key is string => typeof key === 'string')) return down.getMany(req);
    // IndexedDB orders strings by UTF-16 code units, as JavaScript's < does.
    let lower = first;
    let upper = first;
    for (const key of keys) {
      if (key < lower) lower = key;
      if (key > upper) upper = key;
    }
    const limit = keys.length * BATCHED_READ_SPREAD;
    const inRange = await down.query({ trans: req.trans, values: false, limit: limit + 1, query: { index: primaryKey, range: { type: RANGE, lower, upper, lowerOpen: false, upperOpen: false } } });
    if (inRange.result.length > limit) return down.getMany(req);
    const held = new Set<unknown>(inRange.result);
    const wanted = [...new Set(keys.filter((key) => held.has(key)))];
    if (wanted.length === 0) return keys.map(() => undefined);
    const values = await down.getMany({ ...req, keys: wanted });
    const byKey = new Map<unknown, unknown>(wanted.map((key, i) => [key, values[i]]));
    return keys.map((key) => byKey.get(key));
  };
}

/** A Dexie addon (`getRxStorageDexie({ addons: [batchedReads] })`) installing the middleware on every table. */
export const batchedReads: DexieAddon = (db) => {
  db.use({
    stack: 'dbcore',
    name: 'steward-batched-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return { ...table, getMany: batchedGetMany(table) };
      },
    }),
  });
};

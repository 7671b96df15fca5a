/**
 * Reading a replica collection fast, for a screen's first draw.
 *
 * RxDB's Dexie storage answers every query by walking an IndexedDB cursor,
 * one `continue()` (one event-loop round trip) per document, and cannot
 * walk an index backwards: `sort: desc, limit: 200` still reads the whole
 * collection and sorts it in memory. On 50,000 audit events that is 5–8 s
 * before anything can be drawn. With the Dexie storage these functions go to
 * its IndexedDB tables directly instead: every live document in pages of
 * `getAll` (5,000 a page: one page of 50,000 made a 220–330 ms task of
 * deserialising), or the newest few walking the index in reverse. With any other
 * storage (RxDB's memory storage in tests) they use ordinary RxDB queries.
 *
 * Both return what `RxDocument.toJSON()` returns: the document's fields,
 * without RxDB's bookkeeping (`_rev`, `_meta`, `_attachments`, `_deleted`).
 */
import { RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { ReplicaCollection, ReplicaFields } from './database.ts';

export type ReplicaDoc = Readonly<Record<string, unknown>> & { readonly id: string };

/** IndexedDB sorts arrays after every string, so [deleted, []] closes every key that starts with [deleted]. */
const LIVE_FROM = ['0'];
const LIVE_TO = ['0', []];

/** How many documents one IndexedDB read of readLive returns: each page's deserialising is a task of its own. */
export const LIVE_PAGE = 5_000;

/** Every live (not deleted) document of the collection, in primary-key order. */
export async function readLive(collection: ReplicaCollection): Promise<readonly ReplicaDoc[]> {
  const dexie = await dexieOf(collection);
  if (dexie === null) return (await collection.find().exec()).map((doc) => doc.toJSON() as ReplicaDoc);
  // RxDB's Dexie storage indexes every collection by [_deleted+<primary key>], with booleans stored as '0' / '1'.
  const byKey = `[_deleted+${collection.schema.primaryPath}]`;
  return readInPages(async (after, limit) => {
    const live = after === null ? dexie.dexieTable.where(byKey).between(LIVE_FROM, LIVE_TO) : dexie.dexieTable.where(byKey).between(['0', after], LIVE_TO, false);
    const raw = await live.limit(limit).toArray();
    return raw.map((row: Readonly<Record<string, unknown>>) => toPlain(row, dexie.booleanIndexes));
  }, LIVE_PAGE);
}

/**
 * Reads a key-ordered set page by page: each page starts after the last id
 * of the one before, until a page comes back short. (Writes between pages
 * may be missed or read twice; the callers apply every change since they
 * began reading on top.)
 */
export async function readInPages<T extends { readonly id: string }>(readPage: (after: string | null, limit: number) => Promise<readonly T[]>, pageSize: number): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readPage(after, pageSize);
    for (const doc of page) out.push(doc);
    const last = page.at(-1);
    if (page.length < pageSize || last === undefined) return out;
    after = last.id;
  }
}

/**
 * The `limit` live documents with the greatest `field` (newest first), read
 * through the collection's index on that field — which must be one of the
 * schema's single-field indexes (RX_INDEXES).
 */
export async function readNewest(collection: ReplicaCollection, field: string, limit: number): Promise<readonly ReplicaDoc[]> {
  // RxDB stores the schema's index `field` as [_deleted, field, <primary key>].
  const stored = ['_deleted', field, collection.schema.primaryPath];
  const index = (collection.schema.jsonSchema.indexes ?? []).find((fields) => Array.isArray(fields) && fields.join('+') === stored.join('+'));
  if (index === undefined) throw new Error(`${collection.name} has no index on ${field} alone`);
  const dexie = await dexieOf(collection);
  if (dexie === null) return (await collection.find({ sort: [{ [field]: 'desc' }], limit }).exec()).map((doc) => doc.toJSON() as ReplicaDoc);
  const raw = await dexie.dexieTable.where(`[${stored.join('+')}]`).between(LIVE_FROM, LIVE_TO).reverse().limit(limit).toArray();
  return raw.map((row: Readonly<Record<string, unknown>>) => toPlain(row, dexie.booleanIndexes));
}

type DexieInternals = Awaited<RxStorageInstanceDexie<ReplicaFields>['internals']>;

async function dexieOf(collection: ReplicaCollection): Promise<DexieInternals | null> {
  const storage: unknown = collection.internalStorageInstance;
  if (!(storage instanceof RxStorageInstanceDexie)) return null;
  // It is RxDB's Dexie storage holding this collection's documents; the class is generic over the document type only.
  return (storage as RxStorageInstanceDexie<ReplicaFields>).internals;
}

const BOOKKEEPING = new Set(['_rev', '_meta', '_attachments', '_deleted']);

/**
 * A stored row as toJSON() gives it: RxDB's bookkeeping dropped, indexed
 * booleans (stored as '0' / '1') turned back into booleans. The replica uses
 * no key compression, so no field name needs RxDB's '|' substitution reverted.
 */
function toPlain(row: Readonly<Record<string, unknown>>, booleanIndexes: readonly string[]): ReplicaDoc {
  const fields: Record<string, unknown> = {};
  for (const key in row) if (!BOOKKEEPING.has(key)) fields[key] = row[key];
  for (const path of booleanIndexes) if (path in fields) fields[path] = fields[path] === '1';
  return fields as ReplicaDoc;
}

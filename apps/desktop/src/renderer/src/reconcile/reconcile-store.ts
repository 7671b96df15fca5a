/**
 * The reconcile queue: a small RxDB database of its own, next to the
 * replica and never replicated, so what the server refused survives
 * restarts and stays on this device until the officer decides. One
 * collection (open-source RxDB allows 13 per realm; the replica uses 10).
 */
import { jsonEqual } from '@steward/domain';
import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { map, type Observable } from 'rxjs';
import { replicaHash } from '../replica/database.ts';
import { newDocumentId } from '../replica/ids.ts';
import { parseReconcileItem, tenantOf, type NewReconcileItem, type ReconcileDecision, type ReconcileItem } from './reconcile-item.ts';

type StoredItem = { id: string } & Record<string, unknown>;
type ItemCollection = RxCollection<StoredItem>;
type ReconcileDatabase = RxDatabase<{ items: ItemCollection }>;

export interface ReconcileStore {
  /** Open items, oldest first. */
  list(): Promise<ReconcileItem[]>;
  /** Open items, oldest first, as they change. */
  readonly items$: Observable<readonly ReconcileItem[]>;
  /** Every item, open or decided, newest first (the Sync center's history). */
  all(): Promise<ReconcileItem[]>;
  get(itemId: string): Promise<ReconcileItem | null>;
  /**
   * Keeps a refusal or conflict. The same attempt met again (a push retried
   * after a restart) is recognised and not kept twice: the open item is returned.
   */
  record(item: NewReconcileItem): Promise<ReconcileItem>;
  /** Takes an open item off the list with the officer's decision (kept on the item). */
  resolve(itemId: string, decision: ReconcileDecision): Promise<ReconcileItem>;
  close(): Promise<void>;
  /** Closes and deletes the store (tests). */
  remove(): Promise<void>;
}

const ITEM_SCHEMA: RxJsonSchema<StoredItem> = {
  title: 'reconcile items',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string', enum: ['rejection', 'conflict'], maxLength: 16 },
    // `collection` is an RxDocument property: the item's collection is stored as `target`.
    target: { type: 'string', maxLength: 32 },
    documentId: { type: 'string', maxLength: 256 },
    tenantId: { type: ['string', 'null'] },
    attempted: { type: 'object' },
    base: { type: ['object', 'null'] },
    server: { type: ['object', 'null'] },
    code: { type: 'string' },
    reason: { type: 'string' },
    fields: { type: 'array', items: { type: 'object' } },
    at: { type: 'string', maxLength: 32 },
    status: { type: 'string', enum: ['open', 'resolved'], maxLength: 16 },
    decision: { type: ['object', 'null'] },
  },
  required: ['id', 'kind', 'target', 'documentId', 'attempted', 'code', 'reason', 'fields', 'at', 'status'],
  indexes: [['status', 'at'], ['target', 'documentId']],
  additionalProperties: false,
};

/** IndexedDB (Dexie) in the console, like the replica; tests and the simulation pass RxDB's memory storage. */
export async function openReconcileStore(name: string, storage: RxStorage<unknown, unknown> = getRxStorageDexie()): Promise<ReconcileStore> {
  const db: ReconcileDatabase = await createRxDatabase<{ items: ItemCollection }>({ name, storage, multiInstance: false, eventReduce: true, hashFunction: replicaHash });
  try {
    await db.addCollections({ items: { schema: ITEM_SCHEMA } });
  } catch (error) {
    await db.close();
    throw error;
  }
  return storeOver(db);
}

/** Storage form: JSON (what IndexedDB keeps is exactly what is read back), `collection` as `target`. */
function toStored(item: ReconcileItem): StoredItem {
  const { collection, ...rest } = JSON.parse(JSON.stringify(item)) as ReconcileItem;
  return { ...rest, target: collection };
}

function fromStored(doc: { toJSON(): unknown }): ReconcileItem | null {
  const data = doc.toJSON() as Record<string, unknown>;
  const { target, ...rest } = data;
  return parseReconcileItem({ ...rest, collection: target });
}

function parsedAll(docs: readonly { toJSON(): unknown }[]): ReconcileItem[] {
  return docs.flatMap((doc) => {
    const item = fromStored(doc);
    return item === null ? [] : [item];
  });
}

function storeOver(db: ReconcileDatabase): ReconcileStore {
  const items = db.collections.items;
  const openQuery = () => items.find({ selector: { status: 'open' }, sort: [{ at: 'asc' }] });
  /** One write at a time, so two records of one attempt cannot both miss each other. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const get = async (itemId: string): Promise<ReconcileItem | null> => {
    const doc = await items.findOne(itemId).exec();
    return doc === null ? null : fromStored(doc);
  };

  return {
    list: async () => parsedAll(await openQuery().exec()),
    items$: openQuery().$.pipe(map((docs) => parsedAll(docs))),
    all: async () => parsedAll(await items.find({ sort: [{ at: 'desc' }] }).exec()),
    get,
    record: (input) =>
      serial(async () => {
        const same = await items.find({ selector: { target: input.collection, documentId: input.documentId, status: 'open' } }).exec();
        for (const doc of same) {
          const held = fromStored(doc);
          if (held !== null && held.kind === input.kind && held.code === input.code && jsonEqual(held.attempted, input.attempted)) return held;
        }
        const item: ReconcileItem = {
          ...input,
          id: newDocumentId(),
          tenantId: input.tenantId === undefined ? tenantOf(input.attempted) : input.tenantId,
          fields: input.fields ?? [],
          status: 'open',
          decision: null,
        };
        await items.insert(toStored(item));
        return item;
      }),
    resolve: (itemId, decision) =>
      serial(async () => {
        const doc = await items.findOne(itemId).exec();
        const item = doc === null ? null : fromStored(doc);
        if (doc === null || item === null) throw new Error(`There is no reconcile item ${itemId}.`);
        if (item.status !== 'open') throw new Error('This item was already decided.');
        const decided = JSON.parse(JSON.stringify(decision)) as Record<string, unknown>;
        await doc.incrementalPatch({ status: 'resolved', decision: decided });
        return { ...item, status: 'resolved', decision };
      }),
    close: async () => {
      await queue;
      await db.close();
    },
    remove: async () => {
      await queue;
      await db.remove();
    },
  };
}

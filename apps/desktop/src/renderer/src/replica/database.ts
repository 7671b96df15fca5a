/**
 * The replica: one RxDB database on IndexedDB (Dexie storage) holding the
 * ten replicated collections, with the schemas the domain generates — the
 * same source of truth the server validates against.
 */
import { COLLECTIONS, encodeHex, rxSchemaFor, sha256, sha256Utf8, type CollectionName } from '@steward/domain';
import { createRxDatabase, type HashFunction, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createConflictRouter } from '../reconcile/conflict-handler.ts';
import { batchedReads } from './dexie-batched-reads.ts';

/** A replica document's fields; the domain's schema says which, RxDB adds `_deleted` and its bookkeeping. */
export type ReplicaFields = { id: string } & Record<string, unknown>;
export type ReplicaCollection = RxCollection<ReplicaFields>;
/** The ten replicated collections, and the outbox of audit events this device recorded (audit-outbox.ts; never pulled). */
export type ReplicaCollections = { [C in CollectionName]: ReplicaCollection } & { auditOutbox: ReplicaCollection };
export type ReplicaDatabase = RxDatabase<ReplicaCollections>;

/**
 * RxDB hashes with crypto.subtle by default, which browsers only offer in
 * secure contexts; the web console may be served over plain http on a LAN.
 * The domain's SHA-256 works everywhere.
 */
export const replicaHash: HashFunction = async (input) => {
  if (typeof input === 'string') return encodeHex(sha256Utf8(input));
  const buffer = input instanceof ArrayBuffer ? input : await input.arrayBuffer();
  return encodeHex(sha256(new Uint8Array(buffer)));
};

/** IndexedDB (Dexie) in the console; tests and the reconcile simulation pass RxDB's memory storage. */
export async function openReplicaDatabase(name: string, storage: RxStorage<unknown, unknown> = getRxStorageDexie({ addons: [batchedReads] })): Promise<ReplicaDatabase> {
  const db = await createRxDatabase<ReplicaCollections>({
    name,
    storage,
    // One tab replicates for itself; cross-tab leader election can come with the desktop's multi-window work.
    multiInstance: false,
    eventReduce: true,
    hashFunction: replicaHash,
  });
  try {
    // The domain's schema objects are RxJsonSchema-shaped (rx-schema.test.ts checks them against RxDB itself).
    const schemaOf = (collection: CollectionName): RxJsonSchema<ReplicaFields> => rxSchemaFor(collection);
    // What the server refused or changed meanwhile is settled by the reconcile conflict handler (never pushed to be refused again).
    const conflicts = createConflictRouter(db);
    await db.addCollections({
      ...Object.fromEntries(COLLECTIONS.map((collection) => [collection, { schema: schemaOf(collection), conflictHandler: conflicts.handlerFor(collection) }])),
      auditOutbox: { schema: schemaOf('auditEvents') },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

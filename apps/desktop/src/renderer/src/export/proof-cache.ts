/**
 * Proofs this device fetched, kept so exports work offline for events
 * already proven. Per server and tenant, the material of the latest online
 * export: the signed checkpoint, the server key, and the inclusion proofs
 * (with their node table) against that checkpoint. Proofs against
 * different checkpoints cannot be mixed in one bundle, so a newer
 * checkpoint replaces the older material rather than adding to it.
 *
 * Nothing here is secret or trusted: the bundle builder re-checks every
 * signature and proof before it signs.
 */
import type { ProofSet } from '@steward/evidence';

export interface ProvenMaterial {
  readonly serverUrl: string;
  readonly tenantId: string;
  readonly tenantSlug: string | null;
  /** The server-signed C2SP checkpoint note. */
  readonly checkpoint: string;
  readonly treeSize: number;
  readonly serverPublicKeyPem: string;
  readonly proofs: ProofSet;
  readonly fetchedAt: string;
}

export interface ProofCache {
  get(serverUrl: string, tenantId: string): Promise<ProvenMaterial | null>;
  /** Keeps `material` unless the cache already holds material for a larger checkpoint. */
  put(material: ProvenMaterial): Promise<void>;
}

const keyOf = (serverUrl: string, tenantId: string): string => `${serverUrl}|${tenantId}`;

/** Whether `next` should replace `current`: same or newer checkpoint. */
export function supersedes(next: ProvenMaterial, current: ProvenMaterial | null): boolean {
  return current === null || next.treeSize >= current.treeSize;
}

export function memoryProofCache(): ProofCache {
  const entries = new Map<string, ProvenMaterial>();
  return {
    get: (serverUrl, tenantId) => Promise.resolve(entries.get(keyOf(serverUrl, tenantId)) ?? null),
    put: (material) => {
      const key = keyOf(material.serverUrl, material.tenantId);
      if (supersedes(material, entries.get(key) ?? null)) entries.set(key, material);
      return Promise.resolve();
    },
  };
}

const DB_NAME = 'steward-export-proofs';
const STORE = 'material';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

function inStore<T>(db: IDBDatabase, mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = act(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** The browser's (and Electron renderer's) IndexedDB, one record per server and tenant. */
export function indexedDbProofCache(): ProofCache {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => (opened ??= openDb());
  const get = async (serverUrl: string, tenantId: string): Promise<ProvenMaterial | null> => {
    const found = await inStore<unknown>(await db(), 'readonly', (s) => s.get(keyOf(serverUrl, tenantId)));
    return (found as ProvenMaterial | undefined) ?? null;
  };
  return {
    get,
    put: async (material) => {
      if (!supersedes(material, await get(material.serverUrl, material.tenantId))) return;
      await inStore(await db(), 'readwrite', (s) => s.put(material, keyOf(material.serverUrl, material.tenantId)));
    },
  };
}

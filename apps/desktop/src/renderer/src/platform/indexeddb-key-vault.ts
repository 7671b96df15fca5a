/**
 * The web console's key vault: one IndexedDB object store of
 * `{ privateKey: CryptoKey, publicKey: Uint8Array }` records. IndexedDB
 * keeps a non-extractable CryptoKey by structured clone, so the key survives
 * reloads and restarts while its bytes stay inside the browser.
 */
import type { CryptoKeyVault, StoredKeyPair } from './webcrypto-device-keys.ts';

export const DEVICE_KEY_DATABASE = 'steward-device-keys';
const STORE = 'keys';

export function indexedDbKeyVault(factory: IDBFactory, databaseName = DEVICE_KEY_DATABASE): CryptoKeyVault {
  let opened: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    opened ??= openDatabase(factory, databaseName).catch((cause: unknown) => {
      opened = null;
      throw cause;
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await database();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('the device key database refused the transaction'));
      transaction.onabort = () => reject(transaction.error ?? new Error('the device key transaction was aborted'));
    });
  };
  return {
    get: async (id) => parseStored(await run('readonly', (store) => store.get(id) as IDBRequest<unknown>)),
    put: async (id, pair) => {
      await run('readwrite', (store) => store.put({ privateKey: pair.privateKey, publicKey: pair.publicKey }, id));
    },
    delete: async (id) => {
      await run('readwrite', (store) => store.delete(id));
    },
  };
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused to open the device key database'));
    request.onblocked = () => reject(new Error('the device key database is held open by an older version of Steward in another tab'));
  });
}

/** A stored record is input too: anything but a private Ed25519 CryptoKey and 32 bytes reads as "no key". */
function parseStored(value: unknown): StoredKeyPair | null {
  if (typeof value !== 'object' || value === null) return null;
  const { privateKey, publicKey } = value as Record<string, unknown>;
  if (typeof CryptoKey === 'undefined' || !(privateKey instanceof CryptoKey) || privateKey.type !== 'private' || privateKey.algorithm.name !== 'Ed25519') return null;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return null;
  return { privateKey, publicKey };
}

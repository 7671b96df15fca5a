/**
 * Test harness, never part of the console's bundle: e2e/web-platform.spec.ts
 * bundles this file on its own and loads it into Chromium to drive the web
 * platform's real adapters (IndexedDB device keys, download saves) from a
 * page. Results are plain JSON so the spec needs no DOM types.
 */
import { DEVICE_KEY_DATABASE } from './indexeddb-key-vault.ts';
import { memoryStorage } from './memory-storage.ts';
import { webPlatform } from './web.ts';

const platform = webPlatform({ origin: location.origin, sessionStorage: memoryStorage(), localStorage: memoryStorage() });

/** Reads the stored record straight from IndexedDB (not through the vault) to see what is really kept. */
function storedRecord(id: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DEVICE_KEY_DATABASE);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const request = open.result.transaction('keys', 'readonly').objectStore('keys').get(id);
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error ?? new Error('get failed'));
    };
  });
}

async function exportRefusals(key: CryptoKey): Promise<Record<string, string>> {
  const refusals: Record<string, string> = {};
  for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
    try {
      await crypto.subtle.exportKey(format, key);
      refusals[format] = 'exported';
    } catch (error) {
      refusals[format] = error instanceof Error ? error.name : String(error);
    }
  }
  return refusals;
}

const harness = {
  create: async (id: string) => [...(await platform.deviceKeys.create(id)).publicKey],
  load: async (id: string) => {
    const key = await platform.deviceKeys.load(id);
    return key === null ? null : [...key.publicKey];
  },
  sign: async (id: string, message: string) => {
    const key = await platform.deviceKeys.load(id);
    if (key === null) throw new Error(`no key ${id}`);
    return [...(await key.sign(new TextEncoder().encode(message)))];
  },
  remove: (id: string) => platform.deviceKeys.remove(id),
  inspect: async (id: string) => {
    const record = (await storedRecord(id)) as { privateKey?: unknown } | undefined;
    const key = record?.privateKey;
    if (!(key instanceof CryptoKey)) return { stored: false };
    return { stored: true, type: key.type, extractable: key.extractable, algorithm: key.algorithm.name, usages: key.usages, exports: await exportRefusals(key) };
  },
  save: (name: string, bytes: number[], mime: string) => platform.saveFile(name, new Uint8Array(bytes), mime),
};

Object.assign(globalThis, { stewardHarness: harness });
document.body.dataset['harness'] = 'ready';

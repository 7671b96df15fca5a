/**
 * Device keys made with WebCrypto: Ed25519 pairs whose private half is a
 * non-extractable CryptoKey. Where they are kept is a `CryptoKeyVault`:
 * IndexedDB in the web console (structured clone stores a CryptoKey without
 * ever exposing its bytes), memory in tests and where IndexedDB is refused.
 */
import { generateEd25519KeyPair, signEd25519 } from '@steward/domain';
import { assertDeviceKeyId, type DeviceKey, type DeviceKeyStore } from './platform.ts';

/** What a vault keeps per id: the private key as an opaque CryptoKey and the raw public key. */
export interface StoredKeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: Uint8Array;
}

export interface CryptoKeyVault {
  get(id: string): Promise<StoredKeyPair | null>;
  put(id: string, pair: StoredKeyPair): Promise<void>;
  delete(id: string): Promise<void>;
}

export function webCryptoDeviceKeys(vault: CryptoKeyVault): DeviceKeyStore {
  return {
    load: async (id) => {
      assertDeviceKeyId(id);
      const pair = await vault.get(id);
      return pair === null ? null : deviceKeyOf(id, pair);
    },
    create: async (id) => {
      assertDeviceKeyId(id);
      const { privateKey, publicKey } = await generateEd25519KeyPair({ extractable: false });
      const pair = { privateKey, publicKey };
      await vault.put(id, pair);
      return deviceKeyOf(id, pair);
    },
    remove: async (id) => {
      assertDeviceKeyId(id);
      await vault.delete(id);
    },
  };
}

function deviceKeyOf(id: string, pair: StoredKeyPair): DeviceKey {
  const publicKey = pair.publicKey.slice();
  return { id, publicKey, sign: (bytes) => signEd25519(pair.privateKey, bytes) };
}

/** A vault in memory: keys last as long as the page. */
export function memoryKeyVault(): CryptoKeyVault {
  const pairs = new Map<string, StoredKeyPair>();
  return {
    get: (id) => Promise.resolve(pairs.get(id) ?? null),
    put: (id, pair) => {
      pairs.set(id, pair);
      return Promise.resolve();
    },
    delete: (id) => {
      pairs.delete(id);
      return Promise.resolve();
    },
  };
}

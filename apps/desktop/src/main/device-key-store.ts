/**
 * The device's Ed25519 signing keys, held by main. Each key is one file in
 * userData named by the SHA-256 of its id, holding the public key and the
 * PKCS#8 private key sealed with the OS keychain. The renderer can ask for
 * the public key and for signatures; the private key never leaves main, and
 * is never written unsealed: without a keychain, no key is made.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import type { PublicDeviceKey } from '../shared/ipc-contract.ts';
import type { FileSystem } from './atomic-file.ts';
import { NO_KEYCHAIN_MESSAGE, type Keychain } from './keychain.ts';

export interface DeviceKeyStore {
  load(id: string): Promise<PublicDeviceKey | null>;
  create(id: string): Promise<PublicDeviceKey>;
  remove(id: string): Promise<void>;
  sign(id: string, bytes: Uint8Array): Promise<Uint8Array>;
}

interface DeviceKeyFile {
  readonly version: 1;
  readonly id: string;
  /** base64 of the 32-byte public key */
  readonly publicKey: string;
  /** base64 of the keychain-sealed base64 PKCS#8 DER */
  readonly sealedPrivateKey: string;
}

export function createDeviceKeyStore({ directory, fs, keychain, protects }: { directory: string; fs: FileSystem; keychain: Keychain; protects: () => Promise<boolean> }): DeviceKeyStore {
  const fileOf = (id: string): string => join(directory, `${createHash('sha256').update(id).digest('hex')}.json`);
  const read = async (id: string): Promise<DeviceKeyFile | null> => parseKeyFile(await fs.readText(fileOf(id)), id);

  return {
    load: async (id) => {
      const stored = await read(id);
      return stored === null ? null : { id, publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64')) };
    },
    create: async (id) => {
      if (!(await protects())) throw new Error(`${NO_KEYCHAIN_MESSAGE} Signed exports need a device key kept there.`);
      const pair = generateKeyPairSync('ed25519');
      const publicKey = rawPublicKey(pair.publicKey.export({ format: 'jwk' }).x);
      const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
      const sealed = await keychain.encryptStringAsync(pkcs8.toString('base64'));
      pkcs8.fill(0);
      const contents: DeviceKeyFile = { version: 1, id, publicKey: Buffer.from(publicKey).toString('base64'), sealedPrivateKey: sealed.toString('base64') };
      await fs.writeAtomic(fileOf(id), JSON.stringify(contents), { private: true });
      return { id, publicKey };
    },
    remove: (id) => fs.remove(fileOf(id)),
    sign: async (id, bytes) => {
      const stored = await read(id);
      if (stored === null) throw new Error(`There is no device key "${id}" on this computer.`);
      const { result } = await keychain.decryptStringAsync(Buffer.from(stored.sealedPrivateKey, 'base64'));
      const privateKey = createPrivateKey({ key: Buffer.from(result, 'base64'), format: 'der', type: 'pkcs8' });
      return new Uint8Array(sign(null, bytes, privateKey));
    },
  };
}

function rawPublicKey(x: string | undefined): Uint8Array {
  const bytes = x === undefined ? new Uint8Array() : new Uint8Array(Buffer.from(x, 'base64url'));
  if (bytes.length !== 32) throw new Error('node:crypto returned no 32-byte Ed25519 public key');
  return bytes;
}

/** A key file is input: the wrong shape, or one made for another id, reads as no key. */
function parseKeyFile(text: string | null, id: string): DeviceKeyFile | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (record.version !== 1 || record.id !== id || typeof record.publicKey !== 'string' || typeof record.sealedPrivateKey !== 'string') return null;
  if (Buffer.from(record.publicKey, 'base64').length !== 32) return null;
  return { version: 1, id, publicKey: record.publicKey, sealedPrivateKey: record.sealedPrivateKey };
}

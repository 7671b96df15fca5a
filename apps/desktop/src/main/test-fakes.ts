/** Fakes of Electron's APIs for main's unit tests. */
import type { Keychain } from './keychain.ts';

/** A keychain that "seals" by XOR, so tests can see that nothing is stored in the clear. */
export function fakeKeychain({ available = true, backend = 'gnome_libsecret', rotated = false }: { available?: boolean; backend?: string; rotated?: boolean } = {}): Keychain & { sealed: number } {
  const flip = (bytes: Uint8Array): Buffer => Buffer.from(bytes.map((b) => b ^ 0x5a));
  const keychain = {
    sealed: 0,
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (plainText: string) => {
      keychain.sealed += 1;
      return Promise.resolve(Buffer.concat([Buffer.from('SEALED'), flip(Buffer.from(plainText, 'utf8'))]));
    },
    decryptStringAsync: (encrypted: Buffer) => {
      if (encrypted.subarray(0, 6).toString() !== 'SEALED') return Promise.reject(new Error('not sealed by this keychain'));
      return Promise.resolve({ result: flip(encrypted.subarray(6)).toString('utf8'), shouldReEncrypt: rotated });
    },
    getSelectedStorageBackend: () => backend,
  };
  return keychain;
}

/**
 * The OS keychain as main uses it: Electron's safeStorage (async API), seen
 * through the few methods Steward needs so tests can pass a fake.
 */
export interface Keychain {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend(): string;
}

/**
 * Whether secrets sealed with the keychain are really protected. On Linux
 * without a password store Electron falls back to `basic_text`, a key built
 * into Chromium: such "encryption" protects nothing, so Steward treats it as
 * no keychain at all and keeps secrets in memory only.
 */
export async function keychainProtects(keychain: Keychain, platform: NodeJS.Platform): Promise<boolean> {
  if (!(await keychain.isAsyncEncryptionAvailable())) return false;
  if (platform !== 'linux') return true;
  const backend = keychain.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export const NO_KEYCHAIN_MESSAGE =
  'This computer offers no protected keychain to Steward (on Linux: no GNOME Keyring or KWallet), so it will not store secrets on disk.';

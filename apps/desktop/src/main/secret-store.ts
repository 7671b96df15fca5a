/**
 * Secrets main keeps for the renderer (the session token): one JSON file in
 * userData whose values are sealed with the OS keychain. Without a keychain
 * that protects anything, nothing is written: the secrets live in memory
 * until the app quits and the renderer is told they are not persistent.
 */
import type { SecretsSnapshot } from '../shared/ipc-contract.ts';
import type { FileSystem } from './atomic-file.ts';
import type { Keychain } from './keychain.ts';

export interface SecretStore {
  load(): Promise<SecretsSnapshot>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

interface SecretsFile {
  readonly version: 1;
  /** name → base64 of the keychain-sealed value */
  readonly sealed: Record<string, string>;
}

export function createSecretStore({ file, fs, keychain, protects }: { file: string; fs: FileSystem; keychain: Keychain; protects: () => Promise<boolean> }): SecretStore {
  let state: Promise<{ persistent: boolean; values: Map<string, string> }> | null = null;
  let writes: Promise<void> = Promise.resolve();

  const read = async (): Promise<{ persistent: boolean; values: Map<string, string> }> => {
    const persistent = await protects();
    const values = new Map<string, string>();
    if (!persistent) return { persistent, values };
    let reseal = false;
    for (const [key, sealed] of Object.entries(parseSecretsFile(await fs.readText(file)).sealed)) {
      try {
        const opened = await keychain.decryptStringAsync(Buffer.from(sealed, 'base64'));
        values.set(key, opened.result);
        reseal ||= opened.shouldReEncrypt;
      } catch {
        // Sealed by another keychain (a copied profile, a reset keyring): unreadable, so forgotten.
      }
    }
    // The keychain rotated its key: seal everything again with the new one.
    if (reseal) queueMicrotask(() => void persist().catch(() => undefined));
    return { persistent, values };
  };
  const current = () => (state ??= read());

  const persist = (): Promise<void> => {
    writes = writes
      .catch(() => undefined)
      .then(async () => {
        const { persistent, values } = await current();
        if (!persistent) return;
        const sealed: Record<string, string> = {};
        for (const [key, value] of values) sealed[key] = (await keychain.encryptStringAsync(value)).toString('base64');
        const contents: SecretsFile = { version: 1, sealed };
        await fs.writeAtomic(file, JSON.stringify(contents), { private: true });
      });
    return writes;
  };

  return {
    load: async () => {
      const { persistent, values } = await current();
      return { persistent, values: Object.fromEntries(values) };
    },
    set: async (key, value) => {
      (await current()).values.set(key, value);
      await persist();
    },
    remove: async (key) => {
      if (!(await current()).values.delete(key)) return;
      await persist();
    },
  };
}

/** The file is input: anything but `{ version: 1, sealed: { name: base64 } }` reads as empty. */
function parseSecretsFile(text: string | null): SecretsFile {
  const empty: SecretsFile = { version: 1, sealed: {} };
  if (text === null) return empty;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return empty;
  }
  if (typeof value !== 'object' || value === null) return empty;
  const { version, sealed } = value as Record<string, unknown>;
  if (version !== 1 || typeof sealed !== 'object' || sealed === null || Array.isArray(sealed)) return empty;
  const entries = Object.entries(sealed).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { version: 1, sealed: Object.fromEntries(entries) };
}

/** One contract, every platform: the same suite runs against the web and the Electron implementation. */
import { verifyEd25519 } from '@steward/domain';
import { describe, expect, it, vi } from 'vitest';
import type { StewardBridge } from '../../../shared/bridge.ts';
import { DEFAULT_LOCAL_SERVER, electronPlatform } from './electron.ts';
import { memoryStorage, safeStorage } from './memory-storage.ts';
import { normaliseServerUrl, type KeyValueStore, type Platform, type SaveFileResult } from './platform.ts';
import { webPlatform } from './web.ts';
import { memoryKeyVault, webCryptoDeviceKeys } from './webcrypto-device-keys.ts';

const ORIGIN = 'http://127.0.0.1:4848';

interface Made {
  readonly platform: Platform;
  /** What the platform's save handed to the download link or the save dialog. */
  readonly saved: { name: string; bytes: Uint8Array; mime: string }[];
}

function makeWeb(): Made {
  const saved: Made['saved'] = [];
  const saveFile = (name: string, bytes: Uint8Array, mime: string): Promise<SaveFileResult> => {
    saved.push({ name, bytes, mime });
    return Promise.resolve({ saved: true, location: null });
  };
  return { saved, platform: webPlatform({ origin: ORIGIN, sessionStorage: memoryStorage(), localStorage: memoryStorage(), saveFile, deviceKeys: webCryptoDeviceKeys(memoryKeyVault()) }) };
}

/** A bridge standing in for preload + main: keys signed "elsewhere" (a WebCrypto store the platform cannot see into). */
function fakeBridge(saved: Made['saved'] = []): StewardBridge {
  const keys = webCryptoDeviceKeys(memoryKeyVault());
  const secrets = memoryStorage();
  const key = async (id: string) => {
    const found = await keys.load(id);
    if (found === null) throw new Error(`no device key ${id}`);
    return found;
  };
  return {
    platform: 'electron',
    versions: { app: '0.1.0' },
    openExternal: () => Promise.resolve(true),
    saveFile: ({ suggestedName, bytes, mime }) => {
      saved.push({ name: suggestedName, bytes, mime });
      return Promise.resolve({ saved: true, location: `/home/officer/${suggestedName}` });
    },
    secrets: {
      load: () => Promise.resolve({ persistent: true, values: {} }),
      set: (k, v) => Promise.resolve(secrets.setItem(k, v)),
      remove: (k) => Promise.resolve(secrets.removeItem(k)),
    },
    deviceKeys: {
      load: async (id) => {
        const found = await keys.load(id);
        return found === null ? null : { id, publicKey: found.publicKey };
      },
      create: async (id) => {
        const made = await keys.create(id);
        return { id, publicKey: made.publicKey };
      },
      remove: (id) => keys.remove(id),
      sign: async (id, bytes) => (await key(id)).sign(bytes),
    },
  };
}

function makeElectron(): Made {
  const saved: Made['saved'] = [];
  return { saved, platform: electronPlatform({ bridge: fakeBridge(saved), sessionStorage: memoryStorage(), localStorage: memoryStorage() }) };
}

const IMPLEMENTATIONS: readonly [string, () => Made][] = [
  ['web', makeWeb],
  ['electron', makeElectron],
];

describe.each(IMPLEMENTATIONS)('Platform contract: %s', (_name, make) => {
  it('offers a default server it can reach', () => {
    const { platform } = make();
    expect(normaliseServerUrl(platform.defaultServerUrl)).toBe(platform.defaultServerUrl);
    expect(platform.unreachableReason(platform.defaultServerUrl)).toBeNull();
  });

  it('refuses addresses that are not http(s) or carry credentials', () => {
    const { platform } = make();
    for (const bad of ['', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://x', 'http://user:pw@127.0.0.1:4848']) {
      expect(platform.unreachableReason(bad), bad).toMatch(/http/);
    }
  });

  it('keeps the session apart from preferences', () => {
    const { platform } = make();
    platform.sessionStorage.setItem('k', 'session');
    expect(platform.preferences.getItem('k')).toBeNull();
  });

  it('hands a save to its download or dialog with the name, bytes and type given', async () => {
    const { platform, saved } = make();
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await platform.saveFile('evidence.zip', bytes, 'application/zip');
    expect(result.saved).toBe(true);
    expect(saved).toEqual([{ name: 'evidence.zip', bytes, mime: 'application/zip' }]);
  });

  it('creates a device key that signs verifiably, loads it back by id, and forgets it on remove', async () => {
    const { platform } = make();
    expect(await platform.deviceKeys.load('device-1')).toBeNull();
    const created = await platform.deviceKeys.create('device-1');
    expect(created.publicKey).toHaveLength(32);
    const message = new TextEncoder().encode('manifest');
    const signature = await created.sign(message);
    expect(signature).toHaveLength(64);
    expect(await verifyEd25519(created.publicKey, message, signature)).toBe(true);

    const loaded = await platform.deviceKeys.load('device-1');
    expect(loaded?.publicKey).toEqual(created.publicKey);
    expect(await verifyEd25519(created.publicKey, message, await (loaded as NonNullable<typeof loaded>).sign(message))).toBe(true);
    expect(await verifyEd25519(created.publicKey, new TextEncoder().encode('other'), signature)).toBe(false);

    const replaced = await platform.deviceKeys.create('device-1');
    expect(replaced.publicKey).not.toEqual(created.publicKey);
    await platform.deviceKeys.remove('device-1');
    expect(await platform.deviceKeys.load('device-1')).toBeNull();
  });

  it('refuses device key ids that could name a path', async () => {
    const { platform } = make();
    for (const bad of ['', '../x', 'a/b', 'a\\b', '.hidden', 'x'.repeat(129)]) {
      await expect(platform.deviceKeys.create(bad), bad).rejects.toThrow(/device key id/);
    }
  });
});

describe('webPlatform', () => {
  it('defaults to the origin that served it and refuses any other (its CSP is connect-src self)', () => {
    const web = webPlatform({ origin: 'https://steward.acme.example', sessionStorage: memoryStorage(), localStorage: memoryStorage() });
    expect(web.defaultServerUrl).toBe('https://steward.acme.example');
    expect(web.unreachableReason('https://steward.acme.example/some/path')).toBeNull();
    expect(web.unreachableReason('https://elsewhere.example')).toMatch(/only talk to the server that served it/);
  });
});

describe('electronPlatform', () => {
  it('defaults to a local steward-server and allows plain http only on loopback', () => {
    const desktop = makeElectron().platform;
    expect(desktop.defaultServerUrl).toBe(DEFAULT_LOCAL_SERVER);
    expect(desktop.unreachableReason('http://localhost:9000')).toBeNull();
    expect(desktop.unreachableReason('https://steward.acme.example')).toBeNull();
    expect(desktop.unreachableReason('http://10.0.0.5:4848')).toMatch(/https/);
  });

  it('reports the path the save dialog chose, and that a cancelled dialog saved nothing', async () => {
    const bridge = fakeBridge();
    const desktop = electronPlatform({ bridge, sessionStorage: memoryStorage(), localStorage: memoryStorage() });
    expect(await desktop.saveFile('a.csv', new Uint8Array(), 'text/csv')).toEqual({ saved: true, location: '/home/officer/a.csv' });
    vi.spyOn(bridge, 'saveFile').mockResolvedValue({ saved: false, location: null });
    expect(await desktop.saveFile('a.csv', new Uint8Array(), 'text/csv')).toEqual({ saved: false, location: null });
  });
});

describe('normaliseServerUrl', () => {
  it('reduces an address to its origin', () => {
    expect(normaliseServerUrl(' http://127.0.0.1:4848/trpc?x=1 ')).toBe('http://127.0.0.1:4848');
    expect(normaliseServerUrl('not a url')).toBeNull();
  });
});

describe('safeStorage', () => {
  it('falls back to memory when Web Storage throws (quota, disabled storage)', () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const storage = safeStorage(throwing);
    storage.setItem('a', '1');
    expect(storage.getItem('a')).toBe('1');
    storage.removeItem('a');
    expect(storage.getItem('a')).toBeNull();
    expect(safeStorage(undefined).getItem('x')).toBeNull();
  });
});

/** One contract, every platform: the same suite runs against the web and the Electron implementation. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_SERVER, electronPlatform } from './electron.ts';
import { memoryStorage, safeStorage } from './memory-storage.ts';
import { normaliseServerUrl, type KeyValueStore, type Platform } from './platform.ts';
import { webPlatform } from './web.ts';

const ORIGIN = 'http://127.0.0.1:4848';
const IMPLEMENTATIONS: readonly [string, () => Platform][] = [
  ['web', () => webPlatform({ origin: ORIGIN, sessionStorage: memoryStorage(), localStorage: memoryStorage() })],
  ['electron', () => electronPlatform({ sessionStorage: memoryStorage(), localStorage: memoryStorage() })],
];

describe.each(IMPLEMENTATIONS)('Platform contract: %s', (_name, make) => {
  it('offers a default server it can reach', () => {
    const platform = make();
    expect(normaliseServerUrl(platform.defaultServerUrl)).toBe(platform.defaultServerUrl);
    expect(platform.unreachableReason(platform.defaultServerUrl)).toBeNull();
  });

  it('refuses addresses that are not http(s) or carry credentials', () => {
    const platform = make();
    for (const bad of ['', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://x', 'http://user:pw@127.0.0.1:4848']) {
      expect(platform.unreachableReason(bad), bad).toMatch(/http/);
    }
  });

  it('keeps the session apart from preferences', () => {
    const platform = make();
    platform.sessionStorage.setItem('k', 'session');
    expect(platform.preferences.getItem('k')).toBeNull();
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
    const desktop = electronPlatform({ sessionStorage: memoryStorage(), localStorage: memoryStorage() });
    expect(desktop.defaultServerUrl).toBe(DEFAULT_LOCAL_SERVER);
    expect(desktop.unreachableReason('http://localhost:9000')).toBeNull();
    expect(desktop.unreachableReason('https://steward.acme.example')).toBeNull();
    expect(desktop.unreachableReason('http://10.0.0.5:4848')).toMatch(/https/);
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

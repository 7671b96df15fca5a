import { describe, expect, it, vi } from 'vitest';
import type { StewardBridge } from '../../../shared/bridge.ts';
import { keychainStorage, loadKeychainSnapshot } from './keychain-storage.ts';

function recordingSecrets(fail: (key: string) => boolean = () => false) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const secrets: StewardBridge['secrets'] = {
    load: () => Promise.resolve({ persistent: true, values: {} }),
    set: async (key, value) => {
      await gate;
      calls.push(`set ${key}=${value}`);
      if (fail(key)) throw new Error(`keychain refused ${key}`);
    },
    remove: async (key) => {
      await gate;
      calls.push(`remove ${key}`);
    },
  };
  return { secrets, calls, release };
}

describe('keychainStorage', () => {
  it('answers reads at once from the loaded snapshot and its own writes', () => {
    const { secrets } = recordingSecrets();
    const store = keychainStorage(secrets, { persistent: true, values: { 'steward.session': 'old' } }, vi.fn());
    expect(store.getItem('steward.session')).toBe('old');
    store.setItem('steward.session', 'new');
    expect(store.getItem('steward.session')).toBe('new');
    store.removeItem('steward.session');
    expect(store.getItem('steward.session')).toBeNull();
  });

  it('sends changes to main one after another, in the order they were made', async () => {
    const { secrets, calls, release } = recordingSecrets();
    const store = keychainStorage(secrets, { persistent: true, values: {} }, vi.fn());
    store.setItem('steward.session', 'a');
    store.setItem('steward.session', 'b');
    store.removeItem('steward.session');
    store.removeItem('steward.session');
    release();
    await store.flushed();
    expect(calls).toEqual(['set steward.session=a', 'set steward.session=b', 'remove steward.session']);
  });

  it('reports a refused write and keeps sending the ones after it', async () => {
    const onError = vi.fn();
    const { secrets, calls, release } = recordingSecrets((key) => key === 'steward.bad');
    const store = keychainStorage(secrets, { persistent: true, values: {} }, onError);
    store.setItem('steward.bad', '1');
    store.setItem('steward.session', '2');
    release();
    await store.flushed();
    expect(onError).toHaveBeenCalledOnce();
    expect(calls).toEqual(['set steward.bad=1', 'set steward.session=2']);
  });
});

describe('loadKeychainSnapshot', () => {
  it('starts empty and non-persistent when main cannot load the secrets', async () => {
    const onError = vi.fn();
    const secrets = { ...recordingSecrets().secrets, load: () => Promise.reject(new Error('no keychain')) };
    expect(await loadKeychainSnapshot(secrets, onError)).toEqual({ persistent: false, values: {} });
    expect(onError).toHaveBeenCalledOnce();
  });
});

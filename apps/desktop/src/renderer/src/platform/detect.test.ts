import { describe, expect, it, vi } from 'vitest';
import type { StewardBridge } from '../../../shared/bridge.ts';
import { detectPlatform } from './detect.ts';
import { memoryStorage } from './memory-storage.ts';

const secrets = (load: StewardBridge['secrets']['load']) => ({ load, set: vi.fn<StewardBridge['secrets']['set']>().mockResolvedValue(undefined), remove: vi.fn<StewardBridge['secrets']['remove']>().mockResolvedValue(undefined) });

function fakeWindow(steward?: Partial<StewardBridge>): Window {
  const tabStorage = memoryStorage({ 'steward.session': 'from the tab' });
  return { steward, location: { origin: 'http://127.0.0.1:4848' }, localStorage: memoryStorage(), sessionStorage: tabStorage } as unknown as Window;
}

describe('detectPlatform', () => {
  it('is the web console without a bridge, with the session in the tab', async () => {
    const platform = await detectPlatform(fakeWindow());
    expect(platform.kind).toBe('web');
    expect(platform.sessionStorage.getItem('steward.session')).toBe('from the tab');
  });

  it('is the desktop with the bridge, with the session main keeps (not the tab)', async () => {
    const bridgeSecrets = secrets(() => Promise.resolve({ persistent: true, values: { 'steward.session': 'from the keychain' } }));
    const platform = await detectPlatform(fakeWindow({ platform: 'electron', secrets: bridgeSecrets }));
    expect(platform.kind).toBe('electron');
    expect(platform.sessionStorage.getItem('steward.session')).toBe('from the keychain');
    platform.sessionStorage.setItem('steward.session', 'new');
    await vi.waitFor(() => expect(bridgeSecrets.set).toHaveBeenCalledWith('steward.session', 'new'));
  });

  it('still starts the desktop, signed out, when main cannot load the secrets', async () => {
    const onError = vi.fn();
    const platform = await detectPlatform(fakeWindow({ platform: 'electron', secrets: secrets(() => Promise.reject(new Error('keychain locked'))) }), onError);
    expect(platform.kind).toBe('electron');
    expect(platform.sessionStorage.getItem('steward.session')).toBeNull();
    expect(onError).toHaveBeenCalledOnce();
  });
});

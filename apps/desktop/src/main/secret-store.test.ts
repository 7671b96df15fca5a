import { describe, expect, it, vi } from 'vitest';
import { memoryFileSystem } from './atomic-file.ts';
import { createSecretStore } from './secret-store.ts';
import { fakeKeychain } from './test-fakes.ts';

const FILE = '/user-data/secrets.json';
const TOKEN = 'st_live_0123456789abcdef';

function setup(protects = true, fs = memoryFileSystem(), keychain = fakeKeychain()) {
  return { fs, keychain, store: createSecretStore({ file: FILE, fs, keychain, protects: () => Promise.resolve(protects) }) };
}

describe('createSecretStore', () => {
  it('writes secrets sealed by the keychain, never in the clear, and reads them back after a restart', async () => {
    const { fs, store } = setup();
    await store.set('steward.session', JSON.stringify({ token: TOKEN }));
    const written = await fs.readText(FILE);
    expect(written).not.toBeNull();
    expect(written).not.toContain(TOKEN);

    const restarted = setup(true, fs).store;
    expect(await restarted.load()).toEqual({ persistent: true, values: { 'steward.session': JSON.stringify({ token: TOKEN }) } });
    await restarted.remove('steward.session');
    expect(await setup(true, fs).store.load()).toEqual({ persistent: true, values: {} });
  });

  it('keeps secrets in memory only when the keychain protects nothing', async () => {
    const { fs, keychain, store } = setup(false);
    await store.set('steward.session', TOKEN);
    expect(await store.load()).toEqual({ persistent: false, values: { 'steward.session': TOKEN } });
    expect(fs.files.size).toBe(0);
    expect(keychain.sealed).toBe(0);
  });

  it('reads a damaged file as empty, and drops values another keychain sealed', async () => {
    expect(await setup(true, memoryFileSystem(new Map([[FILE, '{not json']]))).store.load()).toEqual({ persistent: true, values: {} });
    expect(await setup(true, memoryFileSystem(new Map([[FILE, '{"version":2,"sealed":{}}']]))).store.load()).toEqual({ persistent: true, values: {} });
    const foreign = JSON.stringify({ version: 1, sealed: { 'steward.session': Buffer.from('sealed elsewhere').toString('base64'), 'steward.number': 5 } });
    expect(await setup(true, memoryFileSystem(new Map([[FILE, foreign]]))).store.load()).toEqual({ persistent: true, values: {} });
  });

  it('applies changes in the order they were asked for, so the last one wins on disk', async () => {
    const { fs, store } = setup();
    await Promise.all([store.set('steward.session', 'a'), store.set('steward.session', 'b'), store.remove('steward.other'), store.set('steward.x', 'c')]);
    expect(await setup(true, fs).store.load()).toEqual({ persistent: true, values: { 'steward.session': 'b', 'steward.x': 'c' } });
  });

  it('seals everything again when the keychain says its key was rotated', async () => {
    const { fs, store } = setup();
    await store.set('steward.session', 'a');
    await store.set('steward.other', 'b');
    const rotated = fakeKeychain({ rotated: true });
    expect(await setup(true, fs, rotated).store.load()).toEqual({ persistent: true, values: { 'steward.session': 'a', 'steward.other': 'b' } });
    await vi.waitFor(() => expect(rotated.sealed).toBe(2));
  });
});

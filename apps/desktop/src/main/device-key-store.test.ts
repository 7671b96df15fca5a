import { verifyEd25519 } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { memoryFileSystem } from './atomic-file.ts';
import { createDeviceKeyStore } from './device-key-store.ts';
import { fakeKeychain } from './test-fakes.ts';

const message = new TextEncoder().encode('manifest.json bytes');

function setup({ protects = true, fs = memoryFileSystem() } = {}) {
  return { fs, store: createDeviceKeyStore({ directory: '/user-data/device-keys', fs, keychain: fakeKeychain(), protects: () => Promise.resolve(protects) }) };
}

describe('createDeviceKeyStore', () => {
  it('makes an Ed25519 key whose signatures verify with its public key, and keeps it across restarts', async () => {
    const { fs, store } = setup();
    expect(await store.load('acme-officer')).toBeNull();
    const key = await store.create('acme-officer');
    expect(key.publicKey).toHaveLength(32);
    const signature = await store.sign('acme-officer', message);
    expect(signature).toHaveLength(64);
    expect(await verifyEd25519(key.publicKey, message, signature)).toBe(true);

    const restarted = setup({ fs }).store;
    expect(await restarted.load('acme-officer')).toEqual(key);
    expect(await verifyEd25519(key.publicKey, message, await restarted.sign('acme-officer', message))).toBe(true);
  });

  it('stores the private key sealed: the file holds no PKCS#8 key in the clear', async () => {
    const { fs, store } = setup();
    await store.create('k1');
    const [[path, contents]] = [...fs.files.entries()] as [[string, string]];
    expect(path).toMatch(/^\/user-data\/device-keys\/[0-9a-f]{64}\.json$/);
    const file = JSON.parse(contents) as { sealedPrivateKey: string };
    const sealed = Buffer.from(file.sealedPrivateKey, 'base64').toString('latin1');
    // An Ed25519 PKCS#8 key begins 302e020100300506032b6570; in base64 "MC4CAQAwBQYDK2Vw".
    expect(sealed).not.toContain('MC4CAQAwBQYDK2Vw');
    expect(contents).not.toContain('MC4CAQAwBQYDK2Vw');
  });

  it('refuses to make a key without a keychain that protects it, and writes nothing', async () => {
    const { fs, store } = setup({ protects: false });
    await expect(store.create('k1')).rejects.toThrow(/keychain/);
    expect(fs.files.size).toBe(0);
  });

  it('keeps keys apart by id, forgets a removed one, and refuses to sign with a missing key', async () => {
    const { store } = setup();
    const one = await store.create('one');
    const two = await store.create('two');
    expect(one.publicKey).not.toEqual(two.publicKey);
    expect(await verifyEd25519(one.publicKey, message, await store.sign('two', message))).toBe(false);
    await store.remove('one');
    expect(await store.load('one')).toBeNull();
    await expect(store.sign('one', message)).rejects.toThrow(/no device key "one"/);
    expect(await store.load('two')).toEqual(two);
  });

  it('reads a key file made for another id, or damaged, as no key', async () => {
    const { fs, store } = setup();
    await store.create('one');
    const [[path, contents]] = [...fs.files.entries()] as [[string, string]];
    fs.files.set(path, contents.replace('"id":"one"', '"id":"two"'));
    expect(await store.load('one')).toBeNull();
    fs.files.set(path, '{');
    expect(await store.load('one')).toBeNull();
  });
});

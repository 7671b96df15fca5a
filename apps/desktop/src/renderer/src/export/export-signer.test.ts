/** The export signer: enrolled online (a revoked key replaced once), remembered for offline exports until its certificate expires. */
import { beforeAll, describe, expect, it } from 'vitest';
import { certify, fakeServer, type FakeServer } from '../../../../../../packages/evidence/test/fake-server.ts';
import { memoryStorage } from '../platform/memory-storage.ts';
import { memoryKeyVault, webCryptoDeviceKeys } from '../platform/webcrypto-device-keys.ts';
import { decodeBase64, encodeBase64, verifyEd25519 } from '@steward/domain';
import { enrolledSigner, rememberedSigner, signerNames, type Enrol } from './export-signer.ts';

const USER = '01900000-0000-7000-8000-0000000000a2';
const URL_A = 'https://steward.test';
let server: FakeServer;

beforeAll(async () => {
  server = await fakeServer();
});

/** The server's auth.enrolKey: certifies whatever key it is given, refusing keys in `revoked`. */
function fakeEnrol(revoked: Set<string>, calls: string[]): Enrol {
  return async ({ devicePublicKey }) => {
    calls.push(devicePublicKey);
    if (revoked.has(devicePublicKey)) throw new Error('This key was revoked at 2025-01-02T00:00:00.000Z and cannot be enrolled again; make a new key.');
    const key = decodeBase64(devicePublicKey);
    if (!key.ok) throw new Error('bad key');
    return { ...(await certify(server, key.value)), serverPublicKeyPem: server.pem };
  };
}

describe('export signer', () => {
  it('enrols the device key, signs with it, and the remembered certificate serves offline until it expires', async () => {
    const keys = webCryptoDeviceKeys(memoryKeyVault());
    const preferences = memoryStorage();
    const online = await enrolledSigner(keys, preferences, URL_A, USER, 'Web console', fakeEnrol(new Set(), []));
    const signature = await online.sign(new Uint8Array([1, 2, 3]));
    const stored = await keys.load(signerNames(USER).keyId);
    expect(stored).not.toBeNull();
    expect(await verifyEd25519(stored?.publicKey ?? new Uint8Array(), new Uint8Array([1, 2, 3]), signature)).toBe(true);

    const offline = await rememberedSigner(keys, preferences, URL_A, USER, '2025-06-01T00:00:00.000Z');
    expect(offline.certificate).toEqual(online.certificate);
    await expect(rememberedSigner(keys, preferences, URL_A, USER, '2027-01-01T00:00:00.000Z')).rejects.toThrow(/no longer valid .*expired/);
    await expect(rememberedSigner(keys, preferences, 'https://other.test', USER, '2025-06-01T00:00:00.000Z')).rejects.toThrow(/another server/);
    await expect(rememberedSigner(keys, memoryStorage(), URL_A, USER, '2025-06-01T00:00:00.000Z')).rejects.toThrow(/export once while connected/);
  });

  it('replaces a key the server reports as revoked, once', async () => {
    const keys = webCryptoDeviceKeys(memoryKeyVault());
    const old = await keys.create(signerNames(USER).keyId);
    const calls: string[] = [];
    const signer = await enrolledSigner(keys, memoryStorage(), URL_A, USER, 'Web console', fakeEnrol(new Set([encodeBase64(old.publicKey)]), calls));
    expect(calls).toHaveLength(2);
    expect(signer.claims.devicePublicKey).not.toBe(encodeBase64(old.publicKey));
    expect(signer.claims.devicePublicKey).toBe(calls[1]);
  });
});

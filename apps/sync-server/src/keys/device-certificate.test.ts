/** The server signs certificates in @steward/evidence's format; the evidence verifier (the one auditors run) accepts exactly those. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize, decodeBase64, encodeBase64, encodeUtf8, generateEd25519KeyPair, signEd25519 } from '@steward/domain';
import { verifyDeviceCertificate, type SignedDeviceCertificate } from '@steward/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_LIFETIME_MS, certifyDevice, type KeyToCertify } from './device-certificate.ts';
import { loadOrCreateServerKey, type ServerKey } from './server-key.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');

describe('device certificates', () => {
  let dataDir: string;
  let serverKey: ServerKey;
  let device: KeyToCertify;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'steward-cert-'));
    const loaded = await loadOrCreateServerKey(dataDir, 'steward.example');
    if (!loaded.ok) throw new Error(loaded.error.message);
    serverKey = loaded.value;
    const devicePair = await generateEd25519KeyPair();
    device = { deviceId: '01950000-0000-7000-8000-000000000001', holderType: 'user', holderId: 'u1', deviceName: 'Ada’s laptop', devicePublicKey: encodeBase64(devicePair.publicKey) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function certify(key: KeyToCertify = device): Promise<SignedDeviceCertificate> {
    const result = await certifyDevice(serverKey, key, NOW);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  async function verify(signed: SignedDeviceCertificate) {
    const signature = decodeBase64(signed.signature);
    if (!signature.ok) throw new Error('not base64');
    return verifyDeviceCertificate(encodeUtf8(signed.certificate), signature.value, serverKey.publicKey);
  }

  it('round-trips: canonical JSON of the claims, valid for the certificate lifetime, verified by the evidence verifier', async () => {
    const signed = await certify();
    const claims = { version: 2, ...device, serverKeyId: serverKey.keyId, issuedAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + CERTIFICATE_LIFETIME_MS).toISOString() };
    expect(signed.certificate).toBe(canonicalize(claims));
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(await verify(signed)).toMatchObject({ ok: true, value: claims });
  });

  it('certifies an API key\'s export key as such', async () => {
    const signed = await certify({ ...device, holderType: 'apiKey', holderId: 'key-1' });
    expect(await verify(signed)).toMatchObject({ ok: true, value: { holderType: 'apiKey', holderId: 'key-1' } });
  });

  it('refuses altered, re-spelled or foreign certificates', async () => {
    const signed = await certify();
    const respelled = JSON.stringify(JSON.parse(signed.certificate), null, 1);
    const reSigned = encodeBase64(await signEd25519(serverKey.privateKey, encodeUtf8(respelled)));
    expect(await verify({ certificate: respelled, signature: reSigned })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/canonical/) as unknown } });
    expect((await verify({ ...signed, certificate: signed.certificate.replace('u1', 'u2') })).ok).toBe(false);
    const other = await generateEd25519KeyPair();
    const foreign = encodeBase64(await signEd25519(other.privateKey, encodeUtf8(signed.certificate)));
    expect(await verify({ ...signed, signature: foreign })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not signed by the server key/) as unknown } });
  });

  it('refuses to certify malformed claims', async () => {
    for (const change of [{ deviceName: '' }, { devicePublicKey: 'AAAA' }, { holderId: '' }]) {
      const result = await certifyDevice(serverKey, { ...device, ...change }, NOW);
      expect(result.ok).toBe(false);
    }
  });
});

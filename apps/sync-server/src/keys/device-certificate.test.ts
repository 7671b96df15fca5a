import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize, encodeBase64, encodeUtf8, generateEd25519KeyPair, signEd25519 } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifyDevice, verifyDeviceCertificate, type DeviceToCertify, type SignedDeviceCertificate } from './device-certificate.ts';
import { loadOrCreateServerKey, type ServerKey } from './server-key.ts';

const NOW = new Date('2026-03-01T09:00:00.000Z');

describe('device certificates', () => {
  let dataDir: string;
  let serverKey: ServerKey;
  let device: DeviceToCertify;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'steward-cert-'));
    const loaded = await loadOrCreateServerKey(dataDir, 'steward.example');
    if (!loaded.ok) throw new Error(loaded.error.message);
    serverKey = loaded.value;
    const devicePair = await generateEd25519KeyPair();
    device = { deviceId: '01950000-0000-7000-8000-000000000001', userId: 'u1', deviceName: 'Ada’s laptop', devicePublicKey: encodeBase64(devicePair.publicKey) };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function certify(): Promise<SignedDeviceCertificate> {
    const result = await certifyDevice(serverKey, device, NOW);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('round-trips: the certificate is canonical JSON of the claims, and verifies to them', async () => {
    const signed = await certify();
    const claims = { version: 1, ...device, serverKeyId: serverKey.keyId, issuedAt: NOW.toISOString() };
    expect(signed.certificate).toBe(canonicalize(claims));
    expect(signed.certificate.startsWith('{"deviceId":')).toBe(true);
    expect(Buffer.from(signed.signature, 'base64')).toHaveLength(64);
    expect(await verifyDeviceCertificate(signed, serverKey.publicKey, { serverKeyId: serverKey.keyId })).toEqual({ ok: true, value: claims });
  });

  it('rejects a certificate with any field altered', async () => {
    const signed = await certify();
    const alterations = [
      signed.certificate.replace('"userId":"u1"', '"userId":"u2"'),
      signed.certificate.replace('Ada’s laptop', 'Eve’s laptop'),
      signed.certificate.replace(`"serverKeyId":"${serverKey.keyId}"`, '"serverKeyId":"00000000"'),
      signed.certificate.replace('"version":1', '"version":2'),
      `${signed.certificate} `,
    ];
    for (const certificate of alterations) {
      expect(certificate).not.toBe(signed.certificate);
      const result = await verifyDeviceCertificate({ ...signed, certificate }, serverKey.publicKey);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID', details: { reason: 'signature' } } });
    }
  });

  it('rejects a tampered or malformed signature', async () => {
    const signed = await certify();
    const bytes = Buffer.from(signed.signature, 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    for (const signature of [bytes.toString('base64'), '', 'AAAA', signed.signature.slice(0, -4)]) {
      expect(await verifyDeviceCertificate({ ...signed, signature }, serverKey.publicKey)).toMatchObject({ ok: false, error: { code: 'INVALID', details: { reason: 'signature' } } });
    }
  });

  it('rejects a certificate checked against another key, or naming another key ID', async () => {
    const signed = await certify();
    const other = await generateEd25519KeyPair();
    const result = await verifyDeviceCertificate(signed, other.publicKey);
    expect(result).toMatchObject({ ok: false, error: { message: 'The device certificate does not verify: it was altered, or it was not signed by this server key.' } });
    expect(await verifyDeviceCertificate(signed, serverKey.publicKey, { serverKeyId: 'ffffffff' })).toMatchObject({ ok: false, error: { details: { reason: 'key-id' } } });
  });

  it('rejects correctly signed text that is not a canonical, complete certificate', async () => {
    const signAs = async (certificate: string): Promise<SignedDeviceCertificate> => ({ certificate, signature: encodeBase64(await signEd25519(serverKey.privateKey, encodeUtf8(certificate))) });
    const claims = { version: 1, ...device, serverKeyId: serverKey.keyId, issuedAt: NOW.toISOString() };
    const cases: [string, RegExp][] = [
      [JSON.stringify(claims, null, 1), /not in RFC 8785 canonical form/],
      [canonicalize({ ...claims, admin: true }), /expected exactly the claims/],
      [canonicalize({ ...claims, devicePublicKey: 'AAAA' }), /"devicePublicKey" must be an Ed25519 public key/],
      [canonicalize({ ...claims, version: 2 }), /version 2 is not supported/],
      ['[1]', /not a JSON object/],
    ];
    for (const [certificate, message] of cases) {
      const result = await verifyDeviceCertificate(await signAs(certificate), serverKey.publicKey);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID', details: { reason: 'claims' } } });
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
  });

  it('refuses to certify a device whose public key is not 32 bytes of base64, or without a name', async () => {
    for (const change of [{ devicePublicKey: 'AAAA' }, { devicePublicKey: 'not base64' }, { deviceName: '' }, { deviceName: 'lone \ud800 surrogate' }]) {
      const result = await certifyDevice(serverKey, { ...device, ...change }, NOW);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    }
  });
});

/** A device enrolled at sign-in gets a certificate for its key, signed by the server key that also signs checkpoints. */
import { encodeBase64, generateEd25519KeyPair, parseVerifierKey } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDeviceCertificate } from '../src/keys/device-certificate.ts';
import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Harness } from './harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

describe.each(DATABASE_KINDS)('device certificates on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h.close());

  it('certifies the enrolled device key; the certificate verifies with the published server key only', async () => {
    const device = await generateEd25519KeyPair();
    const login = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD, deviceName: 'Officer laptop', devicePublicKey: encodeBase64(device.publicKey) });
    expect(login.deviceId).toBeTypeOf('string');
    const signed = await h.client(login.token).auth.deviceCertificate.query();
    const published = await h.client().ledger.publicKey.query();
    const verifier = parseVerifierKey(published.verifierKey);
    if (!verifier.ok) throw new Error(verifier.error.message);
    const claims = await verifyDeviceCertificate(signed, verifier.value.publicKey);
    expect(claims.ok && claims.value).toMatchObject({ userId: WORLD.acme.officer, deviceName: 'Officer laptop', devicePublicKey: encodeBase64(device.publicKey) });
    const tampered = { ...signed, certificate: signed.certificate.replace('Officer laptop', 'Officer desktop') };
    expect((await verifyDeviceCertificate(tampered, verifier.value.publicKey)).ok).toBe(false);
  });

  it('refuses a session without a device key', async () => {
    const plain = await h.signIn(email('acme', 'officer'));
    await expect(plain.auth.deviceCertificate.query()).rejects.toThrow(/no device key/);
  });
});

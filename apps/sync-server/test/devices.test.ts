/**
 * Signing keys against a real server on both databases: a device enrolled
 * at sign-in or later (auth.enrolKey) gets a certificate the evidence
 * verifier accepts; an API key gets an export key; the lifecycle — expiry,
 * revocation by the holder, revocation with the API key — is enforced where
 * the server certifies keys and where it authorises them for an export.
 */
import { decodeBase64, encodeBase64, encodeUtf8, generateEd25519KeyPair, parseVerifierKey } from '@steward/domain';
import { verifyDeviceCertificate } from '@steward/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_LIFETIME_MS } from '../src/keys/device-certificate.ts';
import { DATABASE_KINDS } from './databases.ts';
import { enrolSigner } from './evidence-isolation-cases.ts';
import { startHarness, type Harness } from './harness.ts';
import { WORLD, WORLD_PASSWORD, email } from './world.ts';

const PERIOD = { tenant: 'acme', from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

describe.each(DATABASE_KINDS)('signing keys on %s', { timeout: 60_000 }, (kind) => {
  let h: Harness;
  let clockOffsetMs = 0;
  beforeAll(async () => {
    h = await startHarness(kind, { clock: () => Date.now() + clockOffsetMs });
  });
  afterAll(() => h.close());

  async function claimsOf(signed: { certificate: string; signature: string }) {
    const published = await h.client().ledger.publicKey.query();
    const verifier = parseVerifierKey(published.verifierKey);
    const signature = decodeBase64(signed.signature);
    if (!verifier.ok || !signature.ok) throw new Error('unusable key or signature');
    return verifyDeviceCertificate(encodeUtf8(signed.certificate), signature.value, verifier.value.publicKey);
  }

  it('certifies the key enrolled at sign-in; the certificate verifies with the published server key only', async () => {
    const device = await generateEd25519KeyPair();
    const login = await h.client().auth.login.mutate({ email: email('acme', 'officer'), password: WORLD_PASSWORD, deviceName: 'Officer laptop', devicePublicKey: encodeBase64(device.publicKey) });
    const signed = await h.client(login.token).auth.deviceCertificate.query();
    const claims = await claimsOf(signed);
    expect(claims.ok && claims.value).toMatchObject({ holderType: 'user', holderId: WORLD.acme.officer, deviceName: 'Officer laptop', devicePublicKey: encodeBase64(device.publicKey), deviceId: login.deviceId });
    expect(claims.ok && Date.parse(claims.value.expiresAt) - Date.parse(claims.value.issuedAt)).toBe(CERTIFICATE_LIFETIME_MS);
    expect((await claimsOf({ ...signed, certificate: signed.certificate.replace('Officer laptop', 'Officer desktop') })).ok).toBe(false);
  });

  it('a session without a device key enrols one later (as the desktop does); the same key again is the same device', async () => {
    const session = await h.signIn(email('acme', 'officer'));
    await expect(session.auth.deviceCertificate.query()).rejects.toThrow(/no device key/);
    const pair = await generateEd25519KeyPair();
    const first = await session.auth.enrolKey.mutate({ deviceName: 'Web console', devicePublicKey: encodeBase64(pair.publicKey) });
    const again = await session.auth.enrolKey.mutate({ deviceName: 'Web console', devicePublicKey: encodeBase64(pair.publicKey) });
    expect(again.deviceId).toBe(first.deviceId);
    expect((await session.auth.deviceCertificate.query()).certificate).toContain(first.deviceId);
    await expect(session.auth.enrolKey.mutate({ deviceName: 'Web console', devicePublicKey: 'AAAA' })).rejects.toThrow(/Ed25519 public key/);
  });

  it('a revoked device is no longer certified, cannot be enrolled again, cannot sign an export, and its sessions end', async () => {
    const onDevice = await h.signIn(email('acme', 'officer'));
    const { signer, deviceId } = await enrolSigner(onDevice, 'Lost laptop');
    const elsewhere = await h.signIn(email('acme', 'officer'));
    // Before revocation the certificate is good for an export.
    await expect(elsewhere.evidence.prepare.mutate({ ...PERIOD, signer })).resolves.toMatchObject({ scope: { tenantId: WORLD.acme.id } });
    const revoked = await elsewhere.auth.revokeKey.mutate({ deviceId: deviceId });
    expect(revoked.sessionsEnded).toBe(1);
    await expect(onDevice.auth.deviceCertificate.query()).rejects.toThrow(/UNAUTHORIZED|sign in/i);
    await expect(elsewhere.evidence.prepare.mutate({ ...PERIOD, signer })).rejects.toThrow(/was revoked at/);
    await expect(elsewhere.auth.revokeKey.mutate({ deviceId: deviceId })).rejects.toThrow(/already revoked/);
    const audit = await h.steward.services.db.selectFrom('documents').select('body').where('collection', '=', 'auditEvents').where('body', 'like', '%signingKey.revoke%').execute();
    expect(audit.some((r) => r.body.includes(deviceId))).toBe(true);
  });

  it('the same key cannot come back after revocation', async () => {
    const session = await h.signIn(email('acme', 'officer'));
    const pair = await generateEd25519KeyPair();
    const { deviceId } = await session.auth.enrolKey.mutate({ deviceName: 'Laptop', devicePublicKey: encodeBase64(pair.publicKey) });
    const other = await h.signIn(email('acme', 'officer'));
    await other.auth.revokeKey.mutate({ deviceId });
    await expect(other.auth.enrolKey.mutate({ deviceName: 'Laptop', devicePublicKey: encodeBase64(pair.publicKey) })).rejects.toThrow(/revoked .* cannot be enrolled again/);
  });

  it('an expired certificate does not sign an export; signing is refused until it is renewed', async () => {
    const session = await h.signIn(email('acme', 'officer'));
    const { signer } = await enrolSigner(session);
    clockOffsetMs = CERTIFICATE_LIFETIME_MS + 60_000;
    try {
      const later = await h.signIn(email('acme', 'officer'));
      await expect(later.evidence.prepare.mutate({ ...PERIOD, signer })).rejects.toThrow(/certificate is not valid now: the device certificate expired at/);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('an API key enrols an export key; revoking the API key revokes its export key', async () => {
    const platform = await h.signIn('platform@steward.test');
    const { id, key } = await platform.apiKeys.create.mutate({ tenantId: WORLD.acme.id, name: 'Pipeline', permissions: ['audit:export'] });
    const { signer, deviceId } = await enrolSigner(h.client(key), 'Nightly pipeline');
    const claims = await claimsOf(signer);
    expect(claims.ok && claims.value).toMatchObject({ holderType: 'apiKey', holderId: id, deviceName: 'Nightly pipeline' });
    await expect(h.client(key).evidence.prepare.mutate({ ...PERIOD, signer })).resolves.toMatchObject({ count: expect.any(Number) as unknown });
    // A person cannot sign with the API key's export key, nor the key with a person's device.
    await expect((await h.signIn(email('acme', 'officer'))).evidence.prepare.mutate({ ...PERIOD, signer })).rejects.toThrow(/not one of yours/);
    await platform.apiKeys.revoke.mutate({ tenantId: WORLD.acme.id, id });
    const row = await h.steward.services.db.selectFrom('devices').select('revoked_at').where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });
});

/**
 * The isolation checks of the evidence procedures and of signing keys
 * (auth.enrolKey, auth.revokeKey), shared by isolation.test.ts (its
 * ISOLATION_CASES rows for every procedure) and evidence-isolation.test.ts
 * (which also checks nothing moved or was recorded).
 */
import { decodeBase64, encodeBase64, encodeUtf8, generateEd25519KeyPair, parseVerifierKey } from '@steward/domain';
import { verifyDeviceCertificate } from '@steward/evidence';
import { expect } from 'vitest';
import type { Client } from './harness.ts';
import type { IsolationWorld } from './isolation-world.ts';
import { certifyDevice } from '../src/keys/device-certificate.ts';
import { WORLD } from './world.ts';

/** A well-formed signer that no server issued: enough for requests that must be refused before the signer is looked at. */
export const UNCERTIFIED_SIGNER = { certificate: '{}', signature: encodeBase64(new Uint8Array(64)) };

/** Enrols a fresh signing key for `client`'s session (or API key) and returns its certificate, as prepare takes it. */
export async function enrolSigner(client: Client, deviceName = 'Test signer'): Promise<{ signer: { certificate: string; signature: string }; deviceId: string; privateKey: CryptoKey }> {
  const pair = await generateEd25519KeyPair();
  const enrolled = await client.auth.enrolKey.mutate({ deviceName, devicePublicKey: encodeBase64(pair.publicKey) });
  return { signer: { certificate: enrolled.certificate, signature: enrolled.signature }, deviceId: enrolled.deviceId, privateKey: pair.privateKey };
}

export const PERIOD = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A globex officer's certified device key, planted in the table as sign-in would store it
 * (signing in or enrolling would record globex audit events, and these checks assert globex does not move).
 */
async function plantGlobexSigner(w: IsolationWorld): Promise<{ signer: { certificate: string; signature: string }; deviceId: string }> {
  const pair = await generateEd25519KeyPair();
  const deviceId = `globex-device-${crypto.randomUUID()}`;
  const devicePublicKey = encodeBase64(pair.publicKey);
  const now = new Date(w.h.steward.services.now());
  await w.db.insertInto('devices').values({ id: deviceId, user_id: WORLD.globex.officer, name: 'Globex laptop', public_key: devicePublicKey, created_at: now.toISOString(), holder_type: 'user', revoked_at: null }).execute();
  const signed = await certifyDevice(w.h.steward.services.serverKey, { deviceId, holderType: 'user', holderId: WORLD.globex.officer, deviceName: 'Globex laptop', devicePublicKey }, now);
  if (!signed.ok) throw new Error(signed.error.message);
  return { signer: signed.value, deviceId };
}

const answered = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'answered', (e: unknown) => e);

export const EVIDENCE_ISOLATION_CASES: Record<'evidence.prepare' | 'evidence.events' | 'auth.enrolKey' | 'auth.revokeKey', { name: string; run: (w: IsolationWorld) => Promise<void> }[]> = {
  'evidence.prepare': [
    {
      name: 'an acme caller asking to export globex (by slug or id) gets the unknown-tenant answer, and globex records no export',
      run: async (w) => {
        const [bySlug, byId, none] = await Promise.all(['globex', WORLD.globex.id, 'no-such-tenant'].map((tenant) => answered(w.acmeAdmin.client.evidence.prepare.mutate({ tenant, ...PERIOD, signer: UNCERTIFIED_SIGNER }))));
        for (const theirs of [bySlug, byId]) expect(theirs).toMatchObject({ data: { httpStatus: 404 } });
        expect(messageOf(bySlug).replace('globex', '<t>')).toBe(messageOf(none).replace('no-such-tenant', '<t>'));
        const withKey = await answered(w.h.client(w.acmeKey.key).evidence.prepare.mutate({ tenant: 'globex', ...PERIOD, signer: UNCERTIFIED_SIGNER }));
        expect(withKey).toMatchObject({ data: { httpStatus: 404 } });
      },
    },
    {
      name: 'a globex device\'s certificate cannot sign an acme caller\'s export of its own tenant',
      run: async (w) => {
        const { signer } = await plantGlobexSigner(w);
        const refused = await answered(w.acmeAdmin.client.evidence.prepare.mutate({ tenant: 'acme', ...PERIOD, signer }));
        expect(messageOf(refused)).toMatch(/not one of yours|audit:export/);
      },
    },
  ],
  'auth.enrolKey': [
    {
      name: 'a key enrolled by an acme caller is certified to that caller only (not to a claimed user or tenant)',
      run: async (w) => {
        const pair = await generateEd25519KeyPair();
        const claimed = await answered(w.acmeAdmin.client.auth.enrolKey.mutate({ deviceName: 'x', devicePublicKey: encodeBase64(pair.publicKey), userId: WORLD.globex.admin } as never));
        expect(claimed).toMatchObject({ data: { httpStatus: 400 } });
        const enrolled = await w.acmeAdmin.client.auth.enrolKey.mutate({ deviceName: 'Acme admin laptop', devicePublicKey: encodeBase64(pair.publicKey) });
        const published = await w.h.client().ledger.publicKey.query();
        const key = parseVerifierKey(published.verifierKey);
        if (!key.ok) throw new Error(key.error.message);
        const signature = decodeBase64(enrolled.signature);
        if (!signature.ok) throw new Error('signature is not base64');
        const claims = await verifyDeviceCertificate(encodeUtf8(enrolled.certificate), signature.value, key.value.publicKey);
        expect(claims.ok && claims.value).toMatchObject({ holderType: 'user', holderId: WORLD.acme.admin });
        // An API key without audit:export gets no export key.
        const keyless = await answered(w.h.client(w.acmeKey.key).auth.enrolKey.mutate({ deviceName: 'x', devicePublicKey: encodeBase64((await generateEd25519KeyPair()).publicKey) }));
        expect(messageOf(keyless)).toMatch(/needs audit:export/);
      },
    },
  ],
  'auth.revokeKey': [
    {
      name: 'an acme caller cannot revoke a globex device key; the answer is the same as for an unknown key',
      run: async (w) => {
        const theirs = await plantGlobexSigner(w);
        const refused = await answered(w.acmeAdmin.client.auth.revokeKey.mutate({ deviceId: theirs.deviceId }));
        const unknown = await answered(w.acmeAdmin.client.auth.revokeKey.mutate({ deviceId: 'no-such-key' }));
        expect(messageOf(refused).replace(theirs.deviceId, '<k>')).toBe(messageOf(unknown).replace('no-such-key', '<k>'));
        const row = await w.db.selectFrom('devices').select('revoked_at').where('id', '=', theirs.deviceId).executeTakeFirstOrThrow();
        expect(row.revoked_at).toBeNull();
      },
    },
  ],
  'evidence.events': [
    {
      name: 'an acme caller cannot page globex events or proofs, even with a real checkpoint size',
      run: async (w) => {
        const { treeSize } = await w.acmeAdmin.client.ledger.checkpoint.query();
        const scope = { tenant: WORLD.globex.id, ...PERIOD };
        expect(await answered(w.acmeAdmin.client.evidence.events.query({ scope, treeSize }))).toMatchObject({ data: { httpStatus: 404 } });
      },
    },
  ],
};

/**
 * Enrolling and revoking signing keys (rows of `devices`).
 *
 * - A person enrols a key for the device they are signed in on (the
 *   desktop's non-extractable key); the session is linked to that device.
 * - An API key enrols an export key for integrators' pipelines
 *   (`steward-export enroll --api-key`); it needs audit:export in its tenant.
 *
 * Enrolling a key the holder already enrolled re-certifies the same row;
 * a revoked key stays revoked (enrolling it again is refused). Revoking a
 * key also ends the sessions signed in on that device.
 */
import { err, issue, ok, type DomainIssue, type Result, type User } from '@steward/domain';
import type { SignedDeviceCertificate } from '@steward/evidence';
import { newServerId } from '../auth/ids.ts';
import { hashSecret } from '../auth/tokens.ts';
import type { Services } from '../services.ts';
import { readDocument } from '../store/documents.ts';
import { Access } from '../sync/access.ts';
import { actorIdOf, type Principal } from '../sync/principal.ts';
import { certifyDevice, heldKey } from './device-certificate.ts';

export interface EnrolledKey extends SignedDeviceCertificate {
  readonly deviceId: string;
  readonly serverPublicKeyPem: string;
}

/** The tenant a principal's own records (its audit events) belong to: the API key's, or the user's (null for platform users). */
export async function homeTenantOf(services: Services, principal: Principal): Promise<string | null> {
  if (principal.kind === 'apiKey') return principal.tenantId;
  const user = (await readDocument(services.db, services.dialect, 'users', principal.userId))?.body as User | undefined;
  return user?.tenantId ?? null;
}

export async function enrolKey(services: Services, principal: Principal, bearer: string | null, input: { readonly deviceName: string; readonly devicePublicKey: string }): Promise<Result<EnrolledKey, DomainIssue>> {
  const now = new Date(services.now());
  const holderType = principal.kind === 'user' ? 'user' : 'apiKey';
  const holderId = actorIdOf(principal);
  if (principal.kind === 'apiKey' && !(await new Access(services.db, principal, services.now()).may('audit:export', principal.tenantId))) {
    return err(issue('FORBIDDEN', 'An export key is for exporting evidence: this API key needs audit:export in its tenant.'));
  }
  const existing = await services.db
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('user_id', '=', holderId)
    .where('holder_type', '=', holderType)
    .where('public_key', '=', input.devicePublicKey)
    .executeTakeFirst();
  if (existing?.revoked_at != null) return err(issue('FORBIDDEN', `This key was revoked at ${existing.revoked_at} and cannot be enrolled again; make a new key.`));
  const deviceId = existing?.id ?? newServerId(now);
  // Checked (name, key) before anything is stored.
  const signed = await certifyDevice(services.serverKey, { deviceId, holderType, holderId, deviceName: input.deviceName, devicePublicKey: input.devicePublicKey }, now);
  if (!signed.ok) return signed;
  await services.db.transaction().execute(async (trx) => {
    if (existing === undefined) {
      await trx.insertInto('devices').values({ id: deviceId, user_id: holderId, name: input.deviceName, public_key: input.devicePublicKey, created_at: now.toISOString(), holder_type: holderType, revoked_at: null }).execute();
    } else {
      await trx.updateTable('devices').set({ name: input.deviceName }).where('id', '=', deviceId).execute();
    }
    if (principal.kind === 'user' && bearer !== null) await trx.updateTable('sessions').set({ device_id: deviceId }).where('token_hash', '=', hashSecret(bearer)).execute();
  });
  return ok({ ...signed.value, deviceId, serverPublicKeyPem: services.serverKey.publicKeyPem });
}

/** Revokes one of the caller's own keys (and, for a device, its sessions). */
export async function revokeKey(services: Services, principal: Principal, deviceId: string): Promise<Result<{ readonly revokedAt: string; readonly sessionsEnded: number }, DomainIssue>> {
  const row = await heldKey(services.db, principal, deviceId);
  if (row === undefined) return err(issue('FORBIDDEN', `You have no signing key ${deviceId} (another's key and an unknown one get this same answer).`));
  if (row.revoked_at !== null) return err(issue('INVALID', `Signing key ${deviceId} was already revoked at ${row.revoked_at}.`));
  const revokedAt = new Date(services.now()).toISOString();
  const sessionsEnded = await services.db.transaction().execute(async (trx) => {
    await trx.updateTable('devices').set({ revoked_at: revokedAt }).where('id', '=', deviceId).execute();
    const ended = await trx.updateTable('sessions').set({ revoked_at: revokedAt }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(ended.numUpdatedRows);
  });
  return ok({ revokedAt, sessionsEnded });
}

/**
 * Signing-key certificates: the server's signed statement that an Ed25519
 * public key belongs to a device of a user, or is an API key's export key,
 * valid from issue for CERTIFICATE_LIFETIME_MS. The format (and its one
 * verifier) lives in @steward/evidence; this module signs certificates,
 * and decides whether a presented certificate may sign an export now.
 *
 * Lifecycle: a key is certified only while its row is not revoked and its
 * holder is still live (a revoked API key authenticates nothing); a
 * certificate is short-lived, so a revoked key's certificates stop
 * verifying for new bundles once they expire; and an export is authorised
 * (named as `signer` in the server's signed scope statement) only for a
 * certified key of the caller that is not revoked and not expired — the
 * check a verifier can rely on offline.
 */
import { decodeBase64, encodeBase64, encodeUtf8, err, issue, ok, signEd25519, type DomainIssue, type Result } from '@steward/domain';
import { certificateProblemAt, deviceCertificateText, verifyDeviceCertificate, type DeviceCertificateClaims, type KeyHolderType, type SignedDeviceCertificate } from '@steward/evidence';
import type { Db } from '../db/dialect.ts';
import type { Principal } from '../sync/principal.ts';
import { actorIdOf } from '../sync/principal.ts';
import type { ServerKey } from './server-key.ts';

/** How long a certificate is valid: a revoked key's last certificate lapses within this time. */
export const CERTIFICATE_LIFETIME_MS = 30 * 86_400_000;

export interface KeyToCertify {
  readonly deviceId: string;
  readonly holderType: KeyHolderType;
  readonly holderId: string;
  readonly deviceName: string;
  readonly devicePublicKey: string;
}

/** Signs a certificate for `key` under the server key, valid from `now` for CERTIFICATE_LIFETIME_MS. */
export async function certifyDevice(serverKey: Pick<ServerKey, 'privateKey' | 'keyId'>, key: KeyToCertify, now: Date): Promise<Result<SignedDeviceCertificate>> {
  const certificate = deviceCertificateText({
    ...key,
    serverKeyId: serverKey.keyId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CERTIFICATE_LIFETIME_MS).toISOString(),
  });
  if (!certificate.ok) return certificate;
  const signature = await signEd25519(serverKey.privateKey, encodeUtf8(certificate.value));
  return ok({ certificate: certificate.value, signature: encodeBase64(signature) });
}

/** The signing-key row a principal holds, by id: its own device (user) or export key (API key); undefined for anyone else's. */
export async function heldKey(db: Db, principal: Principal, deviceId: string) {
  return db
    .selectFrom('devices')
    .select(['id', 'user_id', 'name', 'public_key', 'holder_type', 'revoked_at'])
    .where('id', '=', deviceId)
    .where('user_id', '=', actorIdOf(principal))
    .where('holder_type', '=', principal.kind === 'user' ? 'user' : 'apiKey')
    .executeTakeFirst();
}

const refuse = (message: string): Result<never, DomainIssue> => err(issue('FORBIDDEN', message));

/**
 * The claims of `signed` when it may sign an export for `principal` now:
 * a certificate of this server key (verified with the evidence package's
 * verifier, the one auditors run), for a key of the caller's, not revoked,
 * not expired.
 */
export async function authoriseSigner(db: Db, serverKey: Pick<ServerKey, 'publicKey' | 'keyId'>, principal: Principal, signed: SignedDeviceCertificate, now: Date): Promise<Result<DeviceCertificateClaims, DomainIssue>> {
  const signature = decodeBase64(signed.signature);
  if (!signature.ok) return err(issue('INVALID', 'The signing key\'s certificate signature is not base64.'));
  const claims = await verifyDeviceCertificate(encodeUtf8(signed.certificate), signature.value, serverKey.publicKey);
  if (!claims.ok) return err(issue('INVALID', `The signing key's certificate is not one this server issued: ${claims.error.message}.`));
  const c = claims.value;
  if (c.serverKeyId !== serverKey.keyId) return err(issue('INVALID', `The signing key's certificate names server key ${c.serverKeyId}, not this server's ${serverKey.keyId}.`));
  const row = await heldKey(db, principal, c.deviceId);
  if (row === undefined || row.public_key !== c.devicePublicKey) return refuse('The signing key is not one of yours: sign with a key enrolled by you (or by this API key).');
  if (row.revoked_at !== null) return refuse(`The signing key "${row.name}" was revoked at ${row.revoked_at}; enrol a new key.`);
  const lapsed = certificateProblemAt(c, now.toISOString(), 'now');
  if (lapsed !== undefined) return refuse(`The signing key's certificate is not valid now: ${lapsed}. Renew it (auth.deviceCertificate, or enrol the key again).`);
  return ok(c);
}

/**
 * The key that signs this device's exports, and the server's certificate
 * for it. The key lives in the platform's device-key store (never leaves
 * it: the web console's is a non-extractable WebCrypto key in IndexedDB,
 * the desktop's is held by the main process with safeStorage). Online, the
 * key is enrolled with the server (auth.enrolKey), which certifies it for
 * this person and links the session to it; the certificate (not a secret)
 * is remembered for offline exports until it expires. A key the server
 * reports as revoked is replaced by a fresh one.
 */
import { decodeBase64, encodeBase64, encodeUtf8 } from '@steward/domain';
import { certificateProblemAt, ed25519PublicKeyFromPem, verifyDeviceCertificate, type BundleSigner, type DeviceCertificateClaims, type SignedDeviceCertificate } from '@steward/evidence';
import type { DeviceKeyStore, KeyValueStore } from '../platform/platform.ts';

export interface ExportSigner {
  readonly certificate: SignedDeviceCertificate;
  readonly claims: DeviceCertificateClaims;
  readonly sign: BundleSigner;
}

export interface EnrolAnswer {
  readonly certificate: string;
  readonly signature: string;
  readonly serverPublicKeyPem: string;
}

export type Enrol = (input: { readonly deviceName: string; readonly devicePublicKey: string }) => Promise<EnrolAnswer>;

interface RememberedCertificate extends EnrolAnswer {
  readonly serverUrl: string;
}

/** The device-key id and the preference key for one person on this device. */
export function signerNames(userId: string): { readonly keyId: string; readonly certKey: string } {
  return { keyId: `export-${userId}`, certKey: `steward.exportCertificate.${userId}` };
}

async function claimsOf(answer: EnrolAnswer): Promise<DeviceCertificateClaims | string> {
  const serverKey = ed25519PublicKeyFromPem(answer.serverPublicKeyPem);
  const signature = decodeBase64(answer.signature);
  if (!serverKey.ok || !signature.ok) return 'the server sent an unusable key or certificate signature';
  const claims = await verifyDeviceCertificate(encodeUtf8(answer.certificate), signature.value, serverKey.value);
  return claims.ok ? claims.value : `the server's certificate does not verify: ${claims.error.message}`;
}

/** Enrols (or re-certifies) this device's key with the server; replaces a revoked key once. */
export async function enrolledSigner(keys: DeviceKeyStore, preferences: KeyValueStore, serverUrl: string, userId: string, deviceName: string, enrol: Enrol): Promise<ExportSigner> {
  const { keyId, certKey } = signerNames(userId);
  let key = (await keys.load(keyId)) ?? (await keys.create(keyId));
  let answer: EnrolAnswer;
  try {
    answer = await enrol({ deviceName, devicePublicKey: encodeBase64(key.publicKey) });
  } catch (cause) {
    if (!(cause instanceof Error) || !/revoked/.test(cause.message)) throw cause;
    key = await keys.create(keyId);
    answer = await enrol({ deviceName, devicePublicKey: encodeBase64(key.publicKey) });
  }
  const claims = await claimsOf(answer);
  if (typeof claims === 'string') throw new Error(claims);
  if (claims.devicePublicKey !== encodeBase64(key.publicKey)) throw new Error('The server certified another key than this device\'s.');
  const remembered: RememberedCertificate = { ...answer, serverUrl };
  preferences.setItem(certKey, JSON.stringify(remembered));
  const signWith = key;
  return { certificate: { certificate: answer.certificate, signature: answer.signature }, claims, sign: (bytes) => signWith.sign(bytes) };
}

/** The signer for an offline export: the stored key and its remembered certificate, if still valid at `now`. */
export async function rememberedSigner(keys: DeviceKeyStore, preferences: KeyValueStore, serverUrl: string, userId: string, now: string): Promise<ExportSigner> {
  const { keyId, certKey } = signerNames(userId);
  const key = await keys.load(keyId);
  const text = preferences.getItem(certKey);
  if (key === null || text === null) throw new Error('This device has no certified signing key yet: export once while connected to the server.');
  let remembered: RememberedCertificate;
  try {
    remembered = JSON.parse(text) as RememberedCertificate;
  } catch {
    throw new Error('The remembered certificate is damaged: export once while connected to the server.');
  }
  if (remembered.serverUrl !== serverUrl) throw new Error('The remembered certificate is for another server: export once while connected to this one.');
  const claims = await claimsOf(remembered);
  if (typeof claims === 'string') throw new Error(claims);
  if (claims.devicePublicKey !== encodeBase64(key.publicKey)) throw new Error('The remembered certificate is for another key: export once while connected to the server.');
  const lapsed = certificateProblemAt(claims, now, 'now');
  if (lapsed !== undefined) throw new Error(`This device's certificate is no longer valid (${lapsed}): connect to the server to renew it.`);
  return { certificate: { certificate: remembered.certificate, signature: remembered.signature }, claims, sign: (bytes) => key.sign(bytes) };
}

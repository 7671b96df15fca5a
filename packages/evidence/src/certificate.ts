/**
 * Signing-key certificates: the server's signed statement that an Ed25519
 * public key belongs to a device of a user, or is the export key of an API
 * key, and may sign evidence from `issuedAt` until `expiresAt`. One format,
 * defined here: the sync server builds the text with
 * `deviceCertificateText` and signs it (apps/sync-server/src/keys), the
 * builder and verifier check it with `verifyDeviceCertificate`.
 *
 * The certificate is the RFC 8785 canonical JSON of its claims, and that
 * exact text is what is signed and shipped: in a bundle it is
 * device-cert.json and the raw 64-byte signature device-cert.sig, so stock
 * `openssl pkeyutl -verify` checks it like manifest.sig. A verifier checks
 * the signature over the bytes it received first (nothing unverified is
 * interpreted), then exactly the known claims, then the canonical spelling.
 */
import { canonicalize, decodeBase64, decodeUtf8, ED25519_PUBLIC_KEY_SIZE, err, issue, ok, verifyEd25519, type Result } from '@steward/domain';

export const DEVICE_CERTIFICATE_VERSION = 2;

/** Whose key it is: a person's device, or an API key's export key (for integrators' pipelines). */
export const KEY_HOLDER_TYPES = ['user', 'apiKey'] as const;
export type KeyHolderType = (typeof KEY_HOLDER_TYPES)[number];

export interface DeviceCertificateClaims {
  readonly version: typeof DEVICE_CERTIFICATE_VERSION;
  /** The signing key's id on the server (a device, or an API key's export key). */
  readonly deviceId: string;
  readonly deviceName: string;
  /** Standard base64 of the 32-byte Ed25519 public key. */
  readonly devicePublicKey: string;
  readonly holderType: KeyHolderType;
  /** The user's id, or the API key's id: the actor id the audit trail knows the holder by. */
  readonly holderId: string;
  /** The server key's C2SP key ID (8 hex digits). */
  readonly serverKeyId: string;
  /** ISO 8601: the certificate is valid from here… */
  readonly issuedAt: string;
  /** …until here (exclusive). */
  readonly expiresAt: string;
}

/** A certificate as the server returns it: the signed text and its base64 signature. */
export interface SignedDeviceCertificate {
  readonly certificate: string;
  readonly signature: string;
}

/** Sorted as RFC 8785 orders them. */
const CLAIM_NAMES = ['deviceId', 'deviceName', 'devicePublicKey', 'expiresAt', 'holderId', 'holderType', 'issuedAt', 'serverKeyId', 'version'];
const TEXT_CLAIMS = ['deviceId', 'deviceName', 'holderId', 'serverKeyId'] as const;

/** Why `r` is not a set of certificate claims (types and values; not the names), or undefined. */
function claimsProblem(r: Record<string, unknown>): string | undefined {
  for (const name of TEXT_CLAIMS) {
    if (typeof r[name] !== 'string' || r[name] === '') return `"${name}" is not a non-empty string`;
  }
  if (!(KEY_HOLDER_TYPES as readonly unknown[]).includes(r['holderType'])) return `"holderType" must be one of ${KEY_HOLDER_TYPES.join(', ')}`;
  const key = typeof r['devicePublicKey'] === 'string' ? decodeBase64(r['devicePublicKey']) : undefined;
  if (key?.ok !== true || key.value.length !== ED25519_PUBLIC_KEY_SIZE) return `"devicePublicKey" is not an Ed25519 public key (${ED25519_PUBLIC_KEY_SIZE} bytes, standard base64)`;
  const issued = typeof r['issuedAt'] === 'string' ? Date.parse(r['issuedAt']) : Number.NaN;
  const expires = typeof r['expiresAt'] === 'string' ? Date.parse(r['expiresAt']) : Number.NaN;
  if (Number.isNaN(issued) || Number.isNaN(expires)) return '"issuedAt" and "expiresAt" must be ISO 8601 times';
  if (expires <= issued) return '"expiresAt" must be after "issuedAt"';
  return undefined;
}

/** The canonical text the server signs for these claims, or why they cannot be certified. */
export function deviceCertificateText(claims: Omit<DeviceCertificateClaims, 'version'>): Result<string> {
  const full: Record<string, unknown> = { ...claims, version: DEVICE_CERTIFICATE_VERSION };
  const problem = claimsProblem(full);
  if (problem !== undefined) return err(issue('INVALID', `Cannot certify this key: ${problem}.`));
  return ok(canonicalize(full));
}

/** Checks the certificate bytes against the server's raw public key and returns the claims (and the raw device key). */
export async function verifyDeviceCertificate(certificate: Uint8Array, signature: Uint8Array, serverPublicKey: Uint8Array): Promise<Result<DeviceCertificateClaims & { readonly publicKey: Uint8Array }>> {
  const refuse = (why: string): Result<never> => err(issue('INVALID', why));
  if (!(await verifyEd25519(serverPublicKey, certificate, signature))) return refuse('the device certificate is not signed by the server key (device-cert.sig does not verify device-cert.json)');
  const text = decodeUtf8(certificate);
  if (!text.ok) return refuse('the device certificate is not UTF-8');
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch {
    return refuse('the device certificate is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse('the device certificate is not a JSON object');
  const r = value as Record<string, unknown>;
  if (r['version'] !== DEVICE_CERTIFICATE_VERSION) return refuse(`device certificate version ${JSON.stringify(r['version'])} is not supported (this verifier reads version ${DEVICE_CERTIFICATE_VERSION})`);
  const names = Object.keys(r).sort();
  if (names.join(',') !== CLAIM_NAMES.join(',')) return refuse(`the device certificate must hold exactly ${CLAIM_NAMES.join(', ')}; it holds ${names.join(', ')}`);
  const problem = claimsProblem(r);
  if (problem !== undefined) return refuse(`the device certificate's ${problem}`);
  if (canonicalize(r) !== text.value) return refuse('the device certificate is not in RFC 8785 canonical form');
  const key = decodeBase64(String(r['devicePublicKey']));
  if (!key.ok) return refuse('the device certificate\'s key is not base64');
  return ok({ ...(r as unknown as DeviceCertificateClaims), publicKey: key.value });
}

/** Why the certificate does not cover `time` (ISO 8601), or undefined when issuedAt ≤ time < expiresAt. */
export function certificateProblemAt(claims: Pick<DeviceCertificateClaims, 'issuedAt' | 'expiresAt'>, time: string, what: string): string | undefined {
  const at = Date.parse(time);
  if (Number.isNaN(at)) return `${what} (${JSON.stringify(time)}) is not a time`;
  if (at < Date.parse(claims.issuedAt)) return `${what} (${time}) is before the device certificate was issued (${claims.issuedAt})`;
  if (at >= Date.parse(claims.expiresAt)) return `the device certificate expired at ${claims.expiresAt}, before ${what} (${time})`;
  return undefined;
}

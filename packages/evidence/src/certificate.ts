/**
 * Device certificates as the sync server issues them (auth.deviceCertificate):
 * the RFC 8785 canonical JSON of the claims, signed with Ed25519 by the
 * server key. In a bundle the exact signed text is device-cert.json and the
 * raw 64-byte signature device-cert.sig, so stock `openssl pkeyutl -verify`
 * checks it like manifest.sig.
 *
 * This verifier is written against the format, not imported from the
 * server (a package may not depend on an app); the server's own tests and
 * this package's end-to-end test hold the two to one format.
 */
import { canonicalize, decodeBase64, decodeUtf8, ED25519_PUBLIC_KEY_SIZE, err, issue, ok, verifyEd25519, type Result } from '@steward/domain';

export const DEVICE_CERTIFICATE_VERSION = 1;

export interface DeviceCertificateClaims {
  readonly version: 1;
  readonly deviceId: string;
  readonly userId: string;
  readonly deviceName: string;
  /** Standard base64 of the 32-byte Ed25519 public key. */
  readonly devicePublicKey: string;
  /** The server key's C2SP key ID (8 hex digits). */
  readonly serverKeyId: string;
  readonly issuedAt: string;
}

/** A certificate as the server returns it: the signed text and its base64 signature. */
export interface SignedDeviceCertificate {
  readonly certificate: string;
  readonly signature: string;
}

const CLAIM_NAMES = ['deviceId', 'deviceName', 'devicePublicKey', 'issuedAt', 'serverKeyId', 'userId', 'version'];

/**
 * Checks the certificate bytes against the server's raw public key and
 * returns the claims: signature first (nothing unverified is interpreted),
 * then exactly the known claims, then the canonical spelling.
 */
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
  if (r['version'] !== DEVICE_CERTIFICATE_VERSION) return refuse(`device certificate version ${JSON.stringify(r['version'])} is not supported`);
  const names = Object.keys(r).sort();
  if (names.join(',') !== CLAIM_NAMES.join(',')) return refuse(`the device certificate must hold exactly ${CLAIM_NAMES.join(', ')}; it holds ${names.join(', ')}`);
  for (const name of ['deviceId', 'userId', 'deviceName', 'devicePublicKey', 'serverKeyId', 'issuedAt']) {
    if (typeof r[name] !== 'string' || r[name] === '') return refuse(`the device certificate's "${name}" is not a non-empty string`);
  }
  const key = decodeBase64(String(r['devicePublicKey']));
  if (!key.ok || key.value.length !== ED25519_PUBLIC_KEY_SIZE) return refuse('the device certificate\'s key is not a base64 Ed25519 public key');
  if (canonicalize(r) !== text.value) return refuse('the device certificate is not in RFC 8785 canonical form');
  return ok({ ...(r as unknown as DeviceCertificateClaims), publicKey: key.value });
}

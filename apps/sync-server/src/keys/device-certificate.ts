/**
 * Device certificates: the server's signed statement that an Ed25519 public
 * key belongs to a device of a user. A device presents it with what it signs
 * (e.g. evidence bundles), and anyone with the server's public key can check
 * the chain without asking the server.
 *
 * The certificate is the RFC 8785 canonical JSON of its claims, and that
 * exact text is what is signed and shipped: a verifier checks the signature
 * over the bytes it received, then requires them to be canonical, so there
 * is exactly one accepted spelling of any certificate.
 *
 * Uses only the domain and WebCrypto (no Node API), so the verifier can move
 * into the domain unchanged if the desktop needs it.
 */
import {
  canonicalize,
  decodeBase64,
  decodeUtf8,
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  encodeBase64,
  encodeUtf8,
  err,
  issue,
  ok,
  signEd25519,
  verifyEd25519,
  type DomainIssue,
  type Result,
} from '@steward/domain';
import type { ServerKey } from './server-key.ts';

export const DEVICE_CERTIFICATE_VERSION = 1;

/** What the server vouches for. */
export interface DeviceCertificateClaims {
  readonly version: typeof DEVICE_CERTIFICATE_VERSION;
  readonly deviceId: string;
  readonly userId: string;
  readonly deviceName: string;
  /** The device's Ed25519 public key, standard base64 of 32 bytes. */
  readonly devicePublicKey: string;
  /** The signing server key's ID (ServerKey.keyId). */
  readonly serverKeyId: string;
  /** ISO 8601 time of issue. */
  readonly issuedAt: string;
}

export interface SignedDeviceCertificate {
  /** The claims as RFC 8785 canonical JSON: the exact text that was signed. */
  readonly certificate: string;
  /** Ed25519 signature of the certificate's UTF-8 bytes, standard base64. */
  readonly signature: string;
}

export interface DeviceToCertify {
  readonly deviceId: string;
  readonly userId: string;
  readonly deviceName: string;
  readonly devicePublicKey: string;
}

/** Sorted as RFC 8785 orders them (UTF-16 code units). */
const CLAIM_NAMES = ['deviceId', 'deviceName', 'devicePublicKey', 'issuedAt', 'serverKeyId', 'userId', 'version'] as const;

const invalid = (message: string, reason: string): Result<never, DomainIssue<'INVALID'>> => err(issue('INVALID', message, { reason }));

/** Why `claims` cannot be certified (or accepted from a certificate), or undefined. */
function claimsProblem(claims: Record<string, unknown>): string | undefined {
  for (const name of ['deviceId', 'userId', 'deviceName', 'serverKeyId', 'issuedAt'] as const) {
    const value = claims[name];
    if (typeof value !== 'string' || value.length === 0) return `"${name}" must be a non-empty string`;
  }
  if (Number.isNaN(Date.parse(String(claims['issuedAt'])))) return '"issuedAt" is not a time';
  const key = typeof claims['devicePublicKey'] === 'string' ? decodeBase64(claims['devicePublicKey']) : undefined;
  if (key?.ok !== true || key.value.length !== ED25519_PUBLIC_KEY_SIZE) {
    return `"devicePublicKey" must be an Ed25519 public key: ${ED25519_PUBLIC_KEY_SIZE} bytes in standard base64`;
  }
  return undefined;
}

/** Signs a certificate for `device` under the server key. */
export async function certifyDevice(
  serverKey: Pick<ServerKey, 'privateKey' | 'keyId'>,
  device: DeviceToCertify,
  now: Date,
): Promise<Result<SignedDeviceCertificate>> {
  const claims: DeviceCertificateClaims = {
    version: DEVICE_CERTIFICATE_VERSION,
    deviceId: device.deviceId,
    userId: device.userId,
    deviceName: device.deviceName,
    devicePublicKey: device.devicePublicKey,
    serverKeyId: serverKey.keyId,
    issuedAt: now.toISOString(),
  };
  const problem = claimsProblem({ ...claims });
  if (problem !== undefined) return invalid(`Cannot certify this device: ${problem}.`, 'claims');
  let certificate: string;
  try {
    certificate = canonicalize(claims);
  } catch (cause) {
    return invalid(`Cannot certify this device: ${cause instanceof Error ? cause.message : String(cause)}.`, 'claims');
  }
  const signature = await signEd25519(serverKey.privateKey, encodeUtf8(certificate));
  return ok({ certificate, signature: encodeBase64(signature) });
}

/**
 * Checks a certificate against the server's public key (raw 32 bytes) and
 * returns its claims. Refuses, with the reason, a bad or foreign signature,
 * any altered byte, a non-canonical spelling, unknown or missing claims,
 * and (when `serverKeyId` is given) a certificate naming another key.
 */
export async function verifyDeviceCertificate(
  signed: SignedDeviceCertificate,
  serverPublicKey: Uint8Array,
  { serverKeyId }: { readonly serverKeyId?: string } = {},
): Promise<Result<DeviceCertificateClaims, DomainIssue<'INVALID'>>> {
  const signature = decodeBase64(signed.signature);
  if (!signature.ok || signature.value.length !== ED25519_SIGNATURE_SIZE) {
    return invalid(`The device certificate's signature is not ${ED25519_SIGNATURE_SIZE} bytes of standard base64.`, 'signature');
  }
  const bytes = encodeUtf8(signed.certificate);
  // encodeUtf8 replaces lone surrogates; a text that does not round-trip is not what anyone signed.
  const roundTrip = decodeUtf8(bytes);
  const verified = roundTrip.ok && roundTrip.value === signed.certificate && (await verifyEd25519(serverPublicKey, bytes, signature.value));
  if (!verified) {
    return invalid('The device certificate does not verify: it was altered, or it was not signed by this server key.', 'signature');
  }
  const claims = parseClaims(signed.certificate);
  if (typeof claims === 'string') return invalid(`The device certificate is malformed: ${claims}.`, 'claims');
  if (serverKeyId !== undefined && claims.serverKeyId !== serverKeyId) {
    return invalid(`The device certificate names server key ${claims.serverKeyId}, not ${serverKeyId}.`, 'key-id');
  }
  return ok(claims);
}

/** The claims in a certificate's text, or what is wrong with it. */
function parseClaims(text: string): DeviceCertificateClaims | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const record = value as Record<string, unknown>;
  if (record['version'] !== DEVICE_CERTIFICATE_VERSION) return `version ${JSON.stringify(record['version'])} is not supported (expected ${DEVICE_CERTIFICATE_VERSION})`;
  const names = Object.keys(record).sort();
  if (names.length !== CLAIM_NAMES.length || names.some((name, i) => name !== CLAIM_NAMES[i])) {
    return `expected exactly the claims ${CLAIM_NAMES.join(', ')}; got ${names.join(', ')}`;
  }
  const problem = claimsProblem(record);
  if (problem !== undefined) return problem;
  let canonical: string;
  try {
    canonical = canonicalize(record);
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
  if (canonical !== text) return 'it is not in RFC 8785 canonical form';
  // claimsProblem has checked every field's type.
  const field = (name: (typeof CLAIM_NAMES)[number]): string => String(record[name]);
  return {
    version: DEVICE_CERTIFICATE_VERSION,
    deviceId: field('deviceId'),
    userId: field('userId'),
    deviceName: field('deviceName'),
    devicePublicKey: field('devicePublicKey'),
    serverKeyId: field('serverKeyId'),
    issuedAt: field('issuedAt'),
  };
}

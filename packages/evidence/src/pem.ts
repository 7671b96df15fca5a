/**
 * Ed25519 public keys as PEM SubjectPublicKeyInfo (RFC 8410), the form
 * `openssl pkey -pubin` and `openssl pkeyutl -verify -pubin` read. The DER
 * of an Ed25519 SPKI is a fixed 12-byte prefix and the 32-byte key, so it
 * is written and read here without an ASN.1 library — and read strictly:
 * only the exact text this module writes is accepted, so a changed byte
 * anywhere in a key file is a refusal, not a silently different key.
 */
import { concatBytes, decodeBase64, ED25519_PUBLIC_KEY_SIZE, encodeBase64, err, issue, ok, type Result } from '@steward/domain';

const SPKI_PREFIX = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const BEGIN = '-----BEGIN PUBLIC KEY-----';
const END = '-----END PUBLIC KEY-----';

/** The PEM text of a raw 32-byte Ed25519 public key, 64 base64 characters a line, ending with a newline. */
export function ed25519PublicKeyToPem(publicKey: Uint8Array): string {
  const lines = encodeBase64(concatBytes(SPKI_PREFIX, publicKey)).match(/.{1,64}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

/** The raw public key in `pem`, or why it is not exactly an Ed25519 SPKI PEM as written by ed25519PublicKeyToPem. */
export function ed25519PublicKeyFromPem(pem: string): Result<Uint8Array> {
  const refuse = (why: string): Result<never> => err(issue('INVALID', `not an Ed25519 public key in PEM: ${why}`));
  const body = pem.replace(/\r?\n$/, '').split(/\r?\n/);
  if (body[0] !== BEGIN || body[body.length - 1] !== END) return refuse(`expected "${BEGIN}" … "${END}"`);
  const der = decodeBase64(body.slice(1, -1).join(''));
  if (!der.ok) return refuse(`the base64 is damaged (${der.error.message})`);
  if (der.value.length !== SPKI_PREFIX.length + ED25519_PUBLIC_KEY_SIZE || SPKI_PREFIX.some((b, i) => der.value[i] !== b)) {
    return refuse('the key is not an Ed25519 SubjectPublicKeyInfo (RFC 8410)');
  }
  const key = der.value.slice(SPKI_PREFIX.length);
  if (ed25519PublicKeyToPem(key) !== pem) return refuse('the text is not in the canonical form (64-character lines, "\\n" line ends, one final newline)');
  return ok(key);
}

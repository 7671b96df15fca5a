/**
 * Ed25519 (RFC 8032) through WebCrypto, so Node, Chromium and Electron all
 * use their platform's audited implementation (OpenSSL / BoringSSL) and no
 * private key ever has to leave a non-extractable CryptoKey.
 *
 * Verification answers a yes/no question and never throws: a malformed key,
 * a signature of the wrong length or a platform refusal is simply "not
 * verified". Both platforms reject non-canonical S (S ≥ L) and compare R by
 * its encoding, which makes signatures non-malleable: every Wycheproof
 * ed25519_test.json case gets exactly its expected verdict in Node and in
 * Chromium (ed25519.wycheproof.test.ts).
 */
import { err, issue, ok, type Result } from '../errors.ts';
import { asBufferSource, bytesEqual, concatBytes, decodeBase64 } from './encoding.ts';

export const ED25519_PUBLIC_KEY_SIZE = 32;
export const ED25519_SEED_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

const ALGORITHM = { name: 'Ed25519' } as const;

/** PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410 §7): a fixed 16-byte prefix. */
const PKCS8_SEED_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

export interface Ed25519KeyPair {
  /** Usable for signing only. */
  readonly privateKey: CryptoKey;
  /** The 32-byte RFC 8032 encoding. */
  readonly publicKey: Uint8Array;
}

/** A fresh key pair. `extractable: true` only when the seed must be stored (e.g. in the OS keychain). */
export async function generateEd25519KeyPair({ extractable = false }: { extractable?: boolean } = {}): Promise<Ed25519KeyPair> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, extractable, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/** Rebuilds a key pair from its 32-byte RFC 8032 seed (the private key). */
export async function importEd25519Seed(seed: Uint8Array, { extractable = false }: { extractable?: boolean } = {}): Promise<Result<Ed25519KeyPair>> {
  if (seed.length !== ED25519_SEED_SIZE) {
    return err(issue('INVALID', `an Ed25519 private key seed is ${ED25519_SEED_SIZE} bytes; got ${seed.length}`));
  }
  const pkcs8 = concatBytes(PKCS8_SEED_PREFIX, seed);
  try {
    // WebCrypto cannot derive a public key from a private one except through a
    // JWK export, which needs an extractable key: import once to read it,
    // then keep a key that is only as extractable as asked.
    const readable = await crypto.subtle.importKey('pkcs8', asBufferSource(pkcs8), ALGORITHM, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', readable);
    const publicKey = jwk.x === undefined ? undefined : decodeBase64Url(jwk.x);
    if (publicKey?.length !== ED25519_PUBLIC_KEY_SIZE) return err(issue('INVALID', 'the platform did not return the Ed25519 public key'));
    const privateKey = extractable ? readable : await crypto.subtle.importKey('pkcs8', asBufferSource(pkcs8), ALGORITHM, false, ['sign']);
    return ok({ privateKey, publicKey });
  } catch (cause) {
    return err(issue('INVALID', `the platform refused the Ed25519 seed: ${String(cause)}`));
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * The 32-byte seed of an extractable private key, for storage in a keychain.
 * Never throws: a public key, another algorithm's key or an unexpected
 * export is an error value, so a caller cannot store the wrong bytes.
 */
export async function exportEd25519Seed(privateKey: CryptoKey): Promise<Result<Uint8Array>> {
  if (privateKey.type !== 'private' || privateKey.algorithm.name !== ALGORITHM.name) {
    return err(issue('INVALID', `expected an Ed25519 private key; got a ${privateKey.type} ${privateKey.algorithm.name} key`));
  }
  if (!privateKey.extractable) return err(issue('INVALID', 'this Ed25519 private key was created non-extractable; its seed cannot be exported'));
  let pkcs8: Uint8Array;
  try {
    pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
  } catch (cause) {
    return err(issue('INVALID', `the platform refused to export the Ed25519 private key: ${String(cause)}`));
  }
  try {
    // Only the bare RFC 8410 form (no optional public key) has the seed at a fixed offset.
    const prefix = pkcs8.subarray(0, PKCS8_SEED_PREFIX.length);
    if (pkcs8.length !== PKCS8_SEED_PREFIX.length + ED25519_SEED_SIZE || !bytesEqual(prefix, PKCS8_SEED_PREFIX)) {
      return err(issue('INVALID', `unexpected PKCS#8 export of ${pkcs8.length} bytes for an Ed25519 key`));
    }
    return ok(pkcs8.slice(PKCS8_SEED_PREFIX.length));
  } finally {
    pkcs8.fill(0);
  }
}

/** Rejects (a programming error, not bad input) if `privateKey` is not an Ed25519 signing key. */
export async function signEd25519(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ALGORITHM, privateKey, asBufferSource(message)));
}

/**
 * Imports a raw 32-byte public key for repeated verification. Whether an
 * encoding that is not a curve point is refused here or only fails every
 * verification later depends on the platform (Node accepts any 32 bytes);
 * either way no signature verifies under it.
 */
export async function importEd25519PublicKey(publicKey: Uint8Array): Promise<Result<CryptoKey>> {
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    return err(issue('INVALID', `an Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes; got ${publicKey.length}`));
  }
  try {
    return ok(await crypto.subtle.importKey('raw', asBufferSource(publicKey), ALGORITHM, true, ['verify']));
  } catch {
    return err(issue('INVALID', 'the Ed25519 public key is not a valid curve point encoding'));
  }
}

/**
 * True only if `signature` is a valid Ed25519 signature of `message` by
 * `publicKey` (raw 32 bytes, or a key from importEd25519PublicKey). Never
 * throws: malformed input of any kind is `false`.
 */
export async function verifyEd25519(publicKey: Uint8Array | CryptoKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
  let key: CryptoKey;
  if (publicKey instanceof Uint8Array) {
    const imported = await importEd25519PublicKey(publicKey);
    if (!imported.ok) return false;
    key = imported.value;
  } else {
    key = publicKey;
  }
  try {
    return await crypto.subtle.verify(ALGORITHM, key, asBufferSource(signature), asBufferSource(message));
  } catch {
    return false;
  }
}

/** JWK members are unpadded base64url. */
function decodeBase64Url(text: string): Uint8Array | undefined {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  const decoded = decodeBase64(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  return decoded.ok ? decoded.value : undefined;
}

/**
 * Keys for C2SP signed notes (https://c2sp.org/signed-note): key names, the
 * 4-byte key ID, and the verifier key string `<name>+<hex key ID>+<base64(0x01
 * ‖ public key)>` that golang.org/x/mod/sumdb/note reads — the form in which
 * a Steward log or device publishes its Ed25519 public key, so that anyone
 * (a Go verifier, an auditor's script) can check its checkpoints with nothing
 * but that one line.
 *
 * Only Ed25519 (signature type 0x01) is supported: the spec asks
 * implementations to support only the types their design needs.
 */
import { sha256 } from '#sha256';
import { ED25519_PUBLIC_KEY_SIZE, importEd25519PublicKey, signEd25519, verifyEd25519, type Ed25519KeyPair } from '../crypto/ed25519.ts';
import { concatBytes, decodeBase64, encodeBase64, encodeUtf8 } from '../crypto/encoding.ts';
import { err, issue, ok, type Result } from '../errors.ts';

/** The signature type byte the spec assigns to Ed25519. */
export const NOTE_SIGNATURE_TYPE_ED25519 = 0x01;

/** A parsed verifier key: what a verifier needs to know about a signer. */
export interface NoteVerifierKey {
  readonly name: string;
  /** uint32: the first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
  readonly keyId: number;
  /** The 32-byte RFC 8032 encoding. */
  readonly publicKey: Uint8Array;
}

/** A verifier key with its public key imported once, so repeated verifications skip the import. */
export interface NoteVerifier extends NoteVerifierKey {
  readonly cryptoKey: CryptoKey;
}

/** What signs notes: a private key that stays inside WebCrypto, with the name and ID it signs under. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly privateKey: CryptoKey;
  /** The `name+id+key` string to publish so others can verify this signer's notes. */
  readonly verifierKey: string;
}

/**
 * Unicode spaces as the spec means them: JavaScript's `\s` (which includes
 * U+FEFF) plus U+0085, which Go's `unicode.IsSpace` counts and `\s` does not.
 */
const SPACE = /[\s\u0085]/u;

/** Why `name` cannot be a key name, or undefined if it can. */
export function noteKeyNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a key name must not be empty';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    let what: string | undefined;
    if (char === '+') what = 'a plus sign';
    else if (code < 0x20) what = 'a control character';
    else if (code >= 0xd800 && code <= 0xdfff) what = 'an unpaired surrogate';
    else if (SPACE.test(char)) what = 'a space';
    if (what !== undefined) {
      const at = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return `key name ${JSON.stringify(name)} contains ${what} (${at}); names must be non-empty, without spaces or "+"`;
    }
  }
  return undefined;
}

/** The Ed25519 key ID of `name` and `publicKey` as a uint32. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(encodeUtf8(name), new Uint8Array([0x0a, NOTE_SIGNATURE_TYPE_ED25519]), publicKey));
  return (((digest[0] ?? 0) << 24) | ((digest[1] ?? 0) << 16) | ((digest[2] ?? 0) << 8) | (digest[3] ?? 0)) >>> 0;
}

/** A key ID as the 8 lowercase hex digits used in verifier keys and messages. */
export function formatNoteKeyId(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

/** `keyId` as the 4 big-endian bytes that prefix a note signature. */
export function noteKeyIdBytes(keyId: number): Uint8Array {
  return new Uint8Array([keyId >>> 24, (keyId >>> 16) & 0xff, (keyId >>> 8) & 0xff, keyId & 0xff]);
}

/** The published form `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): Result<string> {
  const problem = noteKeyNameProblem(name);
  if (problem !== undefined) return err(issue('INVALID', problem));
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    return err(issue('INVALID', `an Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes; got ${publicKey.length}`));
  }
  const typed = concatBytes(new Uint8Array([NOTE_SIGNATURE_TYPE_ED25519]), publicKey);
  return ok(`${name}+${formatNoteKeyId(noteKeyId(name, publicKey))}+${encodeBase64(typed)}`);
}

const KEY_ID_HEX = /^[0-9a-f]{8}$/;

/**
 * Parses a verifier key strictly: exactly the form formatVerifierKey writes
 * (lowercase hex, canonical base64), an Ed25519 key, and a key ID that
 * matches the name and key — a typo anywhere is caught here, not later as a
 * puzzling "no signature by this key".
 */
export function parseVerifierKey(text: string): Result<NoteVerifierKey> {
  const refuse = (why: string): Result<never> => err(issue('INVALID', `verifier key ${JSON.stringify(text)} is malformed: ${why}`));
  const firstPlus = text.indexOf('+');
  const secondPlus = firstPlus < 0 ? -1 : text.indexOf('+', firstPlus + 1);
  if (secondPlus < 0) return refuse('expected <name>+<key ID>+<base64 key>');
  const name = text.slice(0, firstPlus);
  const idHex = text.slice(firstPlus + 1, secondPlus);
  const problem = noteKeyNameProblem(name);
  if (problem !== undefined) return refuse(problem);
  if (!KEY_ID_HEX.test(idHex)) return refuse(`the key ID ${JSON.stringify(idHex)} is not 8 lowercase hex digits`);
  const typed = decodeBase64(text.slice(secondPlus + 1));
  if (!typed.ok) return refuse(`the key is not canonical base64: ${typed.error.message}`);
  const [type] = typed.value;
  if (type !== NOTE_SIGNATURE_TYPE_ED25519) {
    return refuse(type === undefined ? 'the key is empty' : `signature type 0x${type.toString(16).padStart(2, '0')} is not supported (only Ed25519, 0x01)`);
  }
  const publicKey = typed.value.slice(1);
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) return refuse(`an Ed25519 public key is ${ED25519_PUBLIC_KEY_SIZE} bytes; got ${publicKey.length}`);
  const keyId = noteKeyId(name, publicKey);
  if (formatNoteKeyId(keyId) !== idHex) return refuse(`the key ID ${idHex} does not match the name and key (expected ${formatNoteKeyId(keyId)})`);
  return ok({ name, keyId, publicKey });
}

/** Parses (if given a string) and imports a verifier key once, for any number of verifications. */
export async function importNoteVerifier(key: string | NoteVerifierKey): Promise<Result<NoteVerifier>> {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : ok(key);
  if (!parsed.ok) return parsed;
  const imported = await importEd25519PublicKey(parsed.value.publicKey);
  if (!imported.ok) return imported;
  const { name, keyId, publicKey } = parsed.value;
  return ok({ name, keyId, publicKey, cryptoKey: imported.value });
}

const PAIRING_PROBE = encodeUtf8('steward note signer key pairing check\n');

/**
 * A signer for `name` from an Ed25519 key pair. Signs and verifies one probe
 * first: a private key paired with the wrong public key would otherwise
 * publish a verifier key under which none of its notes verify.
 */
export async function createNoteSigner(name: string, keyPair: Ed25519KeyPair): Promise<Result<NoteSigner>> {
  const verifierKey = formatVerifierKey(name, keyPair.publicKey);
  if (!verifierKey.ok) return verifierKey;
  let paired: boolean;
  try {
    paired = await verifyEd25519(keyPair.publicKey, PAIRING_PROBE, await signEd25519(keyPair.privateKey, PAIRING_PROBE));
  } catch (cause) {
    return err(issue('INVALID', `the private key cannot sign Ed25519: ${String(cause)}`));
  }
  if (!paired) return err(issue('INVALID', `the private key does not belong to the public key of ${verifierKey.value}`));
  return ok({ name, keyId: noteKeyId(name, keyPair.publicKey), privateKey: keyPair.privateKey, verifierKey: verifierKey.value });
}

/** For messages: `name+abcd0123`, the way Go's note package names a key. */
export function describeNoteKey(name: string, keyId: number): string {
  return `${name}+${formatNoteKeyId(keyId)}`;
}

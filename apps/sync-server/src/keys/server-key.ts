/**
 * The server's Ed25519 signing key: it signs ledger checkpoints and device
 * certificates, so anyone holding the public key can check what the server
 * vouched for.
 *
 * The key is a 32-byte RFC 8032 seed in `<dataDir>/server-key.json`, created
 * with mode 0600 at first start and loaded afterwards. A file that other
 * users could read or write is refused rather than used: a leaked signing
 * key lets anyone forge evidence, so the operator must fix it knowingly.
 * Creation is atomic (write a temporary file, then hard-link it into place),
 * so two processes starting at once end up with one key, never a torn file.
 *
 * In memory the private key is a non-extractable CryptoKey. The key is also
 * published as a C2SP verifier key (`<name>+<key id>+<base64>`, what Go's
 * note package and our checkpoint verifier read) and as a PEM SPKI public
 * key (what `openssl` reads, shipped in exports as keys/server.pub.pem).
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createNoteSigner,
  decodeBase64,
  ED25519_SEED_SIZE,
  encodeBase64,
  formatNoteKeyId,
  importEd25519Seed,
  noteKeyNameProblem,
  type NoteSigner,
} from '@steward/domain';

export const SERVER_KEY_FILE = 'server-key.json';

export interface ServerKey {
  /** The key name, as in the verifier key and checkpoint signatures. */
  readonly name: string;
  /** Signing only; never leaves WebCrypto. */
  readonly privateKey: CryptoKey;
  /** The 32-byte RFC 8032 public key. */
  readonly publicKey: Uint8Array;
  /** The C2SP note key ID of name and key: 8 lowercase hex digits. */
  readonly keyId: string;
  /** `<name>+<keyId>+<base64(0x01 ‖ public key)>`: publish this to let others verify. */
  readonly verifierKey: string;
  /** Signs C2SP notes (ledger checkpoints) under this key. */
  readonly signer: NoteSigner;
  /** The public key as PEM SPKI, for keys/server.pub.pem in exports. */
  readonly publicKeyPem: string;
  readonly createdAt: string;
  /** Where the key file is (for logs). */
  readonly path: string;
}

export interface ServerKeyIssue {
  readonly code: 'INVALID_KEY_NAME' | 'INSECURE_KEY_FILE' | 'INVALID_KEY_FILE' | 'KEY_FILE_IO';
  readonly message: string;
}

export type ServerKeyResult = { readonly ok: true; readonly value: ServerKey } | { readonly ok: false; readonly error: ServerKeyIssue };

interface KeyFile {
  readonly version: 1;
  readonly algorithm: 'Ed25519';
  /** The 32-byte seed, standard base64. */
  readonly seed: string;
  readonly createdAt: string;
}

const fail = (code: ServerKeyIssue['code'], message: string): ServerKeyResult => ({ ok: false, error: { code, message } });

/** Loads the server key from `dataDir`, creating it on first start. Errors are values with a message for the operator. */
export async function loadOrCreateServerKey(dataDir: string, name: string, now: Date = new Date()): Promise<ServerKeyResult> {
  const nameProblem = noteKeyNameProblem(name);
  if (nameProblem !== undefined) return fail('INVALID_KEY_NAME', `The server key name is not usable: ${nameProblem}.`);
  const path = join(dataDir, SERVER_KEY_FILE);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (!(await exists(path))) await createKeyFile(dataDir, path, now);
    return await loadKeyFile(path, name);
  } catch (cause) {
    return fail('KEY_FILE_IO', `Could not read or create the server key ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (cause) {
    if (isErrno(cause, 'ENOENT')) return false;
    throw cause;
  }
}

/** Writes a fresh seed to a private temporary file, syncs it, then links it into place unless another process already did. */
async function createKeyFile(dataDir: string, path: string, now: Date): Promise<void> {
  const seed = randomBytes(ED25519_SEED_SIZE);
  const file: KeyFile = { version: 1, algorithm: 'Ed25519', seed: encodeBase64(seed), createdAt: now.toISOString() };
  seed.fill(0);
  const temporary = join(dataDir, `.${SERVER_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    await syncDirectory(dataDir);
  } catch (cause) {
    // Another process created the key first: use theirs.
    if (!isErrno(cause, 'EEXIST')) throw cause;
  } finally {
    await unlink(temporary);
  }
}

/** Makes the new directory entry durable; not possible (nor needed) on every platform. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for syncing; NTFS journals the rename itself.
  }
}

async function loadKeyFile(path: string, name: string): Promise<ServerKeyResult> {
  const info = await stat(path);
  if (!info.isFile()) return fail('INVALID_KEY_FILE', `The server key ${path} is not a regular file.`);
  // POSIX permissions only; on Windows the mode bits do not describe access.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    return fail(
      'INSECURE_KEY_FILE',
      `The server key ${path} can be read or written by other users (mode ${mode}). Anyone who can read it can forge the server's signatures. ` +
        `Restrict it with "chmod 600 ${path}" (and consider whether it was copied), then start again.`,
    );
  }
  const parsed = parseKeyFile(await readFile(path, 'utf8'));
  if (typeof parsed === 'string') return fail('INVALID_KEY_FILE', `The server key ${path} is damaged: ${parsed}. Restore it from a backup; deleting it makes a new key, and signatures made with the old one will no longer match the published key.`);
  const seed = decodeBase64(parsed.seed);
  if (!seed.ok) return fail('INVALID_KEY_FILE', `The server key ${path} is damaged: ${seed.error.message}.`);
  const pair = await importEd25519Seed(seed.value);
  seed.value.fill(0);
  if (!pair.ok) return fail('INVALID_KEY_FILE', `The server key ${path} is damaged: ${pair.error.message}.`);
  const signer = await createNoteSigner(name, pair.value);
  if (!signer.ok) return fail('INVALID_KEY_FILE', `The server key ${path} cannot sign: ${signer.error.message}.`);
  return {
    ok: true,
    value: {
      name,
      privateKey: pair.value.privateKey,
      publicKey: pair.value.publicKey,
      keyId: formatNoteKeyId(signer.value.keyId),
      verifierKey: signer.value.verifierKey,
      signer: signer.value,
      publicKeyPem: await publicKeyToPem(pair.value.publicKey),
      createdAt: parsed.createdAt,
      path,
    },
  };
}

/** The key file's contents, or why they are not a key file. */
function parseKeyFile(text: string): KeyFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const { version, algorithm, seed, createdAt } = value as Record<string, unknown>;
  if (version !== 1) return `version ${JSON.stringify(version)} is not supported (expected 1)`;
  if (algorithm !== 'Ed25519') return `algorithm ${JSON.stringify(algorithm)} is not supported (expected "Ed25519")`;
  if (typeof seed !== 'string') return '"seed" is missing';
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return '"createdAt" is not a time';
  return { version, algorithm, seed, createdAt };
}

/** A raw Ed25519 public key as PEM SubjectPublicKeyInfo (RFC 8410), the form `openssl pkey -pubin` reads. */
export async function publicKeyToPem(publicKey: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, true, ['verify']);
  const der = new Uint8Array(await crypto.subtle.exportKey('spki', key));
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

function isErrno(cause: unknown, code: string): boolean {
  return typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === code;
}

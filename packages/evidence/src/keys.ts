/** The server key as a bundle names it: its PEM, its C2SP verifier key under the ledger's origin, and its key ID. */
import { formatNoteKeyId, formatVerifierKey, noteKeyId, type Result, err, ok } from '@steward/domain';
import { ed25519PublicKeyFromPem } from './pem.ts';

export interface ServerKeyInfo {
  readonly publicKey: Uint8Array;
  /** `<origin>+<key id>+<base64>`, what verifyCheckpoint takes. */
  readonly verifierKey: string;
  /** 8 hex digits. */
  readonly keyId: string;
}

/** The server key from its PEM, named after the checkpoint origin (a Steward server signs its checkpoints under its origin). */
export function serverKeyInfo(pem: string, origin: string): Result<ServerKeyInfo> {
  const key = ed25519PublicKeyFromPem(pem);
  if (!key.ok) return key;
  const verifierKey = formatVerifierKey(origin, key.value);
  if (!verifierKey.ok) return err(verifierKey.error);
  return ok({ publicKey: key.value, verifierKey: verifierKey.value, keyId: formatNoteKeyId(noteKeyId(origin, key.value)) });
}

/** The origin a checkpoint note names on its first line (not yet verified). */
export function checkpointOrigin(note: string): string {
  return note.slice(0, Math.max(0, note.indexOf('\n')));
}

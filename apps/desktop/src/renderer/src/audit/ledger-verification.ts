/**
 * Is this audit event in the server's signed ledger? Checked here, in the
 * console, with nothing but the domain's verifiers: the checkpoint's
 * Ed25519 signature against the key this device trusts, then the inclusion
 * proof from the leaf hash *this device computes* from the event it holds
 * (never the server's leaf hash) up to the checkpoint's signed root. If the
 * event, the proof or the checkpoint was altered, it does not verify.
 */
import { decodeBase64, eventLeafHash, verifyCheckpoint, verifyInclusion, type AuditEvent, type NoteVerifier } from '@steward/domain';

export type LedgerVerdict =
  | { readonly kind: 'verified'; readonly index: number; readonly treeSize: number; readonly keyName: string }
  /** The replica has no ledger index for it: the server has not appended it (or it came from an older server). */
  | { readonly kind: 'not-in-ledger' }
  /** In the ledger, but after the newest signed checkpoint. */
  | { readonly kind: 'not-yet-checkpointed'; readonly index: number; readonly treeSize: number }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'offline' }
  | { readonly kind: 'checking' };

export interface InclusionProofInput {
  readonly index: number;
  readonly treeSize: number;
  /** base64 sibling hashes, leaf to root. */
  readonly proof: readonly string[];
}

const failed = (reason: string): LedgerVerdict => ({ kind: 'failed', reason });

/** Verifies the signed checkpoint note, then that `proof` leads from `event` to its root. Never throws. */
export async function verifyEventInclusion(input: {
  readonly event: AuditEvent;
  readonly checkpointNote: string;
  readonly verifier: NoteVerifier | string;
  readonly proof: InclusionProofInput;
}): Promise<LedgerVerdict> {
  const { event, proof } = input;
  const checkpoint = await verifyCheckpoint(input.checkpointNote, input.verifier);
  if (!checkpoint.ok) return failed(`the checkpoint is not signed by the ledger key this device trusts: ${checkpoint.error.message}`);
  const { treeSize, rootHash, keyName } = checkpoint.value;
  if (event.ledgerIndex === null) return { kind: 'not-in-ledger' };
  if (event.ledgerIndex >= treeSize) return { kind: 'not-yet-checkpointed', index: event.ledgerIndex, treeSize };
  if (proof.index !== event.ledgerIndex) return failed(`the proof is for leaf ${proof.index}, but the event is leaf ${event.ledgerIndex}`);
  if (proof.treeSize !== treeSize) return failed(`the proof is for a tree of ${proof.treeSize} leaves, but the checkpoint signs ${treeSize}`);
  const hashes: Uint8Array[] = [];
  for (const [i, encoded] of proof.proof.entries()) {
    const decoded = typeof encoded === 'string' ? decodeBase64(encoded) : null;
    if (decoded === null || !decoded.ok) return failed(`proof hash ${i + 1} is not base64`);
    hashes.push(decoded.value);
  }
  let leaf: Uint8Array;
  try {
    leaf = eventLeafHash(event);
  } catch (error) {
    return failed(`the event cannot be hashed as the ledger hashes it: ${error instanceof Error ? error.message : String(error)}`);
  }
  const included = verifyInclusion(leaf, event.ledgerIndex, treeSize, hashes, rootHash);
  if (!included.ok) return failed(`the inclusion proof does not check out: ${included.error.message}`);
  return { kind: 'verified', index: event.ledgerIndex, treeSize, keyName };
}

export function verdictLabel(verdict: LedgerVerdict): string {
  switch (verdict.kind) {
    case 'verified':
      return 'Ledger verified';
    case 'not-in-ledger':
      return 'Not in the ledger yet';
    case 'not-yet-checkpointed':
      return 'Not yet in a signed checkpoint';
    case 'failed':
      return 'Ledger verification failed';
    case 'offline':
      return 'Unverified (offline)';
    case 'checking':
      return 'Checking the ledger…';
  }
}

/** Whether a verdict can be kept: the event, the proof and the checkpoint it was checked against do not change. */
export function isFinal(verdict: LedgerVerdict): boolean {
  return verdict.kind === 'verified' || verdict.kind === 'failed';
}

/**
 * A REST page cursor is the sealed pull checkpoint of sync.pull, as
 * base64url JSON so it travels in a query string. Nothing new is trusted:
 * the seal is checked by openCheckpoint exactly as for tRPC, so a cursor is
 * bound to the caller that received it.
 */
import type { KeyObject } from 'node:crypto';
import { err, type DomainIssue, type Result } from '@steward/domain';
import { checkpointSchema, openCheckpoint, sealCheckpoint, type PullCheckpoint } from '../../sync/checkpoint.ts';

export function encodeCursor(checkpoint: PullCheckpoint, key: KeyObject, actorId: string): string {
  return Buffer.from(JSON.stringify(sealCheckpoint(checkpoint, key, actorId)), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, key: KeyObject, actorId: string): Result<PullCheckpoint, DomainIssue<'INVALID'>> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const sealed = checkpointSchema.safeParse(json);
  if (!sealed.success) return err({ code: 'INVALID', message: 'The cursor is not one this API issued; start again without a cursor.' });
  return openCheckpoint(sealed.data, key, actorId);
}


/**
 * The pull checkpoint: where the caller is in a collection's change log, and
 * the read scope it was served under. When the scope changes (a role granted
 * or revoked), the next pulls first evict what left the scope and backfill
 * what entered it — both only up to the caller's cursor, since everything
 * after it will come through the log anyway — then carry on.
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { canonicalize, err, ok, type DomainIssue, type Result } from '@steward/domain';
import { z } from 'zod';
import { CURSOR_START } from '../db/dialect.ts';
import type { ReadScope } from '../store/documents.ts';

const cursorSchema = z.strictObject({
  tx: z.string().regex(/^\d{1,20}$/, { error: 'must be a decimal transaction id' }),
  seq: z.int().min(0),
});

const scopeSchema = z.strictObject({
  tenants: z.union([z.literal('all'), z.array(z.string().max(64)).max(10_000)]),
  platform: z.boolean(),
});

const phaseSchema = z.strictObject({
  kind: z.enum(['evict', 'backfill']),
  scope: scopeSchema,
  exclude: scopeSchema,
  cursor: cursorSchema,
  /** A backfill stops at the caller's cursor; an eviction has no end (see rescope). */
  upTo: cursorSchema.optional(),
});

const checkpointFields = {
  v: z.literal(1),
  cursor: cursorSchema,
  scope: scopeSchema,
  phases: z.array(phaseSchema).max(4),
};

/** As clients hold it: sealed with the server's MAC, so its scope and phases cannot be forged or borrowed. */
export const checkpointSchema = z.strictObject({ ...checkpointFields, mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be the checkpoint seal the server issued' }) });

export type PullPhase = z.infer<typeof phaseSchema>;
export type PullCheckpoint = z.infer<z.ZodObject<typeof checkpointFields>>;
export type SealedCheckpoint = z.infer<typeof checkpointSchema>;

function macOf(checkpoint: PullCheckpoint, key: KeyObject, actorId: string): Buffer {
  const { v, cursor, scope, phases } = checkpoint;
  return createHmac('sha256', key).update(canonicalize({ actorId, checkpoint: { v, cursor, scope, phases } })).digest();
}

/** Binds a checkpoint to this server and this caller. */
export function sealCheckpoint(checkpoint: PullCheckpoint, key: KeyObject, actorId: string): SealedCheckpoint {
  return { ...checkpoint, mac: macOf(checkpoint, key, actorId).toString('base64url') };
}

/** The checkpoint, if this server issued it to this caller. */
export function openCheckpoint(sealed: SealedCheckpoint, key: KeyObject, actorId: string): Result<PullCheckpoint, DomainIssue<'INVALID'>> {
  const { mac, ...checkpoint } = sealed;
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(checkpoint, key, actorId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return err({ code: 'INVALID', message: 'This checkpoint was not issued to you by this server (or was altered); pull again from a null checkpoint.' });
  }
  return ok(checkpoint);
}

export function sameScope(a: ReadScope, b: ReadScope): boolean {
  if (a.platform !== b.platform) return false;
  if (a.tenants === 'all' || b.tenants === 'all') return a.tenants === b.tenants;
  if (a.tenants.length !== b.tenants.length) return false;
  const sorted = [...b.tenants].sort();
  return [...a.tenants].sort().every((t, i) => t === sorted[i]);
}

/** The scope as a checkpoint records it. */
export function checkpointScope(current: ReadScope): PullCheckpoint['scope'] {
  return { tenants: current.tenants === 'all' ? 'all' : [...current.tenants], platform: current.platform };
}

/** Where a caller with no checkpoint starts: the beginning of the log, in its current scope, with nothing to evict (it holds nothing it was sent). */
export function startCheckpoint(current: ReadScope): PullCheckpoint {
  return { v: 1, cursor: CURSOR_START, scope: checkpointScope(current), phases: [] };
}

/**
 * The checkpoint to continue from under the caller's current scope. A scope
 * change while earlier phases are still running restarts them from the
 * beginning of the log: sending a document twice is harmless, missing one
 * is not.
 *
 * The eviction runs to the end of the log, not just to the caller's cursor:
 * a document the caller holds may have changed after its cursor, and the
 * log after the cursor is read in the new scope, which no longer includes it
 * (evicting something the caller never held is harmless: it drops nothing).
 */
export function rescope(checkpoint: PullCheckpoint, current: ReadScope): PullCheckpoint {
  const scope = checkpointScope(current);
  if (sameScope(checkpoint.scope, current)) return checkpoint;
  // A cursor still at the start does not mean the caller holds nothing: its own pushes the server
  // accepted are in its replica without ever having been pulled. What left the scope is evicted all the same.
  const start = CURSOR_START;
  const pending = checkpoint.phases.length > 0;
  // What the caller may hold: its old scope, plus anything a running backfill may already have sent.
  const held = pending ? { tenants: 'all' as const, platform: true } : checkpoint.scope;
  const phases: PullPhase[] = [
    { kind: 'evict', scope: held, exclude: scope, cursor: start },
    { kind: 'backfill', scope, exclude: pending ? { tenants: [], platform: false } : checkpoint.scope, cursor: start, upTo: checkpoint.cursor },
  ];
  return { v: 1, cursor: checkpoint.cursor, scope, phases };
}

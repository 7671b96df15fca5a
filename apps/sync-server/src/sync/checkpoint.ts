/**
 * The pull checkpoint: where the caller is in a collection's change log, and
 * the read scope it was served under. When the scope changes (a role granted
 * or revoked), the next pulls first evict what left the scope and backfill
 * what entered it — both only up to the caller's cursor, since everything
 * after it will come through the log anyway — then carry on.
 */
import { z } from 'zod';
import type { ChangeCursor } from '../db/dialect.ts';
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
  upTo: cursorSchema,
});

export const checkpointSchema = z.strictObject({
  v: z.literal(1),
  cursor: cursorSchema,
  scope: scopeSchema,
  phases: z.array(phaseSchema).max(4),
});

export type PullPhase = z.infer<typeof phaseSchema>;
export type PullCheckpoint = z.infer<typeof checkpointSchema>;

export function sameScope(a: ReadScope, b: ReadScope): boolean {
  if (a.platform !== b.platform) return false;
  if (a.tenants === 'all' || b.tenants === 'all') return a.tenants === b.tenants;
  if (a.tenants.length !== b.tenants.length) return false;
  const sorted = [...b.tenants].sort();
  return [...a.tenants].sort().every((t, i) => t === sorted[i]);
}

function isStart(cursor: ChangeCursor): boolean {
  return cursor.seq === 0 && cursor.tx === '0';
}

/**
 * The checkpoint to continue from under the caller's current scope. A scope
 * change while earlier phases are still running restarts them from the
 * beginning of the log: sending a document twice is harmless, missing one
 * is not.
 */
export function rescope(checkpoint: PullCheckpoint, current: ReadScope): PullCheckpoint {
  const scope = { tenants: current.tenants === 'all' ? ('all' as const) : [...current.tenants], platform: current.platform };
  if (sameScope(checkpoint.scope, current)) return checkpoint;
  if (isStart(checkpoint.cursor)) return { ...checkpoint, scope, phases: [] };
  const start = { tx: '0', seq: 0 };
  const pending = checkpoint.phases.length > 0;
  // What the caller may hold: its old scope, plus anything a running backfill may already have sent.
  const held = pending ? { tenants: 'all' as const, platform: true } : checkpoint.scope;
  const phases: PullPhase[] = [
    { kind: 'evict', scope: held, exclude: scope, cursor: start, upTo: checkpoint.cursor },
    { kind: 'backfill', scope, exclude: pending ? { tenants: [], platform: false } : checkpoint.scope, cursor: start, upTo: checkpoint.cursor },
  ];
  return { v: 1, cursor: checkpoint.cursor, scope, phases };
}

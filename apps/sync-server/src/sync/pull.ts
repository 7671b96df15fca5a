/**
 * `sync.pull`: every change after the checkpoint that the caller may read,
 * in change order, none skipped (see db/dialect.ts for why none can be).
 * Documents that left the caller's scope come back as evictions
 * (`{ id, _deleted: true, _evicted: true }`) carrying none of their data:
 * the client drops its copy without learning what happened to it since.
 */
import type { CollectionName } from '@steward/domain';
import type { Services } from '../services.ts';
import { readChanges } from '../store/documents.ts';
import type { Access } from './access.ts';
import { rescope, startCheckpoint, type PullCheckpoint } from './checkpoint.ts';

export interface Eviction {
  readonly id: string;
  readonly _deleted: true;
  readonly _evicted: true;
}

export interface PullResult {
  readonly documents: (Record<string, unknown> | Eviction)[];
  /** Unsealed: the edge seals it for the caller (sealCheckpoint) before it leaves the server. */
  readonly checkpoint: PullCheckpoint;
}

/** `checkpoint` must come from openCheckpoint: its scope and phases are trusted. */
export async function pull(services: Services, access: Access, collection: CollectionName, checkpoint: PullCheckpoint | null, limit: number): Promise<PullResult> {
  const { db, dialect } = services;
  const current = await access.readScope(collection);
  let cp = checkpoint === null ? startCheckpoint(current) : rescope(checkpoint, current);
  const documents: PullResult['documents'] = [];
  while (cp.phases.length > 0 && documents.length < limit) {
    const [phase, ...rest] = cp.phases;
    if (phase === undefined) break;
    const want = limit - documents.length;
    // A backfill serves only what the caller may read now, whatever the phase says.
    const scope = phase.kind === 'backfill' ? current : phase.scope;
    const rows = await readChanges(db, dialect, collection, phase.cursor, want, scope, phase.upTo === undefined ? { exclude: phase.exclude } : { upTo: phase.upTo, exclude: phase.exclude });
    for (const row of rows) documents.push(phase.kind === 'evict' ? { id: row.id, _deleted: true, _evicted: true } : row.body);
    const last = rows.at(-1);
    cp = rows.length < want || last === undefined ? { ...cp, phases: rest } : { ...cp, phases: [{ ...phase, cursor: last.cursor }, ...rest] };
  }
  if (cp.phases.length === 0 && documents.length < limit) {
    const rows = await readChanges(db, dialect, collection, cp.cursor, limit - documents.length, current);
    for (const row of rows) documents.push(row.body);
    const last = rows.at(-1);
    if (last !== undefined) cp = { ...cp, cursor: last.cursor };
  }
  if (documents.length > 0) services.metrics.pulledDocuments.inc({ collection }, documents.length);
  return { documents, checkpoint: cp };
}

/**
 * The mapping between the wire (domain documents, as the server sends and
 * takes them) and the replica (RxDB's form, see the domain's rx-schema.ts),
 * for whole batches. Pure apart from the local lookup it is given, so the
 * replication handlers stay thin and this stays tested.
 */
import { fromRxDocument, toRxDocument, type DocumentOf } from '@steward/domain';
import type { CollectionName, PushRow, ServerDocument } from '../api/types.ts';

/** A document as the replica holds it, RxDB's bookkeeping fields aside. */
export type ReplicaDocument = { readonly id: string; readonly _deleted: boolean } & Readonly<Record<string, unknown>>;

/** A row RxDB hands the push handler. */
export interface ReplicaWriteRow {
  readonly assumedMasterState?: ReplicaDocument | undefined;
  readonly newDocumentState: ReplicaDocument;
}

/** A write the server (or the console itself, for an unreadable local document) refused. */
export interface PushRefusal {
  readonly id: string;
  readonly code: string;
  readonly reason: string;
}

const RX_BOOKKEEPING = new Set(['_rev', '_meta', '_attachments']);

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ id, _deleted: true, _evicted: true }`: the caller lost access; the server says nothing else about it. */
export function isEviction(doc: ServerDocument): boolean {
  return isRecord(doc) && doc['_evicted'] === true;
}

/** The domain → replica mapping for one server document; the server is the authority and validated it on write. */
export function toReplicaDocument(collection: CollectionName, doc: Readonly<Record<string, unknown>>): ReplicaDocument | null {
  if (typeof doc['id'] !== 'string') return null;
  const rx: Readonly<Record<string, unknown>> = toRxDocument(doc as unknown as DocumentOf<typeof collection>);
  return { ...rx, id: doc['id'], _deleted: doc['_deleted'] === true };
}

function withoutBookkeeping(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !RX_BOOKKEEPING.has(key)));
}

/**
 * A pulled batch in replica form. An eviction becomes a deletion of the local
 * copy (its last known fields, so it still fits the schema and its indexes);
 * an eviction of something the replica never held is dropped.
 */
export async function toReplicaDocuments(
  collection: CollectionName,
  documents: readonly ServerDocument[],
  findLocal: (ids: readonly string[]) => Promise<ReadonlyMap<string, Readonly<Record<string, unknown>>>>,
): Promise<ReplicaDocument[]> {
  const evicted = documents.filter(isEviction).map((doc) => String(doc['id']));
  const local = evicted.length === 0 ? new Map<string, Readonly<Record<string, unknown>>>() : await findLocal(evicted);
  const out: ReplicaDocument[] = [];
  for (const doc of documents) {
    if (isEviction(doc)) {
      const held = local.get(String(doc['id']));
      if (held !== undefined && typeof held['id'] === 'string') out.push({ ...withoutBookkeeping(held), id: held['id'], _deleted: true });
      continue;
    }
    const mapped = toReplicaDocument(collection, doc);
    if (mapped !== null) out.push(mapped);
  }
  return out;
}

/**
 * Local writes in wire form. A local document the domain cannot read back
 * is not sent (the server would refuse it anyway) but reported, so it is
 * never lost silently.
 */
export function toServerRows(collection: CollectionName, rows: readonly ReplicaWriteRow[]): { rows: PushRow[]; refused: PushRefusal[] } {
  const out: PushRow[] = [];
  const refused: PushRefusal[] = [];
  for (const row of rows) {
    const next = fromRxDocument(collection, row.newDocumentState);
    const assumed = row.assumedMasterState === undefined ? null : fromRxDocument(collection, row.assumedMasterState);
    if (!next.ok) {
      refused.push({ id: row.newDocumentState.id, code: next.error.code, reason: next.error.message });
      continue;
    }
    if (assumed !== null && !assumed.ok) {
      refused.push({ id: row.newDocumentState.id, code: assumed.error.code, reason: `The last synced copy cannot be read: ${assumed.error.message}` });
      continue;
    }
    out.push({ assumedMasterState: assumed === null ? null : assumed.value, newDocumentState: next.value });
  }
  return { rows: out, refused };
}

/** The server's master copies for conflicting rows, in replica form, for RxDB's conflict handler. */
export function conflictsToReplica(collection: CollectionName, conflicts: readonly unknown[]): ReplicaDocument[] {
  return conflicts.flatMap((doc) => {
    const mapped = isRecord(doc) ? toReplicaDocument(collection, doc) : null;
    return mapped === null ? [] : [mapped];
  });
}

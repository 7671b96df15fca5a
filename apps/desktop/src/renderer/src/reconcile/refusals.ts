/**
 * What the push handler does with the rows a push did not land: every
 * refusal — the server's, or this device's own for a document it cannot
 * read — is kept in the reconcile store (attempted change, base, the
 * server's state, code, reason, time) before RxDB hears the answer, and
 * every refused row comes back to RxDB with a state to return the replica
 * to: the server's, or, where the server sent none, the last synced state
 * or a tombstone. So nothing is lost, nothing is stranded, and nothing is
 * pushed again to be refused again.
 */
import { fromRxDocument, type CollectionName } from '@steward/domain';
import { conflictsToReplica, type PushRefusal, type ReplicaDocument, type ReplicaWriteRow } from '../replica/documents.ts';
import type { ConflictRouter } from './conflict-handler.ts';
import type { DocumentState } from './reconcile-item.ts';
import type { ReconcileStore } from './reconcile-store.ts';

export interface PushOutcome {
  readonly collection: CollectionName;
  /** The rows RxDB handed to push (replica form). */
  readonly rows: readonly ReplicaWriteRow[];
  /** The rows sent, in domain form, by id (rows this device refused are not sent). */
  readonly sent: ReadonlyMap<string, { readonly assumedMasterState: DocumentState | null; readonly newDocumentState: DocumentState }>;
  /** The server's refusals and this device's own. */
  readonly refusals: readonly PushRefusal[];
  /** The server's `conflicts` (domain form): its state for every row it did not apply. */
  readonly conflicts: readonly unknown[];
  /** ISO-8601. */
  readonly at: string;
}

const RX_BOOKKEEPING = new Set(['_rev', '_meta', '_attachments']);

function withoutBookkeeping(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([field]) => !RX_BOOKKEEPING.has(field)));
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A replica state in domain form when the domain can read it, else as stored (minus RxDB's fields). */
function asDomain(collection: CollectionName, doc: ReplicaDocument): DocumentState {
  const parsed = fromRxDocument(collection, doc);
  return parsed.ok ? parsed.value : withoutBookkeeping(doc);
}

/**
 * Records the refusals and returns the states RxDB's conflict handler gets
 * (replica form): the server's conflicts, plus, for a refused row the server
 * sent no state for, the row's last synced state or a tombstone of it.
 */
export async function keepRefusals(outcome: PushOutcome, store: ReconcileStore, router: Pick<ConflictRouter, 'markRefused'>): Promise<ReplicaDocument[]> {
  const { collection } = outcome;
  const states = conflictsToReplica(collection, outcome.conflicts);
  const serverById = new Map<string, DocumentState>();
  for (const doc of outcome.conflicts) if (isRecord(doc) && typeof doc['id'] === 'string') serverById.set(doc['id'], doc);
  const returned = new Set(states.map((doc) => doc.id));
  const rowsById = new Map(outcome.rows.map((row) => [row.newDocumentState.id, row]));

  for (const refusal of outcome.refusals) {
    const row = rowsById.get(refusal.id);
    // A refusal the server could not tie to a row (no id): nothing of this device's to keep or return.
    if (row === undefined) continue;
    const sent = outcome.sent.get(refusal.id);
    let server = serverById.get(refusal.id) ?? null;
    if (!returned.has(refusal.id)) {
      const fallback: ReplicaDocument = row.assumedMasterState ?? { ...withoutBookkeeping(row.newDocumentState), id: row.newDocumentState.id, _deleted: true };
      states.push(fallback);
      returned.add(refusal.id);
      server = row.assumedMasterState === undefined ? null : asDomain(collection, row.assumedMasterState);
    }
    await store.record({
      kind: 'rejection',
      collection,
      documentId: refusal.id,
      attempted: sent?.newDocumentState ?? asDomain(collection, row.newDocumentState),
      base: sent?.assumedMasterState ?? (row.assumedMasterState === undefined ? null : asDomain(collection, row.assumedMasterState)),
      server,
      code: refusal.code,
      reason: refusal.reason,
      at: outcome.at,
    });
    router.markRefused(collection, row.newDocumentState);
  }
  return states;
}

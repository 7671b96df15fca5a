/**
 * The replica's conflict handler (RxDB's per-collection `conflictHandler`),
 * called when a push comes back with the server's state for a row instead
 * of taking it. Two cases, told apart by what the push handler saw:
 *
 * - the server **refused** the row (its rejection is already in the
 *   reconcile store): the replica takes the server's state — a document or
 *   a tombstone — and nothing is pushed again;
 * - the server's state **moved on** since the row was based on it (a true
 *   conflict): a three-way merge with the domain's rules. Edits to
 *   different fields merge; the merged document must still pass the
 *   domain's checkWrite against the replica before it is handed back for
 *   pushing (else it is kept as a rejection, never pushed to be refused
 *   again). A field changed on both sides leaves the server's state in the
 *   replica and a conflict item — mine / theirs / base per field — for the
 *   officer to decide.
 *
 * Whatever happens, the handler returns a state the server already holds
 * or one it has just been checked to accept, so no push loops forever.
 */
import {
  checkWrite,
  fromRxDocument,
  jsonEqual,
  mergeDocument,
  withAuthoritativeFields,
  type CollectionName,
  type DocumentOf,
  type DomainIssue,
} from '@steward/domain';
import type { RxConflictHandler, RxConflictHandlerInput } from 'rxdb';
import type { ReplicaDatabase, ReplicaFields } from '../replica/database.ts';
import { toReplicaDocument } from '../replica/documents.ts';
import { loadReplicaTenantState } from '../replica/tenant-state.ts';
import { itemKey, type DocumentState, type NewReconcileItem } from './reconcile-item.ts';
import type { ReconcileStore } from './reconcile-store.ts';

/** What resolving needs from the running replication: where to keep items, and who is acting. */
export interface ConflictContext {
  readonly reconcile: ReconcileStore;
  /** The signed-in user: the actor the server will check a merged write against. */
  readonly actorId: string;
  readonly now: () => number;
}

export interface ConflictRouter {
  /** The handler for one collection of the replica (installed when the replica opens). */
  handlerFor(collection: CollectionName): RxConflictHandler<ReplicaFields>;
  /** The replication attaches its context while it runs; the returned function detaches it. */
  attach(context: ConflictContext): () => void;
  /**
   * The push handler marks a row the server refused (after recording the
   * refusal): when RxDB hands that row to the handler, the replica simply
   * takes the server's state.
   */
  markRefused(collection: CollectionName, newDocumentState: Readonly<Record<string, unknown>>): void;
}

const RX_BOOKKEEPING = ['_rev', '_meta', '_attachments'];

/** A replica state without RxDB's own fields, for comparing what a document says. */
function content(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(doc)) if (!RX_BOOKKEEPING.includes(field)) out[field] = value;
  return out;
}

/** Two replica states are the same when every field but RxDB's bookkeeping is (canonical-JSON equality). */
export function sameReplicaState(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return jsonEqual(content(a), content(b));
}

function domainOf<C extends CollectionName>(collection: C, doc: Readonly<Record<string, unknown>> | undefined): DocumentOf<C> | null {
  if (doc === undefined) return null;
  const parsed = fromRxDocument(collection, content(doc));
  return parsed.ok ? parsed.value : null;
}

const reasonOf = (issues: readonly DomainIssue[]): string => issues.map((found) => found.message).join(' ');

/** The outcome of one conflict, before it touches any store: what the replica keeps, and what to record. */
export type ConflictOutcome =
  | { readonly kind: 'take-server' }
  | { readonly kind: 'push-merged'; readonly doc: DocumentState }
  | { readonly kind: 'record'; readonly item: NewReconcileItem };

/**
 * Decides a true conflict (the server did not refuse the row; its state
 * moved on). Pure apart from reading the replica for checkWrite.
 */
export async function decideConflict<C extends CollectionName>(
  db: ReplicaDatabase,
  collection: C,
  input: RxConflictHandlerInput<ReplicaFields>,
  actorId: string,
  nowIso: string,
): Promise<ConflictOutcome> {
  const mine = domainOf(collection, input.newDocumentState);
  const theirs = domainOf(collection, input.realMasterState);
  const base = domainOf(collection, input.assumedMasterState);
  const documentId = input.newDocumentState.id;
  const record = (code: string, reason: string, extra: Partial<NewReconcileItem> = {}): ConflictOutcome => ({
    kind: 'record',
    item: { kind: 'rejection', collection, documentId, attempted: mine ?? content(input.newDocumentState), base, server: theirs ?? content(input.realMasterState), code, reason, at: nowIso, ...extra },
  });
  if (mine === null) return record('INVALID', 'This change can no longer be read as a valid document, so it was not sent again.');
  if (theirs === null) return { kind: 'take-server' };

  const merge = mergeDocument(collection, base, mine, theirs);
  switch (merge.kind) {
    case 'immutable':
    case 'invalid':
      return record(merge.issue.code, merge.issue.message);
    case 'conflict':
      return record('CONFLICT', merge.issue.message, { kind: 'conflict', fields: merge.conflicts });
    case 'merged': {
      if (merge.changedFields.length === 0) return { kind: 'take-server' };
      // The server will check the merged write against what it holds: check it here first, on the replica.
      const after = withAuthoritativeFields(collection, merge.doc, theirs, { actorId, actorType: 'user', now: nowIso });
      const state = await loadReplicaTenantState(db, after.tenantId, nowIso);
      const issues = checkWrite({ collection, actorId, before: theirs, after, state, now: nowIso });
      const first = issues[0];
      if (first !== undefined) return record(first.code, `Your changes were merged with the server's, but the result is not allowed: ${reasonOf(issues)}`, { attempted: merge.doc });
      return { kind: 'push-merged', doc: merge.doc };
    }
  }
}

const routers = new WeakMap<object, ConflictRouter>();

/** Makes the router for a replica database; database.ts installs its handlers and registers it. */
export function createConflictRouter(db: ReplicaDatabase): ConflictRouter {
  let context: ConflictContext | null = null;
  const refused = new Map<string, Readonly<Record<string, unknown>>>();

  const handlerFor = (collection: CollectionName): RxConflictHandler<ReplicaFields> => ({
    isEqual: (a, b) => sameReplicaState(a, b),
    resolve: async (input) => {
      const key = itemKey(collection, input.newDocumentState.id);
      const mark = refused.get(key);
      if (mark !== undefined && sameReplicaState(mark, input.newDocumentState)) {
        refused.delete(key);
        return input.realMasterState;
      }
      const running = context;
      // Only a running replication pushes, so there is always a context; without one, the server's state is the safe answer.
      if (running === null) return input.realMasterState;
      const nowIso = new Date(running.now()).toISOString();
      const outcome = await decideConflict(db, collection, input, running.actorId, nowIso);
      if (outcome.kind === 'record') {
        await running.reconcile.record(outcome.item);
        return input.realMasterState;
      }
      if (outcome.kind === 'take-server') return input.realMasterState;
      const merged = toReplicaDocument(collection, outcome.doc);
      return merged === null ? input.realMasterState : merged;
    },
  });

  const router: ConflictRouter = {
    handlerFor,
    attach: (next) => {
      context = next;
      return () => {
        if (context === next) context = null;
      };
    },
    markRefused: (collection, newDocumentState) => {
      if (typeof newDocumentState['id'] === 'string') refused.set(itemKey(collection, newDocumentState['id']), newDocumentState);
    },
  };
  routers.set(db, router);
  return router;
}

/** The router of an open replica (made by openReplicaDatabase). */
export function conflictRouterOf(db: ReplicaDatabase): ConflictRouter {
  const router = routers.get(db);
  if (router === undefined) throw new Error('This replica was not opened by openReplicaDatabase: it has no conflict handler.');
  return router;
}

/**
 * The officer's decisions on the reconcile queue, usable without React:
 *
 * - **re-apply** a refused change once its cause is fixed: the attempt is
 *   merged again with what the server holds now and written through the
 *   local writer (the domain checks it at once; the server decides again);
 * - **edit and re-submit**: the officer's edited document, checked and written
 *   the same way;
 * - **discard**: the replica already holds the server's truth; the attempt
 *   is dropped;
 * - **choose per field** for a conflict: mine, theirs or base for every
 *   conflicting field (the domain's resolveConflicts), then written.
 *
 * Every decision records an audit event (`reconcile.<decision>`, about the
 * item's document, with its code and reason), checked before anything is
 * applied, so no decision goes unaudited. An item leaves the open list only
 * when its decision was carried out.
 */
import {
  COLLECTION_ACCESS,
  fromRxDocument,
  issue,
  mergeDocument,
  parseDocument,
  resolveConflicts,
  type AuditEvent,
  type CollectionName,
  type ConflictChoices,
  type ConflictResult,
  type DocumentOf,
  type DomainIssue,
  type MergeResult,
} from '@steward/domain';
import { localAuditEvent } from '../audit/local-event.ts';
import type { ReplicaDatabase } from '../replica/database.ts';
import { newDocumentId } from '../replica/ids.ts';
import { createLocalWriter } from '../replica/local-writes.ts';
import type { DecisionKind, DocumentState, ReconcileItem } from './reconcile-item.ts';
import type { ReconcileStore } from './reconcile-store.ts';

export interface DecisionDeps {
  readonly db: ReplicaDatabase;
  readonly reconcile: ReconcileStore;
  /** The signed-in user. */
  readonly actorId: string;
  /** ISO-8601 with milliseconds. */
  readonly now: () => string;
  readonly newId?: () => string;
}

export type DecisionResult = { readonly ok: true; readonly item: ReconcileItem } | { readonly ok: false; readonly issues: readonly DomainIssue[] };

export interface ReconcileDecisions {
  reapply(itemId: string): Promise<DecisionResult>;
  resubmit(itemId: string, edited: DocumentState): Promise<DecisionResult>;
  discard(itemId: string): Promise<DecisionResult>;
  choose(itemId: string, choices: ConflictChoices): Promise<DecisionResult>;
}

/** The audit action a decision records. */
export const decisionAction = (kind: DecisionKind): string => `reconcile.${kind}`;

const REASON_MAX = 1_000;
const refused = (issues: readonly DomainIssue[]): DecisionResult => ({ ok: false, issues });

/** The document as the replica holds it now (live), in domain form; null when it holds none. */
export async function currentState<C extends CollectionName>(db: ReplicaDatabase, collection: C, id: string): Promise<DocumentOf<C> | null> {
  const doc = await db.collections[collection].findOne(id).exec();
  if (doc === null) return null;
  const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
  return parsed.ok ? parsed.value : null;
}

function parseState<C extends CollectionName>(collection: C, state: DocumentState | null, what: string): { ok: true; doc: DocumentOf<C> | null } | { ok: false; issue: DomainIssue } {
  if (state === null) return { ok: true, doc: null };
  const parsed = parseDocument(collection, state);
  if (parsed.ok) return { ok: true, doc: parsed.value };
  return { ok: false, issue: issue('INVALID', `${what} is not a valid document: ${parsed.error.message}`, { reason: 'unreadable' }) };
}

/**
 * The item's attempt merged again against what the replica holds now: what
 * re-apply would write, or why it cannot (the server changed the same
 * fields meanwhile: a conflict to choose on).
 */
export async function mergeAgain(db: ReplicaDatabase, item: ReconcileItem): Promise<MergeResult<CollectionName> | { readonly kind: 'unreadable'; readonly issue: DomainIssue }> {
  const mine = parseState(item.collection, item.attempted, 'The refused change');
  if (!mine.ok) return { kind: 'unreadable', issue: mine.issue };
  if (mine.doc === null) return { kind: 'unreadable', issue: issue('INVALID', 'The refused change is missing.') };
  const base = parseState(item.collection, item.base, 'The version it was based on');
  const theirs = await currentState(db, item.collection, item.documentId);
  return mergeDocument(item.collection, base.ok ? base.doc : null, mine.doc, theirs);
}

/** A conflict item as it stands now, against the replica's current state: the fields to choose on. */
export async function currentConflict(db: ReplicaDatabase, item: ReconcileItem): Promise<ConflictResult<CollectionName> | null> {
  const merged = await mergeAgain(db, item);
  return merged.kind === 'conflict' ? merged : null;
}

export function createDecisions(deps: DecisionDeps): ReconcileDecisions {
  const { db, reconcile } = deps;
  const writer = createLocalWriter({ db, actorId: deps.actorId, now: deps.now });
  const newId = deps.newId ?? newDocumentId;

  const auditEventFor = (item: ReconcileItem, kind: DecisionKind, extra: Record<string, string>): AuditEvent =>
    localAuditEvent({
      id: newId(),
      at: deps.now(),
      tenantId: item.tenantId,
      actorId: deps.actorId,
      action: decisionAction(kind),
      resourceType: COLLECTION_ACCESS[item.collection].noun,
      resourceId: item.documentId,
      context: { collection: item.collection, code: item.code, reason: item.reason.slice(0, REASON_MAX), refusedAt: item.at, itemId: item.id, ...extra },
      pii: item.collection === 'users',
    });

  /**
   * Carries out one decision: the audit event is checked first (a decision
   * that cannot be audited is not made), then the change, then the event,
   * then the item leaves the open list.
   */
  const decide = async (itemId: string, kind: DecisionKind, apply: (item: ReconcileItem) => Promise<DecisionResult | null>, choices?: ConflictChoices): Promise<DecisionResult> => {
    const item = await reconcile.get(itemId);
    if (item === null) return refused([issue('INVALID', 'This item is no longer in the reconcile list.', { reason: 'unknown-item' })]);
    if (item.status !== 'open') return refused([issue('INVALID', 'This item was already decided.', { reason: 'decided' })]);
    const event = auditEventFor(item, kind, choices === undefined ? {} : { choices: Object.entries(choices).map(([field, side]) => `${field}=${side}`).join(', ') });
    const auditIssues = await writer.check('auditEvents', event);
    if (auditIssues.length > 0) return refused(auditIssues);
    const applied = await apply(item);
    if (applied !== null && !applied.ok) return applied;
    const recorded = await writer.write('auditEvents', event);
    if (!recorded.ok) return refused(recorded.issues);
    const decided = await reconcile.resolve(item.id, { kind, at: deps.now(), ...(choices === undefined ? {} : { choices }) });
    return { ok: true, item: decided };
  };

  const write = async (collection: CollectionName, doc: DocumentOf<CollectionName>): Promise<DecisionResult | null> => {
    const result = await writer.write(collection, doc);
    return result.ok ? null : refused(result.issues);
  };

  return {
    reapply: (itemId) =>
      decide(itemId, 'reapply', async (item) => {
        const merged = await mergeAgain(db, item);
        switch (merged.kind) {
          case 'merged':
            // Nothing left to change: the server already holds this.
            return merged.changedFields.length === 0 ? null : write(item.collection, merged.doc);
          case 'conflict':
            return refused([issue('CONFLICT', `${merged.issue.message} Edit the change and submit it again instead.`, merged.issue.details)]);
          default:
            return refused([merged.issue]);
        }
      }),
    resubmit: (itemId, edited) =>
      decide(itemId, 'resubmit', async (item) => {
        const parsed = parseDocument(item.collection, edited);
        if (!parsed.ok) return refused([parsed.error]);
        if (parsed.value.id !== item.documentId) return refused([issue('INVALID', 'An edited change must keep the document it is about.', { reason: 'id-changed' })]);
        return write(item.collection, parsed.value);
      }),
    discard: (itemId) => decide(itemId, 'discard', () => Promise.resolve(null)),
    choose: (itemId, choices) =>
      decide(
        itemId,
        'choose',
        async (item) => {
          if (item.kind !== 'conflict') return refused([issue('INVALID', 'Only a conflict has versions to choose between.', { reason: 'not-a-conflict' })]);
          const conflict = await currentConflict(db, item);
          if (conflict === null) {
            return refused([issue('CONFLICT', 'This conflict has changed since it was shown (the server holds a newer version). Review it again.', { reason: 'conflict-changed' })]);
          }
          const resolved = resolveConflicts(conflict, choices);
          if (!resolved.ok) return refused([resolved.error]);
          return write(item.collection, resolved.value);
        },
        choices,
      ),
  };
}

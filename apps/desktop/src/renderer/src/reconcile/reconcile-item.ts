/**
 * One entry of the reconcile queue: a change this device made that the
 * server did not take as it was — refused outright (a rejection, with the
 * server's code and reason) or changed on both sides (a conflict, field by
 * field) — kept with everything the officer needs to decide: what was
 * attempted, what it was based on, what the server holds now, and when.
 *
 * Items are local to the device (never replicated) and only ever leave the
 * open list by a decision, which stays on the item.
 */
import { isCollectionName, RESOLUTION_SIDES, type CollectionName, type ConflictChoices, type FieldConflict } from '@steward/domain';

export type ReconcileKind = 'rejection' | 'conflict';
export type ReconcileStatus = 'open' | 'resolved';

/** What the officer decided about an item. */
export type DecisionKind = 'reapply' | 'resubmit' | 'discard' | 'choose';
export const DECISION_KINDS: readonly DecisionKind[] = ['reapply', 'resubmit', 'discard', 'choose'];

export interface ReconcileDecision {
  readonly kind: DecisionKind;
  /** ISO-8601. */
  readonly at: string;
  /** For `choose`: the side kept per conflicting field. */
  readonly choices?: ConflictChoices;
}

/** A document in domain form (as the server sends and takes it), or a tombstone. */
export type DocumentState = Readonly<Record<string, unknown>>;

export interface ReconcileItem {
  readonly id: string;
  readonly kind: ReconcileKind;
  readonly collection: CollectionName;
  readonly documentId: string;
  /** The document's tenant (null: platform-wide), for the audit event a decision writes. */
  readonly tenantId: string | null;
  /** The document this device tried to write (domain form; as stored locally when the domain could not read it). */
  readonly attempted: DocumentState;
  /** The server state the attempt was based on; null for a document this device created. */
  readonly base: DocumentState | null;
  /** The server's state now: a document, a tombstone, or null when it sent none. */
  readonly server: DocumentState | null;
  /** FORBIDDEN, QUOTA_EXCEEDED, INVALID, IMMUTABLE or CONFLICT. */
  readonly code: string;
  /** For a person: why the server (or this device) did not take the change. */
  readonly reason: string;
  /** For a conflict: each field changed on both sides, with base / mine / theirs. Empty for a rejection. */
  readonly fields: readonly FieldConflict[];
  /** ISO-8601: when the refusal or conflict was met. */
  readonly at: string;
  readonly status: ReconcileStatus;
  readonly decision: ReconcileDecision | null;
}

/** What the replication knows when it records an item; the store adds id, status and decision. */
export type NewReconcileItem = Omit<ReconcileItem, 'id' | 'status' | 'decision' | 'fields' | 'tenantId'> & {
  readonly fields?: readonly FieldConflict[];
  readonly tenantId?: string | null;
};

/** `collection/id`: how a change is named across the console (sync status, change logs). */
export const itemKey = (collection: CollectionName, documentId: string): string => `${collection}/${documentId}`;

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';

function parseFieldConflicts(value: unknown): FieldConflict[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const out: FieldConflict[] = [];
  for (const entry of value as unknown[]) {
    if (!isRecord(entry) || !isText(entry['field'])) return null;
    out.push({ field: entry['field'], base: entry['base'], mine: entry['mine'], theirs: entry['theirs'] });
  }
  return out;
}

function parseDecision(value: unknown): ReconcileDecision | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isRecord(value) || !(DECISION_KINDS as readonly unknown[]).includes(value['kind']) || !isText(value['at'])) return undefined;
  const kind = value['kind'] as DecisionKind;
  const choices = value['choices'];
  if (choices === undefined) return { kind, at: value['at'] };
  if (!isRecord(choices) || !Object.values(choices).every((side) => (RESOLUTION_SIDES as readonly unknown[]).includes(side))) return undefined;
  return { kind, at: value['at'], choices: choices as ConflictChoices };
}

/**
 * Reads an item back from storage (or any other untrusted source), checking
 * its shape; null for anything that is not a reconcile item.
 */
export function parseReconcileItem(raw: unknown): ReconcileItem | null {
  if (!isRecord(raw)) return null;
  const { id, kind, collection, documentId, tenantId, attempted, base, server, code, reason, at, status } = raw;
  if (!isText(id) || (kind !== 'rejection' && kind !== 'conflict') || !isCollectionName(collection) || !isText(documentId)) return null;
  if (!(tenantId === null || tenantId === undefined || isText(tenantId))) return null;
  if (!isRecord(attempted) || !(base === null || base === undefined || isRecord(base)) || !(server === null || server === undefined || isRecord(server))) return null;
  if (!isText(code) || !isText(reason) || !isText(at) || (status !== 'open' && status !== 'resolved')) return null;
  const fields = parseFieldConflicts(raw['fields']);
  const decision = parseDecision(raw['decision']);
  if (fields === null || decision === undefined) return null;
  return {
    id,
    kind,
    collection,
    documentId,
    tenantId: tenantId ?? null,
    attempted,
    base: base ?? null,
    server: server ?? null,
    code,
    reason,
    fields,
    at,
    status,
    decision,
  };
}

/** The tenant a document belongs to, as a domain document says it. */
export function tenantOf(doc: DocumentState | null): string | null {
  const tenantId = doc?.['tenantId'];
  return typeof tenantId === 'string' && tenantId !== '' ? tenantId : null;
}

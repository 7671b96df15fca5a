/**
 * How a reconcile item reads to a person: what the change was ("Grant of
 * Auditor to Maya Chen"), which fields it touched with this device's and
 * the server's values side by side, and which fields an edit form offers.
 * Pure, so the Sync center stays thin and this stays tested.
 */
import { MERGE_POLICIES, changedFields, isServerSet, type CollectionName } from '@steward/domain';
import type { Directory } from '../people/directory.ts';
import type { DocumentState, ReconcileItem } from './reconcile-item.ts';

export type ChangeOperation = 'create' | 'update' | 'delete';

/** What the attempted change did: created a document, changed one, or deleted one. */
export function operationOfItem(item: ReconcileItem): ChangeOperation {
  if (item.attempted['_deleted'] === true) return 'delete';
  const base = item.base;
  return base === null || base['_deleted'] === true ? 'create' : 'update';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A short name for the document, from its own fields. */
function documentLabel(collection: CollectionName, doc: DocumentState, directory: Directory): string {
  switch (collection) {
    case 'users':
      return directory.userLabel(text(doc['id']));
    case 'tenants':
      return text(doc['name']) || directory.tenantName(text(doc['id']));
    case 'roles':
      return `"${text(doc['name']) || directory.roleName(text(doc['id']))}"`;
    case 'auditEvents':
      return text(doc['action']);
    case 'auditReviews':
      return `of event ${text(doc['eventId']).slice(-8)}`;
    default: {
      const named = text(doc['name']) || text(doc['title']);
      return named === '' ? `…${text(doc['id']).slice(-8)}` : `"${named}"`;
    }
  }
}

/** "Grant of "Auditor" to Maya Chen", "Change to user Maya Chen", "Deletion of role "Helpdesk"". */
export function itemTitle(item: ReconcileItem, directory: Directory): string {
  const doc = item.attempted;
  const operation = operationOfItem(item);
  if (item.collection === 'roleAssignments') {
    const role = `"${directory.roleName(text(doc['roleId']))}"`;
    const user = directory.userLabel(text(doc['userId']));
    if (operation === 'create') return `Grant of ${role} to ${user}`;
    if (operation === 'delete') return `Revocation of ${role} from ${user}`;
    return `Change to the ${role} grant of ${user}`;
  }
  if (item.collection === 'auditReviews' && operation === 'create') return `Review (${text(doc['state'])}) of an audit event`;
  const noun = MERGE_POLICIES[item.collection].noun;
  const label = documentLabel(item.collection, doc, directory);
  if (operation === 'create') return `New ${noun} ${label}`;
  if (operation === 'delete') return `Deletion of ${noun} ${label}`;
  return `Change to ${noun} ${label}`;
}

/** "role assignment" → "Role assignment". */
export function collectionLabel(collection: CollectionName): string {
  const noun = MERGE_POLICIES[collection].noun;
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

export interface FieldRow {
  readonly field: string;
  /** This device's value. */
  readonly mine: unknown;
  /** The server's value now (undefined: it holds none). */
  readonly theirs: unknown;
  /** The value the change started from (undefined: the device created the document). */
  readonly base: unknown;
  /** This device changed the field (against its base, or every field of a new document). */
  readonly changedHere: boolean;
}

const HIDDEN = new Set(['id', '_deleted']);

/**
 * The fields a change touched, with both sides: every field this device
 * changed, and every field where the server's state now differs from the
 * attempt. Server-set fields (revision, updatedAt, …) are left out.
 */
export function fieldRows(item: ReconcileItem): FieldRow[] {
  const { attempted, base, server } = item;
  const serverLive = server !== null && server['_deleted'] !== true ? server : null;
  const changed = new Set(changedFields(base, attempted));
  const differs = new Set(changedFields(serverLive, attempted));
  const fields = Object.keys(attempted).filter((field) => !HIDDEN.has(field) && !isServerSet(item.collection, field) && (changed.has(field) || differs.has(field)));
  return fields.map((field) => ({ field, mine: attempted[field], theirs: serverLive?.[field], base: base?.[field], changedHere: changed.has(field) }));
}

/** A value as a person reads it in a table cell. */
export function formatValue(value: unknown, directory?: Directory): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : (directory?.humanize(value) ?? value);
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export type EditKind = 'text' | 'number' | 'boolean' | 'json';

export interface EditField {
  readonly field: string;
  readonly kind: EditKind;
  /** The value to start the input with (JSON text for `json`). */
  readonly initial: string | boolean;
}

/** Fields an officer may edit before re-submitting: every field but the id, the tenant and the server's. */
export function editFields(collection: CollectionName, doc: DocumentState): EditField[] {
  return Object.entries(doc)
    .filter(([field]) => !HIDDEN.has(field) && field !== 'tenantId' && !isServerSet(collection, field))
    .map(([field, value]): EditField => {
      if (typeof value === 'boolean') return { field, kind: 'boolean', initial: value };
      if (typeof value === 'number') return { field, kind: 'number', initial: String(value) };
      if (typeof value === 'string') return { field, kind: 'text', initial: value };
      return { field, kind: 'json', initial: JSON.stringify(value, null, 2) };
    });
}

export type EditValues = Readonly<Record<string, string | boolean>>;

/**
 * The edited document from the form's values, or the fields whose text is
 * not valid (JSON that does not parse, a number that is not one). The
 * domain's schema then judges the document itself.
 */
export function applyEdits(collection: CollectionName, doc: DocumentState, values: EditValues): { ok: true; doc: DocumentState } | { ok: false; fields: Record<string, string> } {
  const out: Record<string, unknown> = { ...doc };
  const errors: Record<string, string> = {};
  for (const edit of editFields(collection, doc)) {
    const value = values[edit.field];
    if (value === undefined) continue;
    if (edit.kind === 'boolean') out[edit.field] = value === true;
    else if (edit.kind === 'text') out[edit.field] = String(value);
    else if (edit.kind === 'number') {
      const n = Number(value);
      if (String(value).trim() === '' || !Number.isFinite(n)) errors[edit.field] = 'must be a number';
      else out[edit.field] = n;
    } else {
      try {
        out[edit.field] = JSON.parse(String(value)) as unknown;
      } catch {
        errors[edit.field] = 'must be valid JSON';
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, fields: errors } : { ok: true, doc: out };
}

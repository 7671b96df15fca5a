/**
 * Three-way merge of one document against the assumed master state, as the
 * server runs it for a pushed row whose `assumedMasterState` is no longer the
 * stored one, and as the desktop runs it to show what a conflict is about.
 *
 * - base:   the server state the client last saw (`assumedMasterState`), or
 *           null when the client created the document;
 * - mine:   the client's new state (`newDocumentState`);
 * - theirs: the server's current state, or null when it holds none.
 *
 * A field changed on one side only takes that side's value; a field changed
 * on both sides to the same value is no conflict; a field changed on both
 * sides to different values is a conflict for a person to resolve. Values are
 * compared structurally (canonical-JSON equality), whole top-level field by
 * field: two edits inside one nested object (say `branding`) are one conflict,
 * because such fields are set as a whole in the UI, and a role's
 * `permissions` are never unioned, because the union of two permission edits
 * can grant what neither author meant to.
 *
 * Deleting is an edit like any other, with one addition: a delete on one side
 * and any edit on the other is a conflict on `_deleted` — silently dropping
 * the edit, or silently undoing the delete, would each lose someone's work.
 * A document the server no longer holds at all (purged) counts as deleted
 * there.
 */
import { issue, type DomainIssue } from '../errors.ts';
import { fieldsOf, invalidDocument, schemaOf, type CollectionName, type DocumentOf } from '../schema/collections.ts';
import { changedFields, jsonEqual } from './equality.ts';
import { mergeGrowOnly } from './grow-only.ts';
import { MERGE_POLICIES } from './policy.ts';
import { conflictIssue, type FieldConflict } from './conflict.ts';

export type MergeResult<C extends CollectionName> =
  | MergedResult<C>
  | ConflictResult<C>
  | { readonly kind: 'immutable'; readonly collection: C; readonly issue: DomainIssue<'IMMUTABLE'> }
  | { readonly kind: 'invalid'; readonly collection: C; readonly issue: DomainIssue<'INVALID'> };

export interface MergedResult<C extends CollectionName> {
  readonly kind: 'merged';
  readonly collection: C;
  readonly doc: DocumentOf<C>;
  /**
   * The fields in which `doc` differs from the server's current state: what
   * the write changes. Empty means nothing to write — e.g. a retried push
   * that already landed. For an insert, every field (and the server-set
   * fields are still the client's: the server replaces them as it writes).
   */
  readonly changedFields: readonly string[];
}

export interface ConflictResult<C extends CollectionName> {
  readonly kind: 'conflict';
  readonly collection: C;
  /** In schema field order. */
  readonly conflicts: readonly FieldConflict[];
  /** The best partial merge: every other field merged, each conflicting field at the server's value. */
  readonly merged: DocumentOf<C>;
  /** The CONFLICT rejection to send or show, naming the fields. */
  readonly issue: DomainIssue<'CONFLICT'>;
}

type Fields = Readonly<Record<string, unknown>>;

/**
 * The merge, checked: a merged document is also validated against the
 * collection's schema, since two valid documents combined field by field can
 * break a rule that spans fields (`validFrom` from one side and `expiresAt`
 * from the other). Such a result is `invalid`, with the schema's reasons.
 */
export function mergeDocument<C extends CollectionName>(collection: C, base: DocumentOf<C> | null, mine: DocumentOf<C>, theirs: DocumentOf<C> | null): MergeResult<C> {
  const result = mergeFields(collection, base, mine, theirs);
  if (result.kind !== 'merged') return result;
  const parsed = schemaOf(collection).safeParse(result.doc);
  if (parsed.success) return { ...result, doc: parsed.data };
  const found = invalidDocument(collection, parsed.error.issues);
  const noun = MERGE_POLICIES[collection].noun;
  return {
    kind: 'invalid',
    collection,
    issue: issue('INVALID', `Your changes and the server's cannot be combined into a valid ${noun}: ${found.message}`, { ...found.details, reason: 'merge-invalid' }),
  };
}

/** The merge, structurally: field by field, without validating the combination (see mergeDocument). */
export function mergeFields<C extends CollectionName>(collection: C, base: DocumentOf<C> | null, mine: DocumentOf<C>, theirs: DocumentOf<C> | null): MergeResult<C> {
  const mismatch = identityProblem(collection, [base, mine, theirs]);
  if (mismatch !== null) return { kind: 'invalid', collection, issue: mismatch };
  const policy = MERGE_POLICIES[collection];
  if (policy.immutable) return mergeImmutable(collection, base, mine, theirs);
  // A document the server no longer holds, but the client saw, was deleted there (and purged).
  const server: Fields | null = theirs ?? (base === null ? null : { ...base, _deleted: true });
  if (server === null) return { kind: 'merged', collection, doc: mine, changedFields: changesOf(collection, null, mine) };

  const before: Fields | null = base;
  const after: Fields = mine;
  const out: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of fieldOrder(collection, [base, mine, server])) {
    const [b, m, t] = [before?.[field], after[field], server[field]];
    const list = policy.growOnly[field];
    if (policy.serverSet.includes(field)) out[field] = t;
    else if (list !== undefined) out[field] = mergeGrowOnly(m, t, list);
    else if (jsonEqual(m, t) || (base !== null && jsonEqual(m, b))) out[field] = t;
    else if (base !== null && jsonEqual(t, b)) out[field] = m;
    else {
      conflicts.push({ field, base: b, mine: m, theirs: t });
      out[field] = t;
    }
  }
  const deletion = before === null ? null : deleteEditConflict(collection, before, after, server);
  if (deletion !== null) {
    conflicts.push(deletion);
    out['_deleted'] = server['_deleted'];
  }
  for (const [field, value] of Object.entries(out)) if (value === undefined) delete out[field];
  // Every field comes from one of three documents of this collection; mergeDocument validates the combination.
  const doc = out as DocumentOf<C>;
  if (conflicts.length === 0) {
    // Deleting what the server already purged leaves nothing to write.
    const gone = theirs === null && out['_deleted'] === true;
    return { kind: 'merged', collection, doc, changedFields: gone ? [] : changesOf(collection, theirs, doc) };
  }
  const ordered = inSchemaOrder(collection, conflicts, (conflict) => conflict.field);
  return { kind: 'conflict', collection, conflicts: ordered, merged: doc, issue: conflictIssue(collection, after['id'], ordered) };
}

/**
 * Audit events and reviews are never edited: a write that matches the stored
 * record (apart from server-set fields) is a no-op — a retry, or an echo of
 * what the client saw — and anything else is refused.
 */
function mergeImmutable<C extends CollectionName>(collection: C, base: DocumentOf<C> | null, mine: DocumentOf<C>, theirs: DocumentOf<C> | null): MergeResult<C> {
  const { noun } = MERGE_POLICIES[collection];
  const content = (doc: object | null) => contentChanges(collection, doc, mine);
  if (theirs === null) {
    if (base === null) return { kind: 'merged', collection, doc: mine, changedFields: changesOf(collection, null, mine) };
    return { kind: 'immutable', collection, issue: immutableIssue(collection, `This ${noun} is no longer held by the server (it was purged), and cannot be written again.`, mine, []) };
  }
  if ((base !== null && content(base).length === 0) || content(theirs).length === 0) {
    return { kind: 'merged', collection, doc: theirs, changedFields: [] };
  }
  const fields = content(theirs);
  const advice = collection === 'auditReviews' ? ' Record a new review instead.' : '';
  const message = `${capitalize(noun)}s cannot be changed once recorded (this write changes ${fields.join(', ')}).${advice}`;
  return { kind: 'immutable', collection, issue: immutableIssue(collection, message, mine, fields) };
}

/** One side deleted (or restored) the document while the other edited it. */
function deleteEditConflict(collection: CollectionName, base: Fields, mine: Fields, theirs: Fields): FieldConflict | null {
  const mineDeletes = !jsonEqual(mine['_deleted'], base['_deleted']);
  const theirsDeletes = !jsonEqual(theirs['_deleted'], base['_deleted']);
  if (mineDeletes === theirsDeletes) return null;
  const editor = mineDeletes ? theirs : mine;
  const edited = contentChanges(collection, base, editor).some((field) => field !== '_deleted');
  return edited ? { field: '_deleted', base: base['_deleted'], mine: mine['_deleted'], theirs: theirs['_deleted'] } : null;
}

/** Fields (not server-set) in which `doc` differs from `reference`. */
function contentChanges(collection: CollectionName, reference: object | null, doc: object): string[] {
  const serverSet = MERGE_POLICIES[collection].serverSet;
  return changesOf(collection, reference, doc).filter((field) => !serverSet.includes(field));
}

function identityProblem(collection: CollectionName, docs: readonly (object | null)[]): DomainIssue<'INVALID'> | null {
  const ids = new Set(docs.flatMap((doc) => (doc === null ? [] : [(doc as Fields)['id']])));
  if (ids.size <= 1) return null;
  return issue('INVALID', `A merge needs three states of one ${MERGE_POLICIES[collection].noun}, but they have different ids: ${[...ids].map(String).join(', ')}.`, {
    collection,
    reason: 'different-documents',
    ids: [...ids],
  });
}

function immutableIssue(collection: CollectionName, message: string, mine: object, fields: readonly string[]): DomainIssue<'IMMUTABLE'> {
  return issue('IMMUTABLE', message, { collection, id: (mine as Fields)['id'], fields });
}

/** The schema's field order, then any other field the documents carry. */
function fieldOrder(collection: CollectionName, docs: readonly (object | null)[]): string[] {
  return [...new Set([...fieldsOf(collection), ...docs.flatMap((doc) => (doc === null ? [] : Object.keys(doc)))])];
}

/** Fields in schema order, whatever order the documents' keys came in (stable for unknown fields). */
function inSchemaOrder<T>(collection: CollectionName, items: readonly T[], fieldOf: (item: T) => string): T[] {
  const order = fieldsOf(collection);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...items].sort((a, b) => rank(fieldOf(a)) - rank(fieldOf(b)));
}

/** changedFields, in schema order. */
function changesOf(collection: CollectionName, before: object | null, after: object): string[] {
  return inSchemaOrder(collection, changedFields(before, after), (field) => field);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Replicated documents in the `documents` table: read one, write one (which
 * moves it to the end of the change log), and page through the change log in
 * cursor order for pulls.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ChangeCursor, Dialect } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';

/** A document as stored: the JSON body plus the columns lifted out of it. */
export interface StoredDocument {
  readonly collection: string;
  readonly id: string;
  readonly tenantId: string | null;
  readonly revision: number;
  readonly updatedAt: string;
  readonly deleted: boolean;
  readonly body: Record<string, unknown>;
}

export interface ChangedDocument extends StoredDocument {
  readonly cursor: ChangeCursor;
}

type Reader = Kysely<Database> | Transaction<Database>;

/** Which tenants' documents a pull may return. */
export interface ReadScope {
  /** Tenant ids whose documents are readable, or 'all' (platform staff). */
  readonly tenants: readonly string[] | 'all';
  /** Whether platform-wide documents (tenantId null) are readable. */
  readonly platform: boolean;
}

export async function readDocument(
  trx: Reader,
  dialect: Dialect,
  collection: string,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<StoredDocument | undefined> {
  let query = trx
    .selectFrom('documents')
    .select(['collection', 'id', 'tenant_id', 'revision', 'updated_at', 'deleted', 'body'])
    .where('collection', '=', collection)
    .where('id', '=', id);
  if (lock && dialect.kind === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

/** Several documents of one collection by id (locked on PostgreSQL when asked, in id order). */
export async function readDocuments(trx: Reader, dialect: Dialect, collection: string, ids: readonly string[], { lock = false }: { lock?: boolean } = {}): Promise<Map<string, StoredDocument>> {
  const found = new Map<string, StoredDocument>();
  for (let i = 0; i < ids.length; i += 500) {
    let query = trx
      .selectFrom('documents')
      .select(['collection', 'id', 'tenant_id', 'revision', 'updated_at', 'deleted', 'body'])
      .where('collection', '=', collection)
      .where('id', 'in', ids.slice(i, i + 500))
      .orderBy('id');
    if (lock && dialect.kind === 'postgres') query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.id, toStored(row));
  }
  return found;
}

/** Every live document of a collection within `scope`, current state. */
export async function readCollection(trx: Reader, collection: string, scope: ReadScope, { subjectId }: { subjectId?: string } = {}): Promise<StoredDocument[]> {
  let query = trx
    .selectFrom('documents')
    .select(['collection', 'id', 'tenant_id', 'revision', 'updated_at', 'deleted', 'body'])
    .where('collection', '=', collection)
    .where('deleted', '=', 0);
  if (scope.tenants !== 'all' || !scope.platform) query = query.where((eb) => inScope(eb, scope));
  if (subjectId !== undefined) query = query.where('subject_id', '=', subjectId);
  const rows = await query.execute();
  return rows.map(toStored);
}

/** One live (not deleted) document by id, current state. */
export async function readLiveDocument(trx: Reader, collection: string, id: string): Promise<StoredDocument | undefined> {
  const row = await trx
    .selectFrom('documents')
    .select(['collection', 'id', 'tenant_id', 'revision', 'updated_at', 'deleted', 'body'])
    .where('collection', '=', collection)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row === undefined ? undefined : toStored(row);
}

/** A document's new state, with the columns lifted out of its body. */
export interface DocumentRow {
  readonly collection: string;
  readonly id: string;
  readonly tenantId: string | null;
  readonly subjectId?: string | null;
  readonly revision: number;
  readonly updatedAt: string;
  readonly deleted: boolean;
  readonly body: unknown;
}

/** Which field of a document names what it is about, where the server looks documents up by it. */
const SUBJECT_FIELDS: Readonly<Record<string, string>> = { roleAssignments: 'userId', auditReviews: 'eventId', workflowRuns: 'workflowId', reportRuns: 'reportId' };

/** The row for a domain document: its columns lifted out of the body. */
export function rowOf(collection: string, doc: { readonly id: string; readonly tenantId: string | null; readonly revision: number; readonly updatedAt: string; readonly _deleted: boolean }): DocumentRow {
  const field = SUBJECT_FIELDS[collection];
  const subject = field === undefined ? null : (doc as unknown as Readonly<Record<string, unknown>>)[field];
  return { collection, id: doc.id, tenantId: doc.tenantId, subjectId: typeof subject === 'string' ? subject : null, revision: doc.revision, updatedAt: doc.updatedAt, deleted: doc._deleted, body: doc };
}

/**
 * Writes the document's new state (the caller has decided it may) and moves
 * it to the end of the change log. `body` must already carry the server-set
 * fields (revision, updatedAt).
 */
export async function writeDocument(trx: Transaction<Database>, dialect: Dialect, row: DocumentRow): Promise<void> {
  await writeDocuments(trx, dialect, [row]);
}

/** 500 rows × 10 parameters per INSERT, far below PostgreSQL's 65,535 bind parameters. */
const BATCH_ROWS = 500;

/**
 * Writes many rows. On PostgreSQL each statement is a round trip, so rows go
 * in multi-row upserts (each row still takes its own nextval, in list order).
 * SQLite runs in process with nothing to save, and its seq is a max()+1
 * subquery a multi-row INSERT would evaluate once, so it writes row by row;
 * so does a list naming one document twice (the later write must win, and
 * PostgreSQL refuses to upsert one row twice in a statement).
 */
export async function writeDocuments(trx: Transaction<Database>, dialect: Dialect, rows: readonly DocumentRow[]): Promise<void> {
  const unique = new Set(rows.map((r) => `${r.collection}/${r.id}`)).size === rows.length;
  const batch = unique ? BATCH_ROWS : 1;
  const explicit = dialect.kind === 'sqlite' && unique && rows.length > 1;
  let next = explicit ? Number((await sql<{ m: number }>`select coalesce(max(seq), 0) as m from documents`.execute(trx)).rows[0]?.m ?? 0) : 0;
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map((row) => ({
      collection: row.collection,
      id: row.id,
      tenant_id: row.tenantId,
      subject_id: row.subjectId ?? null,
      revision: row.revision,
      updated_at: row.updatedAt,
      deleted: row.deleted ? 1 : 0,
      body: JSON.stringify(row.body),
      tx: dialect.stampTx(),
      seq: explicit ? sql<number>`${++next}` : dialect.nextSeq(),
    }));
    await trx
      .insertInto('documents')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['collection', 'id']).doUpdateSet((eb) => ({
          tenant_id: eb.ref('excluded.tenant_id'),
          subject_id: eb.ref('excluded.subject_id'),
          revision: eb.ref('excluded.revision'),
          updated_at: eb.ref('excluded.updated_at'),
          deleted: eb.ref('excluded.deleted'),
          body: eb.ref('excluded.body'),
          tx: dialect.stampTx(),
          seq: explicit ? eb.ref('excluded.seq') : dialect.nextSeq(),
        })),
      )
      .execute();
  }
}

/** Whether a document of `tenantId` is within `scope` (the same rule as the SQL condition below). */
export function withinScope(scope: ReadScope, tenantId: string | null): boolean {
  if (tenantId === null) return scope.platform;
  return scope.tenants === 'all' || scope.tenants.includes(tenantId);
}

/** `tenant_id` within a read scope, as a SQL condition. */
function inScope(eb: ExpressionBuilder<Database, 'documents'>, scope: ReadScope): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [];
  if (scope.tenants === 'all') ors.push(eb('tenant_id', 'is not', null));
  else if (scope.tenants.length > 0) ors.push(eb('tenant_id', 'in', [...scope.tenants]));
  if (scope.platform) ors.push(eb('tenant_id', 'is', null));
  return ors.length === 0 ? eb.val(false) : eb.or(ors);
}

export interface ChangeQuery {
  /** Only rows at or before this position (backfills and evictions stop where the caller's cursor is). */
  readonly upTo?: ChangeCursor;
  /** Leave out rows within this scope (what the caller already has, or may still read). */
  readonly exclude?: ReadScope;
}

/**
 * The next changes after `cursor` that `scope` may read, in change order,
 * from settled transactions only.
 */
export async function readChanges(
  db: Reader,
  dialect: Dialect,
  collection: string,
  cursor: ChangeCursor,
  limit: number,
  scope: ReadScope,
  { upTo, exclude }: ChangeQuery = {},
): Promise<ChangedDocument[]> {
  let query = db
    .selectFrom('documents')
    .select(['collection', 'id', 'tenant_id', 'revision', 'updated_at', 'deleted', 'body', 'seq'])
    .select(dialect.txAsText().as('tx_text'))
    .where('collection', '=', collection)
    .where(dialect.after(cursor))
    .where(dialect.settled());
  if (upTo !== undefined) query = query.where(dialect.atOrBefore(upTo));
  if (scope.tenants !== 'all' || !scope.platform) query = query.where((eb) => inScope(eb, scope));
  if (exclude !== undefined) query = query.where((eb) => eb.not(inScope(eb, exclude)));
  const rows = await query.orderBy('tx').orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({ ...toStored(row), cursor: { tx: String(row.tx_text), seq: Number(row.seq) } }));
}

/** The newest settled position of a collection's change log (where a fresh backfill stops). */
export async function latestCursor(db: Reader, dialect: Dialect, collection: string): Promise<ChangeCursor | undefined> {
  const row = await db
    .selectFrom('documents')
    .select(['seq'])
    .select(dialect.txAsText().as('tx_text'))
    .where('collection', '=', collection)
    .where(dialect.settled())
    .orderBy('tx', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { tx: String(row.tx_text), seq: Number(row.seq) };
}

function toStored(row: {
  collection: string;
  id: string;
  tenant_id: string | null;
  revision: number;
  updated_at: string;
  deleted: number;
  body: string;
}): StoredDocument {
  return {
    collection: row.collection,
    id: row.id,
    tenantId: row.tenant_id,
    revision: Number(row.revision),
    updatedAt: row.updated_at,
    deleted: Number(row.deleted) === 1,
    body: JSON.parse(row.body) as Record<string, unknown>,
  };
}

/**
 * Replicated documents in the `documents` table: read one, write one (which
 * moves it to the end of the change log), and page through the change log in
 * cursor order for pulls.
 */
import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
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

/**
 * Writes the document's new state at `revision` (the caller has decided it
 * may) and moves it to the end of the change log. `body` must already carry
 * the server-set fields (revision, updatedAt).
 */
export async function writeDocument(
  trx: Transaction<Database>,
  dialect: Dialect,
  doc: { collection: string; id: string; tenantId: string | null; subjectId?: string | null; revision: number; updatedAt: string; deleted: boolean; body: unknown },
): Promise<void> {
  const values = {
    collection: doc.collection,
    id: doc.id,
    tenant_id: doc.tenantId,
    subject_id: doc.subjectId ?? null,
    revision: doc.revision,
    updated_at: doc.updatedAt,
    deleted: doc.deleted ? 1 : 0,
    body: JSON.stringify(doc.body),
    tx: dialect.stampTx(),
    seq: dialect.nextSeq(),
  };
  await trx
    .insertInto('documents')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['collection', 'id']).doUpdateSet({
        tenant_id: values.tenant_id,
        subject_id: values.subject_id,
        revision: values.revision,
        updated_at: values.updated_at,
        deleted: values.deleted,
        body: values.body,
        tx: dialect.stampTx(),
        seq: dialect.nextSeq(),
      }),
    )
    .execute();
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

/**
 * Where SQLite and PostgreSQL must differ, and only there: the change cursor
 * and the per-tenant write lock. Everything else is one Kysely query layer.
 *
 * The change cursor must never let a puller skip a committed change. On
 * PostgreSQL a sequence value taken inside a transaction can become visible
 * after a larger one (the later transaction commits first), so a cursor on
 * the sequence alone would skip. Each row therefore records its writing
 * transaction's id (`pg_current_xact_id()`, an xid8), pulls are ordered by
 * (xid8, seq), and a pull only returns rows whose transaction is below
 * `pg_snapshot_xmin(pg_current_snapshot())`: every transaction below that
 * horizon has finished, and any transaction still to commit has a larger
 * id, so it sorts after everything already served. SQLite has one writer at
 * a time, so commit order is sequence order and `tx` is always 0.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type DialectKind = 'sqlite' | 'postgres';

/** A position in the change log: everything at or before it has been served. */
export interface ChangeCursor {
  /** The writing transaction, as decimal text (xid8 on PostgreSQL, "0" on SQLite). */
  readonly tx: string;
  readonly seq: number;
}

export const CURSOR_START: ChangeCursor = { tx: '0', seq: 0 };

export interface Dialect {
  readonly kind: DialectKind;
  /** The value to store in `tx` for a row written now. */
  stampTx(): RawBuilder<string>;
  /** The value to store in `seq` for a row written now. */
  nextSeq(): RawBuilder<number>;
  /** `tx` read back as decimal text. */
  txAsText(): RawBuilder<string>;
  /** Rows strictly after `cursor` in change order. */
  after(cursor: ChangeCursor): Expression<SqlBool>;
  /** Rows at or before `cursor` (for backfills up to a known point). */
  atOrBefore(cursor: ChangeCursor): Expression<SqlBool>;
  /** Rows whose writing transaction has finished, so nothing can commit before them later. */
  settled(): Expression<SqlBool>;
  /** Serialises writes that decide on a tenant's counts (quotas, last admin) until the transaction ends. */
  lockTenant(trx: Transaction<Database>, tenantId: string): Promise<void>;
}

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  stampTx: () => sql<string>`0`,
  nextSeq: () => sql<number>`(select coalesce(max(seq), 0) + 1 from documents)`,
  txAsText: () => sql<string>`cast(tx as text)`,
  after: (cursor) => sql<SqlBool>`seq > ${cursor.seq}`,
  atOrBefore: (cursor) => sql<SqlBool>`seq <= ${cursor.seq}`,
  settled: () => sql<SqlBool>`1 = 1`,
  // One connection, one writer: every write transaction already runs alone.
  lockTenant: async () => {},
};

export const postgresDialect: Dialect = {
  kind: 'postgres',
  stampTx: () => sql<string>`pg_current_xact_id()`,
  nextSeq: () => sql<number>`nextval('change_seq')`,
  txAsText: () => sql<string>`tx::text`,
  after: (cursor) => sql<SqlBool>`(tx, seq) > (${cursor.tx}::xid8, ${cursor.seq}::bigint)`,
  atOrBefore: (cursor) => sql<SqlBool>`(tx, seq) <= (${cursor.tx}::xid8, ${cursor.seq}::bigint)`,
  settled: () => sql<SqlBool>`tx < pg_snapshot_xmin(pg_current_snapshot())`,
  lockTenant: async (trx, tenantId) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`tenant:${tenantId}`}, 0))`.execute(trx);
  },
};

export function dialectFor(kind: DialectKind): Dialect {
  return kind === 'sqlite' ? sqliteDialect : postgresDialect;
}

export type Db = Kysely<Database>;

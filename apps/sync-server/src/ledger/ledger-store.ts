/**
 * The ledger's rows, as the ledger service reads and writes them: leaves
 * (written only by append.ts, inside the transaction that records the
 * events) and signed checkpoints. Hashes are stored as hex text, the same
 * in SQLite and PostgreSQL; converting them is the service's business.
 */
import type { Db } from '../db/dialect.ts';

export interface LeafRow {
  readonly idx: number;
  readonly leafHash: string;
}

export interface CheckpointRow {
  readonly treeSize: number;
  /** RFC 9162 root hash at treeSize, hex. */
  readonly rootHash: string;
  /** The signed C2SP checkpoint note. */
  readonly note: string;
  readonly createdAt: string;
}

/** Leaves from index `from` on, in index order, at most `limit` of them. */
export async function readLeavesFrom(db: Db, from: number, limit: number): Promise<LeafRow[]> {
  const rows = await db.selectFrom('ledger_leaves').select(['idx', 'leaf_hash']).where('idx', '>=', from).orderBy('idx').limit(limit).execute();
  return rows.map((r) => ({ idx: Number(r.idx), leafHash: r.leaf_hash }));
}

/** Where an event sits in the ledger, or undefined if it was never appended. */
export async function findLeafByEvent(db: Db, eventId: string): Promise<LeafRow | undefined> {
  const row = await db.selectFrom('ledger_leaves').select(['idx', 'leaf_hash']).where('event_id', '=', eventId).executeTakeFirst();
  return row === undefined ? undefined : { idx: Number(row.idx), leafHash: row.leaf_hash };
}

export async function readCheckpointAt(db: Db, treeSize: number): Promise<CheckpointRow | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
  return row === undefined ? undefined : toCheckpointRow(row);
}

/** The stored checkpoint with the largest tree size, if any. */
export async function readLatestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  const row = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : toCheckpointRow(row);
}

/**
 * Stores a checkpoint unless one for its size is already there. Several
 * server processes share the database and may sign the same size at once;
 * the loser's insert is ignored rather than failed (with one shared key,
 * Ed25519 being deterministic, both notes are identical anyway).
 * Returns whether this call stored it.
 */
export async function storeCheckpoint(db: Db, row: CheckpointRow): Promise<boolean> {
  const result = await db
    .insertInto('ledger_checkpoints')
    .values({ tree_size: row.treeSize, root_hash: row.rootHash, note: row.note, created_at: row.createdAt })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

function toCheckpointRow(row: { tree_size: number; root_hash: string; note: string; created_at: string }): CheckpointRow {
  return { treeSize: Number(row.tree_size), rootHash: row.root_hash, note: row.note, createdAt: row.created_at };
}

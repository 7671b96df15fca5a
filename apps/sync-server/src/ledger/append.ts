/**
 * Appends audit events to the Merkle ledger inside the transaction that
 * records them. The `ledger_head` row is locked (PostgreSQL: FOR UPDATE;
 * SQLite: the one writer) until commit, so indexes are handed out in commit
 * order, with no gaps, across every server process sharing the database.
 */
import { encodeHex, eventLeafHash, type AuditEvent } from '@steward/domain';
import type { Transaction } from 'kysely';
import type { Dialect } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';

/** Returns the events with their `ledgerIndex` set; the caller stores them. */
export async function appendToLedger(trx: Transaction<Database>, dialect: Dialect, events: readonly AuditEvent[]): Promise<AuditEvent[]> {
  if (events.length === 0) return [];
  let head = trx.selectFrom('ledger_head').select('size').where('id', '=', 1);
  if (dialect.kind === 'postgres') head = head.forUpdate();
  const { size } = await head.executeTakeFirstOrThrow();
  const start = Number(size);
  const indexed = events.map((event, i) => ({ ...event, ledgerIndex: start + i }));
  const leaves = indexed.map((event) => ({ idx: event.ledgerIndex, event_id: event.id, leaf_hash: encodeHex(eventLeafHash(event)) }));
  for (let i = 0; i < leaves.length; i += 500) await trx.insertInto('ledger_leaves').values(leaves.slice(i, i + 500)).execute();
  await trx.updateTable('ledger_head').set({ size: start + events.length }).where('id', '=', 1).execute();
  return indexed;
}

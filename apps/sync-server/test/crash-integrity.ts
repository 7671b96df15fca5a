/**
 * What must hold of a database after any crash: no document half-written,
 * and an audit ledger whose leaves, events and roots agree. Returns every
 * problem found (empty when sound) rather than stopping at the first.
 */
import { MerkleFrontier, decodeHex, encodeHex, eventLeafHash, eventsRoot, isCollectionName, parseDocument, type AuditEvent } from '@steward/domain';
import type { OpenedDatabase } from '../src/db/open-database.ts';

export interface IntegrityReport {
  readonly problems: string[];
  readonly documents: number;
  readonly ledgerSize: number;
}

const MAX_LISTED = 20;

export async function checkIntegrity({ db }: OpenedDatabase): Promise<IntegrityReport> {
  const problems: string[] = [];
  const problem = (text: string): void => {
    if (problems.length < MAX_LISTED) problems.push(text);
    else if (problems.length === MAX_LISTED) problems.push('… and more');
  };

  // Every stored document is a whole, valid document whose lifted columns agree with its body.
  const rows = await db.selectFrom('documents').select(['collection', 'id', 'tenant_id', 'revision', 'deleted', 'body']).execute();
  const events: AuditEvent[] = [];
  for (const row of rows) {
    const where = `${row.collection}/${row.id}`;
    if (!isCollectionName(row.collection)) {
      problem(`${where}: unknown collection`);
      continue;
    }
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      problem(`${where}: body is not JSON`);
      continue;
    }
    const parsed = parseDocument(row.collection, body);
    if (!parsed.ok) {
      problem(`${where}: ${parsed.error.message}`);
      continue;
    }
    const doc = parsed.value;
    if (doc.id !== row.id || doc.tenantId !== row.tenant_id || doc.revision !== Number(row.revision) || doc._deleted !== (Number(row.deleted) === 1)) {
      problem(`${where}: columns (${row.tenant_id}, rev ${row.revision}, deleted ${row.deleted}) disagree with the body`);
    }
    if (row.collection === 'auditEvents') events.push(doc as AuditEvent);
  }

  // The ledger: leaves 0..n-1 without gaps, the head's size n, one leaf per event and one event per leaf.
  const leaves = await db.selectFrom('ledger_leaves').select(['idx', 'event_id', 'leaf_hash']).orderBy('idx').execute();
  const head = await db.selectFrom('ledger_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.size) !== leaves.length) problem(`ledger_head.size is ${head.size} but there are ${leaves.length} leaves`);
  leaves.forEach((leaf, i) => {
    if (Number(leaf.idx) !== i) problem(`ledger leaf at position ${i} has idx ${leaf.idx} (a gap or a duplicate)`);
  });
  const eventById = new Map(events.map((e) => [e.id, e]));
  const byIndex = new Map<number, AuditEvent>();
  for (const event of events) {
    if (event.ledgerIndex === null) {
      problem(`auditEvents/${event.id}: stored without a ledger index`);
      continue;
    }
    if (byIndex.has(event.ledgerIndex)) problem(`ledger index ${event.ledgerIndex} is held by two events`);
    byIndex.set(event.ledgerIndex, event);
    const leaf = leaves[event.ledgerIndex];
    if (leaf === undefined || leaf.event_id !== event.id) problem(`auditEvents/${event.id}: ledger index ${event.ledgerIndex} has no leaf for it (leaf says ${leaf?.event_id ?? 'nothing'})`);
  }
  const frontier = new MerkleFrontier();
  for (const leaf of leaves) {
    const event = eventById.get(leaf.event_id);
    if (event === undefined) problem(`ledger leaf ${leaf.idx}: event ${leaf.event_id} is not stored`);
    else if (encodeHex(eventLeafHash(event)) !== leaf.leaf_hash) problem(`ledger leaf ${leaf.idx}: stored hash differs from the event's leaf hash`);
    const hash = decodeHex(leaf.leaf_hash);
    if (!hash.ok) problem(`ledger leaf ${leaf.idx}: hash is not hex`);
    else frontier.append(hash.value);
  }

  // The root over the stored events (recomputed) equals the root over the stored leaf hashes.
  const inOrder = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  if (inOrder.length === leaves.length) {
    const fromEvents = encodeHex(eventsRoot(inOrder));
    const fromLeaves = encodeHex(frontier.root());
    if (fromEvents !== fromLeaves) problem(`Merkle root from events ${fromEvents} ≠ root from stored leaf hashes ${fromLeaves}`);
  } else {
    problem(`${inOrder.length} indexed events but ${leaves.length} leaves`);
  }
  return { problems, documents: rows.length, ledgerSize: leaves.length };
}

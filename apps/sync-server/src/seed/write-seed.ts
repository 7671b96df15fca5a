/**
 * Writes seed documents and credentials directly, as the system: used by the
 * demo seed and by tests to set up a world before anyone signs in. Every
 * document is validated by the domain schema first; one audit event records
 * the seeding itself.
 */
import { parseDocument, type CollectionName, type DocumentOf } from '@steward/domain';
import type { Transaction } from 'kysely';
import { setCredentials } from '../auth/credentials.ts';
import type { Dialect } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { appendToLedger } from '../ledger/append.ts';
import { auditEventOf, ANONYMOUS_ACTOR_ID } from '../ledger/record.ts';
import type { Services } from '../services.ts';
import { writeDocument } from '../store/documents.ts';

export interface SeedDocument<C extends CollectionName = CollectionName> {
  readonly collection: C;
  readonly doc: DocumentOf<C>;
}

const SUBJECT: Partial<Record<CollectionName, string>> = { roleAssignments: 'userId', auditReviews: 'eventId', workflowRuns: 'workflowId', reportRuns: 'reportId' };

export async function writeSeedDocuments(services: Services, docs: readonly SeedDocument[], label: string): Promise<void> {
  for (const { collection, doc } of docs) {
    const parsed = parseDocument(collection, doc);
    if (!parsed.ok) throw new Error(`seed document ${collection}/${doc.id} is invalid: ${parsed.error.message}`);
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    const events = docs.filter((d) => d.collection === 'auditEvents').map((d) => d.doc as DocumentOf<'auditEvents'>);
    const marker = auditEventOf(services, { tenantId: null, actorId: ANONYMOUS_ACTOR_ID, actorType: 'system', action: 'system.seed', resourceType: 'seed', resourceId: label, outcome: 'success', context: { documents: docs.length }, pii: false }, now);
    const indexed = await appendToLedger(trx, services.dialect, [...events, marker]);
    const byId = new Map(indexed.map((e) => [e.id, e]));
    const rows = [...docs, { collection: 'auditEvents' as const, doc: marker }].map(({ collection, doc }): SeedRow => {
      const body = collection === 'auditEvents' ? (byId.get(doc.id) ?? doc) : doc;
      const subjectField = SUBJECT[collection];
      const subject = subjectField === undefined ? null : (body as Record<string, unknown>)[subjectField];
      return { collection, id: doc.id, tenantId: doc.tenantId, subjectId: typeof subject === 'string' ? subject : null, revision: doc.revision, updatedAt: doc.updatedAt, deleted: doc._deleted, body };
    });
    await storeRows(trx, services.dialect, rows);
  });
}

type SeedRow = Parameters<typeof writeDocument>[2];

/** 500 rows × 10 parameters per INSERT, far below PostgreSQL's 65,535 bind parameters. */
const BATCH_ROWS = 500;

/**
 * What writeDocument does row by row, in multi-row INSERTs on PostgreSQL,
 * where each statement is a round trip (the demo's 50,000 events took ~19 s
 * one by one). Each row still takes its own nextval, in list order, and the
 * transaction's id, so the change log is the same. SQLite runs in process,
 * with no round trips to save, and its seq is a max()+1 subquery that one
 * multi-row INSERT would evaluate once, so it keeps the row-by-row path; so
 * does a seed naming one document twice (the later write must win, and
 * PostgreSQL refuses to upsert one row twice in a statement).
 */
async function storeRows(trx: Transaction<Database>, dialect: Dialect, rows: readonly SeedRow[]): Promise<void> {
  if (dialect.kind !== 'postgres' || new Set(rows.map((r) => `${r.collection}/${r.id}`)).size !== rows.length) {
    for (const row of rows) await writeDocument(trx, dialect, row);
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const values = rows.slice(i, i + BATCH_ROWS).map((row) => ({
      collection: row.collection,
      id: row.id,
      tenant_id: row.tenantId,
      subject_id: row.subjectId ?? null,
      revision: row.revision,
      updated_at: row.updatedAt,
      deleted: row.deleted ? 1 : 0,
      body: JSON.stringify(row.body),
      tx: dialect.stampTx(),
      seq: dialect.nextSeq(),
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
          seq: dialect.nextSeq(),
        })),
      )
      .execute();
  }
}

export async function writeSeedCredentials(services: Services, credentials: readonly { userId: string; email: string; password: string }[]): Promise<void> {
  for (const c of credentials) {
    const result = await setCredentials(services.db, c, new Date(services.now()));
    if (!result.ok) throw new Error(`seed credentials for ${c.email}: ${result.error.message}`);
  }
}

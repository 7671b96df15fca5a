/**
 * Writes seed documents and credentials directly, as the system: used by the
 * demo seed and by tests to set up a world before anyone signs in. Every
 * document is validated by the domain schema first; one audit event records
 * the seeding itself.
 */
import { parseDocument, type CollectionName, type DocumentOf } from '@steward/domain';
import { setCredentials } from '../auth/credentials.ts';
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
    for (const { collection, doc } of [...docs, { collection: 'auditEvents' as const, doc: marker }]) {
      const body = collection === 'auditEvents' ? (byId.get(doc.id) ?? doc) : doc;
      const subjectField = SUBJECT[collection];
      const subject = subjectField === undefined ? null : (body as Record<string, unknown>)[subjectField];
      await writeDocument(trx, services.dialect, { collection, id: doc.id, tenantId: doc.tenantId, subjectId: typeof subject === 'string' ? subject : null, revision: doc.revision, updatedAt: doc.updatedAt, deleted: doc._deleted, body });
    }
  });
}

export async function writeSeedCredentials(services: Services, credentials: readonly { userId: string; email: string; password: string }[]): Promise<void> {
  for (const c of credentials) {
    const result = await setCredentials(services.db, c, new Date(services.now()));
    if (!result.ok) throw new Error(`seed credentials for ${c.email}: ${result.error.message}`);
  }
}

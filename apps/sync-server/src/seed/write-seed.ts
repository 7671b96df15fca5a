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
import { rowOf, writeDocuments } from '../store/documents.ts';

export interface SeedDocument<C extends CollectionName = CollectionName> {
  readonly collection: C;
  readonly doc: DocumentOf<C>;
}

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
    const rows = [...docs, { collection: 'auditEvents' as const, doc: marker }].map(({ collection, doc }) => rowOf(collection, collection === 'auditEvents' ? (byId.get(doc.id) ?? doc) : doc));
    await writeDocuments(trx, services.dialect, rows);
  });
}

export async function writeSeedCredentials(services: Services, credentials: readonly { userId: string; email: string; password: string }[]): Promise<void> {
  for (const c of credentials) {
    const result = await setCredentials(services.db, c, new Date(services.now()));
    if (!result.ok) throw new Error(`seed credentials for ${c.email}: ${result.error.message}`);
  }
}

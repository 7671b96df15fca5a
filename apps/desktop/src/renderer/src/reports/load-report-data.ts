/**
 * Reads a report's input from the replica: the template's collections for
 * the scope's tenants and the platform-wide records, then the same
 * selection as `reportDataFrom`. Works offline: nothing leaves the device.
 */
import { fromRxDocument, type ReportTemplate } from '@steward/domain';
import type { ReportData } from '@steward/reports';
import type { ReplicaDatabase } from '../replica/database.ts';
import { readDocumentsOf } from '../replica/tenant-state.ts';
import { collectionsFor, reportDataFrom, type RunScope } from './report-input.ts';

async function readAll<C extends keyof ReportData>(db: ReplicaDatabase, collection: C): Promise<unknown[]> {
  const found = await db.collections[collection].find().exec();
  return found.flatMap((doc) => {
    const parsed = fromRxDocument(collection, doc.toJSON() as Readonly<Record<string, unknown>>);
    return parsed.ok ? [parsed.value] : [];
  });
}

export async function loadReportData(db: ReplicaDatabase, template: ReportTemplate, scope: RunScope): Promise<ReportData> {
  const collections = collectionsFor(template);
  const read = await Promise.all(collections.map((c) => (scope === 'all' ? readAll(db, c) : readDocumentsOf(db, c, [...scope, null]))));
  const raw = Object.fromEntries(collections.map((c, i) => [c, read[i] ?? []])) as ReportData;
  return reportDataFrom(raw, template, scope);
}

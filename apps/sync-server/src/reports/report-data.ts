/**
 * Loads what a report reads from the server's tables: only the collections
 * its template needs, only the report's own tenant (plus platform-wide
 * records such as the vendor's admins). A report defined in one tenant never
 * sees another's data, whatever tenants its parameters list.
 */
import type { Report } from '@steward/domain';
import { TEMPLATE_NEEDS, type ReportData } from '@steward/reports';
import type { Db } from '../db/dialect.ts';
import { readCollection, type ReadScope } from '../store/documents.ts';

export async function loadReportData(db: Db, report: Pick<Report, 'tenantId' | 'template'>): Promise<ReportData> {
  const scope: ReadScope = report.tenantId === null ? { tenants: 'all', platform: true } : { tenants: [report.tenantId], platform: true };
  const data: { -readonly [C in keyof ReportData]: ReportData[C] } = {};
  for (const collection of TEMPLATE_NEEDS[report.template]) {
    // Stored bodies were validated by the domain schema when they were written.
    const bodies = (await readCollection(db, collection, scope)).map((doc) => doc.body);
    Object.assign(data, { [collection]: bodies });
  }
  return data;
}

/** Why a report may not run as defined, or null: a tenant's report covers that tenant only. */
export function scopeProblem(report: Pick<Report, 'tenantId' | 'parameters'>): string | null {
  if (report.tenantId === null) return null;
  const others = report.parameters.tenantIds.filter((id) => id !== report.tenantId);
  return others.length === 0 ? null : `A report defined in tenant ${report.tenantId} covers that tenant only; it also names ${others.join(', ')}.`;
}

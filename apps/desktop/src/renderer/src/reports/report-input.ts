/**
 * What a report run reads, built from the replica the way the server's
 * scheduler builds it from its tables (sync-server reports/report-data.ts):
 * only the collections the template needs (TEMPLATE_NEEDS), only the
 * tenants in scope plus platform-wide records, live documents only. A
 * definition stored in a tenant covers that tenant alone, as on the server.
 */
import type { Report, ReportTemplate } from '@steward/domain';
import { TEMPLATE_NEEDS, type DataCollection, type ReportData } from '@steward/reports';

/** The tenants a run covers: a list of tenant ids, or every tenant the replica holds. */
export type RunScope = readonly string[] | 'all';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Keeps the template's collections, the scope's tenants and the platform-wide documents. */
export function reportDataFrom(all: ReportData, template: ReportTemplate, scope: RunScope): ReportData {
  const inScope = (tenantId: string | null): boolean => tenantId === null || scope === 'all' || scope.includes(tenantId);
  const data: Writable<ReportData> = {};
  for (const collection of TEMPLATE_NEEDS[template]) {
    const docs: readonly { readonly tenantId: string | null; readonly _deleted: boolean }[] = all[collection] ?? [];
    Object.assign(data, { [collection]: docs.filter((d) => !d._deleted && inScope(d.tenantId)) });
  }
  return data;
}

/** The collections to read for `template` (the loader reads nothing else). */
export function collectionsFor(template: ReportTemplate): readonly DataCollection[] {
  return TEMPLATE_NEEDS[template];
}

/**
 * The scope of a run of a stored definition: its tenant. A definition
 * naming other tenants is refused with the server's words for it, so a
 * local run never shows what the server would not.
 */
export function definitionScope(report: Pick<Report, 'tenantId' | 'parameters'>): { readonly ok: true; readonly scope: RunScope } | { readonly ok: false; readonly reason: string } {
  if (report.tenantId === null) return { ok: true, scope: report.parameters.tenantIds.length === 0 ? 'all' : report.parameters.tenantIds };
  const others = report.parameters.tenantIds.filter((id) => id !== report.tenantId);
  if (others.length > 0) return { ok: false, reason: `A report defined in tenant ${report.tenantId} covers that tenant only; it also names ${others.join(', ')}.` };
  return { ok: true, scope: [report.tenantId] };
}

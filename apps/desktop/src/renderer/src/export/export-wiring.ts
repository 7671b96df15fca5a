/**
 * The export's parts as the running console provides them: the server's
 * evidence procedures through the typed tRPC client, the report rendered
 * from the replica (PDF, offline too), and the proof cache in IndexedDB.
 */
import { OUTCOMES, type ReportTemplate } from '@steward/domain';
import { generateReport, renderReport } from '@steward/reports';
import type { ApiClient } from '../api/types.ts';
import type { ReplicaDatabase } from '../replica/database.ts';
import { loadReportData } from '../reports/load-report-data.ts';
import { indexedDbProofCache, memoryProofCache, type ProofCache } from './proof-cache.ts';
import type { ExportFilters } from '@steward/evidence';
import type { EvidenceServer, ExportRequest } from './run-export.ts';

type Outcome = (typeof OUTCOMES)[number];

const isOutcome = (o: string): o is Outcome => (OUTCOMES as readonly string[]).includes(o);

/** Filters as the server's input schema types them (outcomes are checked by the form already). */
function serverFilters(filters: ExportFilters): { actions?: string[]; outcomes?: Outcome[] } {
  return {
    ...(filters.actions === undefined ? {} : { actions: [...filters.actions] }),
    ...(filters.outcomes === undefined ? {} : { outcomes: filters.outcomes.filter(isOutcome) }),
  };
}

export function evidenceServerOf(api: ApiClient): EvidenceServer {
  return {
    prepare: (input) => api.evidence.prepare.mutate({ tenant: input.tenant, from: input.from, to: input.to, filters: serverFilters(input.filters), signer: { ...input.signer } }),
    events: (input) =>
      api.evidence.events.query({ scope: { tenant: input.scope.tenant, from: input.scope.from, to: input.scope.to, filters: serverFilters(input.scope.filters) }, treeSize: input.treeSize, after: input.after, limit: input.limit }),
  };
}

/** The report as a PDF, generated from the replica for the export's tenant and period. */
export async function renderReportPdf(db: ReplicaDatabase, template: ReportTemplate, request: ExportRequest): Promise<Uint8Array> {
  const data = await loadReportData(db, template, [request.tenantId]);
  const model = generateReport({ template, parameters: { tenantIds: [request.tenantId], from: request.from, to: request.to, filters: {} }, data, generatedAt: new Date().toISOString() });
  if (!model.ok) throw new Error(`The ${template} report could not be generated: ${model.error.message}`);
  return renderReport(model.value, 'pdf');
}

let shared: ProofCache | null = null;

/** One proof cache per page: IndexedDB where the browser allows it, memory otherwise. */
export function proofCache(): ProofCache {
  shared ??= typeof indexedDB === 'undefined' ? memoryProofCache() : indexedDbProofCache();
  return shared;
}

/**
 * One local run over data already read from the replica: a template run
 * gives the model; a stored definition's run goes through `runReport`, so
 * it also gives the artifact in the definition's format and the reportRuns
 * document recording that artifact's SHA-256.
 */
import type { DomainIssue, Report, ReportRun, ReportTemplate } from '@steward/domain';
import { generateReport, runReport, type ReportArtifact, type ReportData, type ReportModel } from '@steward/reports';
import type { RunParameters } from './run-form.ts';

export interface LocalRun {
  readonly model: ReportModel;
  /** Definition runs only: the artifact in the definition's format and its run document. */
  readonly recorded: { readonly artifact: ReportArtifact; readonly run: ReportRun } | null;
}

export interface LocalRunContext {
  readonly generatedAt: string;
  readonly runId: string;
  readonly requestedBy: string;
}

export async function runLocally(template: ReportTemplate, parameters: RunParameters, definition: Report | null, data: ReportData, ctx: LocalRunContext): Promise<{ ok: true; value: LocalRun } | { ok: false; error: DomainIssue }> {
  if (definition === null) {
    const model = generateReport({ template, parameters, data, generatedAt: ctx.generatedAt });
    return model.ok ? { ok: true, value: { model: model.value, recorded: null } } : model;
  }
  const produced = await runReport({ report: { id: definition.id, tenantId: definition.tenantId, template, parameters, format: definition.format }, data, ...ctx });
  if (!produced.ok) return produced;
  return { ok: true, value: { model: produced.value.model, recorded: { artifact: produced.value.artifact, run: produced.value.run } } };
}

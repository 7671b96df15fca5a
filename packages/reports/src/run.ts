/**
 * A report run: generate the model, render it in the definition's format,
 * hash the bytes, and describe the result as a `reportRuns` document. Both
 * ends call this — the desktop when an officer runs a report, the server on
 * a schedule — and store the document through their usual write path.
 */
import { encodeHex, err, ok, parseDocument, sha256, type DomainIssue, type Report, type ReportFormat, type ReportRun, type Result } from '@steward/domain';
import type { ReportData } from './data.ts';
import type { ReportModel } from './model.ts';
import { renderCsv } from './render/csv.ts';
import { renderJson } from './render/json.ts';
import { renderPdf } from './render/pdf.ts';
import { renderXlsx } from './render/xlsx.ts';
import { generateReport } from './templates/index.ts';

export const MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

export async function renderReport(model: ReportModel, format: ReportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderPdf(model);
    case 'csv':
      return renderCsv(model);
    case 'xlsx':
      return renderXlsx(model);
    case 'json':
      return renderJson(model);
  }
}

export interface ReportArtifact {
  readonly format: ReportFormat;
  readonly bytes: Uint8Array;
  /** SHA-256 of `bytes`, lowercase hex: what the reportRuns document records. */
  readonly sha256: string;
  readonly mediaType: string;
  /** A name to save it under, e.g. "access-review-2024-05-01.pdf". */
  readonly fileName: string;
}

export type RunnableReport = Pick<Report, 'id' | 'tenantId' | 'template' | 'parameters' | 'format'>;

export interface RunInput {
  readonly report: RunnableReport;
  readonly data: ReportData;
  /** The clock, passed in. */
  readonly generatedAt: string;
  /** The run document's id (a UUIDv7 the caller makes). */
  readonly runId: string;
  /** Who asked: the user, or the system principal for scheduled runs. */
  readonly requestedBy: string;
}

export interface RunOutput {
  readonly model: ReportModel;
  readonly artifact: ReportArtifact;
  /** The `reportRuns` document (revision 0: the store sets its own), validated by the domain schema. */
  readonly run: ReportRun;
}

export async function runReport(input: RunInput): Promise<Result<RunOutput, DomainIssue<'INVALID'>>> {
  const { report, generatedAt } = input;
  const generated = generateReport({ template: report.template, parameters: report.parameters, data: input.data, generatedAt });
  if (!generated.ok) return generated;
  const model = generated.value;
  const bytes = await renderReport(model, report.format);
  const digest = encodeHex(sha256(bytes));
  const run = parseDocument('reportRuns', {
    ...runBase(input),
    status: 'succeeded',
    sha256: digest,
    scope: { tenantIds: model.scope.tenants.map((t) => t.id), from: model.scope.from, to: model.scope.to },
    sizeBytes: bytes.length,
  });
  if (!run.ok) return err({ ...run.error, code: 'INVALID' });
  const fileName = `${report.template}-${generatedAt.slice(0, 10)}.${report.format}`;
  return ok({ model, artifact: { format: report.format, bytes, sha256: digest, mediaType: MEDIA_TYPES[report.format], fileName }, run: run.value });
}

/**
 * The document for a run that produced nothing (bad parameters, a renderer
 * failure): status "failed", no hash, and — per the quota rules — no cost.
 */
export function failedReportRun(input: Omit<RunInput, 'data'>): Result<ReportRun, DomainIssue> {
  const { parameters } = input.report;
  return parseDocument('reportRuns', {
    ...runBase(input),
    status: 'failed',
    sha256: null,
    scope: { tenantIds: parameters.tenantIds, from: parameters.from, to: parameters.to },
    sizeBytes: 0,
  });
}

function runBase(input: Omit<RunInput, 'data'>) {
  return {
    id: input.runId,
    tenantId: input.report.tenantId,
    revision: 0,
    updatedAt: input.generatedAt,
    _deleted: false,
    reportId: input.report.id,
    requestedBy: input.requestedBy,
    generatedAt: input.generatedAt,
    format: input.report.format,
    signature: null,
  };
}

/**
 * @steward/reports: compliance reports from Steward's documents.
 *
 *   generateReport({ template, parameters, data, generatedAt })  → ReportModel (pure; desktop replica or server)
 *   renderReport(model, format)                                  → artifact bytes (csv, json, xlsx, pdf)
 *   runReport({ report, data, generatedAt, runId, requestedBy }) → { model, artifact, sha256, run } (a reportRuns document)
 */
export { type BarChart, type CellValue, type ChartSeries, type Column, type ColumnType, type ReportModel, type ReportScope, type ScopeTenant, type Section, type Table, describeScope } from './model.ts';
export { FILTER_SCHEMAS, parseParameters, type FiltersOf, type ReportParameters } from './parameters.ts';
export { TEMPLATE_NEEDS, type DataCollection, type ReportData } from './data.ts';
export { generateReport, type GenerateInput } from './templates/index.ts';
export { renderCsv, renderCsvTable, neutralizeFormula } from './render/csv.ts';
export { renderJson, REPORT_JSON_VERSION } from './render/json.ts';
export { renderXlsx } from './render/xlsx.ts';
export { renderPdf } from './render/pdf.ts';
export { MEDIA_TYPES, failedReportRun, renderReport, runReport, type ReportArtifact, type RunInput, type RunOutput, type RunnableReport } from './run.ts';

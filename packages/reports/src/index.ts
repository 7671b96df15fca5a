/**
 * @steward/reports: compliance reports from Steward's documents.
 *
 *   generateReport({ template, parameters, data, generatedAt })  → ReportModel (pure; desktop replica or server)


 */
export { type BarChart, type CellValue, type ChartSeries, type Column, type ColumnType, type ReportModel, type ReportScope, type ScopeTenant, type Section, type Table, describeScope } from './model.ts';
export { FILTER_SCHEMAS, parseParameters, type FiltersOf, type ReportParameters } from './parameters.ts';
export { TEMPLATE_NEEDS, type DataCollection, type ReportData } from './data.ts';
export { generateReport, type GenerateInput } from './templates/index.ts';

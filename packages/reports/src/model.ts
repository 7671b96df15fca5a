/**
 * The report model: what every template produces and every renderer reads.
 * Plain JSON (no Date, no undefined, no NaN) so the JSON renderer can
 * canonicalize it and two machines hash the same report to the same bytes.
 */
import type { ReportTemplate } from '@steward/domain';

/** A table cell. Timestamps are ISO-8601 strings (the column's type says so). */
export type CellValue = string | number | boolean | null;

/** How a column's cells are to be read: renderers format and align by it. */
export type ColumnType = 'text' | 'number' | 'percent' | 'timestamp' | 'boolean';

export interface Column {
  /** Stable machine name (JSON consumers, CSV header). */
  readonly key: string;
  /** What a person reads in the header. */
  readonly label: string;
  readonly type: ColumnType;
}

export interface Table {
  readonly columns: readonly Column[];
  /** One array per row, in column order. */
  readonly rows: readonly (readonly CellValue[])[];
}

export interface ChartSeries {
  readonly name: string;
  /** One value per category. */
  readonly values: readonly number[];
}

/** A bar chart: per category, the series' bars stacked on one another or side by side. */
export interface BarChart {
  readonly kind: 'bar';
  /** true: one bar per category made of the series; false: one bar per series, grouped. */
  readonly stacked: boolean;
  readonly title: string;
  readonly categoryLabel: string;
  readonly valueLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
}

export interface Section {
  readonly id: string;
  readonly title: string;
  /** One or two sentences saying what the table holds and how it was decided; '' for none. */
  readonly summary: string;
  readonly table: Table;
  readonly chart: BarChart | null;
}

export interface ScopeTenant {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

/** What the report covers, resolved: the tenants by name and the period with both ends known. */
export interface ReportScope {
  readonly tenants: readonly ScopeTenant[];
  /** Inclusive start; null = from the beginning of the data. */
  readonly from: string | null;
  /** Exclusive end (the generation time when the parameters left it open). */
  readonly to: string;
}

export interface ReportModel {
  readonly template: ReportTemplate;
  readonly title: string;
  readonly scope: ReportScope;
  readonly generatedAt: string;
  /** The template's filters as validated (defaults filled in), so the artifact says how it was made. */
  readonly filters: Readonly<Record<string, CellValue | readonly string[]>>;
  readonly sections: readonly Section[];
}

/** A one-line description of the scope, printed on every PDF page and in the XLSX cover sheet. */
export function describeScope(scope: ReportScope): string {
  const tenants = scope.tenants.length === 0 ? 'no tenants' : scope.tenants.map((t) => t.name).join(', ');
  const from = scope.from === null ? 'the beginning' : scope.from;
  return `${tenants} · ${from} to ${scope.to}`;
}

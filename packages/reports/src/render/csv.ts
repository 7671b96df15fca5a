/**
 * CSV per RFC 4180: fields joined by commas, records ended by CRLF, a field
 * quoted when it holds a comma, a quote, CR or LF, quotes doubled inside.
 *
 * Formula injection (OWASP "CSV injection"): a spreadsheet opening the file
 * runs a text cell starting with = + - @ (or a tab or CR, which some
 * spreadsheets skip before looking) as a formula, and report cells hold
 * text others typed (reasons, comments, request summaries). Such text cells
 * get a leading apostrophe, which spreadsheets read as "this is text".
 * Numbers we produced ourselves are written as numbers: -3 is not a formula.
 */
import type { CellValue, Column, ReportModel, Table } from '../model.ts';
import { describeScope } from '../model.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made safe to open in a spreadsheet. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellText(value: CellValue, column: Column | undefined): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && column?.type !== 'text') return String(value);
  return neutralizeFormula(String(value));
}

/** One record: the fields, escaped, joined, ended by CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** One table with its header row. */
export function renderCsvTable(table: Table): string {
  let out = csvRecord(table.columns.map((c) => neutralizeFormula(c.label)));
  for (const row of table.rows) out += csvRecord(row.map((value, i) => cellText(value, table.columns[i])));
  return out;
}

/**
 * The whole report as one CSV file: a block saying what the report is, then
 * each section as its own table (a title record, the header, the rows),
 * blocks separated by an empty record. Every block parses as CSV; records
 * differ in length between blocks, which RFC 4180 permits but does not
 * recommend — consumers loading one table should use renderCsvTable or the
 * XLSX/JSON formats.
 */
export function renderCsv(model: ReportModel): Uint8Array {
  const about = [
    csvRecord(['Report', neutralizeFormula(model.title)]),
    csvRecord(['Scope', neutralizeFormula(describeScope(model.scope))]),
    csvRecord(['Generated at', model.generatedAt]),
  ].join('');
  const blocks = model.sections.map((s) => csvRecord([neutralizeFormula(s.title)]) + renderCsvTable(s.table));
  return new TextEncoder().encode([about, ...blocks].join('\r\n'));
}

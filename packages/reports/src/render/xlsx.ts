/**
 * XLSX with exceljs: a cover sheet saying what the report is, then one
 * sheet per section with a styled, frozen header row and a filter on it.
 * Timestamps are real date cells (UTC), numbers are numbers, so the
 * auditor's spreadsheet can sort and sum them. Text is stored as text
 * (shared strings), never as a formula, so no formula injection is possible.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Column, ReportModel, Section } from '../model.ts';
import { describeScope } from '../model.ts';

const HEADER_FILL = 'FF1F3A5F';
const HEADER_FONT = 'FFFFFFFF';
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss" UTC"';

export async function renderXlsx(model: ReportModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // The workbook's own dates are the generation time, not the wall clock: the same report, the same metadata.
  const generated = new Date(model.generatedAt);
  workbook.creator = 'Steward';
  workbook.created = generated;
  workbook.modified = generated;
  workbook.title = model.title;
  const names = new Set<string>();
  addCover(workbook, model, uniqueSheetName('Report', names));
  for (const s of model.sections) addSection(workbook, s, uniqueSheetName(s.title, names));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function addCover(workbook: ExcelJS.Workbook, model: ReportModel, name: string): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [{ width: 18 }, { width: 90 }];
  const rows: [string, string][] = [
    ['Report', model.title],
    ['Template', model.template],
    ['Tenants', model.scope.tenants.map((t) => `${t.name} (${t.slug})`).join(', ')],
    ['From', model.scope.from ?? 'the beginning'],
    ['To', model.scope.to],
    ['Generated at', model.generatedAt],
    ['Scope', describeScope(model.scope)],
    ['Filters', JSON.stringify(model.filters)],
    ['Sections', model.sections.map((s) => s.title).join(', ')],
  ];
  for (const [key, value] of rows) sheet.addRow([key, value]);
  sheet.getColumn(1).font = { bold: true };
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

function addSection(workbook: ExcelJS.Workbook, section: Section, name: string): void {
  const { columns, rows } = section.table;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((c) => ({ header: c.label, key: c.key, width: widthOf(c, rows, columns.indexOf(c)) }));
  for (const row of rows) sheet.addRow(row.map((value, i) => cellOf(value, columns[i])));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: HEADER_FONT } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (c.type === 'timestamp') col.numFmt = DATE_FORMAT;
    if (c.type === 'percent') col.numFmt = '0.0"%"';
  });
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function cellOf(value: CellValue, column: Column | undefined): string | number | boolean | Date | null {
  if (value === null) return null;
  if (column?.type === 'timestamp' && typeof value === 'string') return new Date(value);
  if (column?.type === 'boolean' && typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/** Wide enough for the header and the longest of the first rows, within reason. */
function widthOf(column: Column, rows: readonly (readonly CellValue[])[], index: number): number {
  if (column.type === 'timestamp') return 22;
  let longest = column.label.length;
  for (const row of rows.slice(0, 200)) longest = Math.max(longest, String(row[index] ?? '').length);
  return Math.min(Math.max(longest + 2, 8), 60);
}

/** Excel's rules: at most 31 characters, none of []:*?/\, unique regardless of case. */
export function uniqueSheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

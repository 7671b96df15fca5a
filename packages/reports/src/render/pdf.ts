/**
 * PDF with jsPDF and jspdf-autotable. Chosen over pdfkit because the same
 * code must run in the desktop's sandboxed renderer (offline, from the
 * replica) and on the server: jsPDF runs in both without Node streams,
 * Buffer or font files, and gives the bytes synchronously.
 *
 * Layout: A4 landscape (report tables are wide). Every page carries the
 * title, the scope and the generation time at the top and "Page n of N" at
 * the bottom, drawn after the content so N is known. Tables repeat their
 * header row on each page they span. The file's dates and id come from the
 * report, not the wall clock, so one report renders to the same bytes.
 */
import { jsPDF } from 'jspdf';
import { autoTable, type Styles } from 'jspdf-autotable';
import { encodeHex, sha256Utf8, canonicalize } from '@steward/domain';
import type { Column, ReportModel, Section } from '../model.ts';
import { describeScope } from '../model.ts';
import { drawBarChart } from './pdf-chart.ts';
import { formatCell, pdfText, shortTimestamp } from './pdf-text.ts';

const MARGIN = { top: 62, right: 36, bottom: 38, left: 36 } as const;
const CHART_HEIGHT = 190;
const INK: readonly [number, number, number] = [30, 30, 30];
const ACCENT: readonly [number, number, number] = [0x1f, 0x3a, 0x5f];

export function renderPdf(model: ReportModel): Uint8Array {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4', compress: true });
  doc.setCreationDate(pdfDate(model.generatedAt));
  doc.setFileId(encodeHex(sha256Utf8(canonicalize(model))).slice(0, 32));
  doc.setDocumentProperties({ title: `${model.title} — ${describeScope(model.scope)}`, subject: `Steward ${model.template} report`, creator: 'Steward' });
  const page = { width: doc.internal.pageSize.getWidth(), height: doc.internal.pageSize.getHeight() };
  const contentWidth = page.width - MARGIN.left - MARGIN.right;

  let y = drawOverview(doc, model, MARGIN.top + 4, contentWidth);
  for (const section of model.sections) y = drawSection(doc, section, y + 18, contentWidth, page.height);

  const pages = doc.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    drawPageFrame(doc, model, i, pages, page);
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

/** PDF date syntax in UTC: D:YYYYMMDDHHmmSS+00'00'. */
function pdfDate(iso: string): string {
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

function drawOverview(doc: jsPDF, model: ReportModel, y: number, width: number): number {
  doc.setFont('helvetica', 'bold').setFontSize(16).setTextColor(...INK).text(pdfText(model.title), MARGIN.left, y + 12);
  const facts: [string, string][] = [
    ['Tenants', model.scope.tenants.length === 0 ? 'none' : model.scope.tenants.map((t) => `${t.name} (${t.slug})`).join(', ')],
    ['Period', `${model.scope.from === null ? 'from the beginning' : shortTimestamp(model.scope.from)} to ${shortTimestamp(model.scope.to)} (UTC; end exclusive)`],
    ['Generated', `${shortTimestamp(model.generatedAt)} UTC`],
    ['Filters', filterText(model.filters)],
  ];
  let line = y + 30;
  doc.setFontSize(9);
  for (const [label, value] of facts) {
    doc.setFont('helvetica', 'bold').text(label, MARGIN.left, line);
    const wrapped = doc.setFont('helvetica', 'normal').splitTextToSize(pdfText(value), width - 70) as string[];
    doc.text(wrapped, MARGIN.left + 70, line);
    line += 12 * wrapped.length;
  }
  return line;
}

function filterText(filters: ReportModel['filters']): string {
  const set = Object.entries(filters).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
  return set.length === 0 ? 'none' : set.map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ');
}

/** A section: heading, summary, chart, table; starts a new page when little room is left. */
function drawSection(doc: jsPDF, section: Section, startY: number, width: number, pageHeight: number): number {
  const needed = 60 + (section.chart === null ? 0 : CHART_HEIGHT);
  let y = startY;
  if (y + needed > pageHeight - MARGIN.bottom) {
    doc.addPage();
    y = MARGIN.top + 4;
  }
  doc.setFont('helvetica', 'bold').setFontSize(12).setTextColor(...ACCENT).text(pdfText(section.title), MARGIN.left, y + 10);
  y += 16;
  if (section.summary !== '') {
    const lines = doc.setFont('helvetica', 'normal').setFontSize(8.5).setTextColor(...INK).splitTextToSize(pdfText(section.summary), width) as string[];
    doc.text(lines, MARGIN.left, y + 8);
    y += 11 * lines.length + 2;
  }
  if (section.chart !== null) {
    drawBarChart(doc, section.chart, { x: MARGIN.left, y: y + 4, width, height: CHART_HEIGHT - 10 });
    y += CHART_HEIGHT;
  }
  const { columns, rows } = section.table;
  if (rows.length === 0) {
    doc.setFont('helvetica', 'italic').setFontSize(9).setTextColor(90, 90, 90).text('No rows.', MARGIN.left, y + 12);
    return y + 16;
  }
  let finalY = y;
  const body = rows.map((row) => row.map((value, i) => formatCell(value, columns[i])));
  autoTable(doc, {
    startY: y + 4,
    margin: MARGIN,
    theme: 'striped',
    // A table of short columns stays compact instead of spreading a few numbers across the page.
    tableWidth: naturalWidth(columns, body) < width * 0.6 ? 'wrap' : 'auto',
    showHead: 'everyPage',
    head: [columns.map((c) => pdfText(c.label))],
    body,
    styles: { font: 'helvetica', fontSize: 7, cellPadding: 2.5, overflow: 'linebreak', textColor: [...INK], valign: 'top' },
    headStyles: { fillColor: [...ACCENT], textColor: [255, 255, 255], fontStyle: 'bold' },
    alternateRowStyles: { fillColor: [242, 245, 249] },
    columnStyles: Object.fromEntries(columns.map((c, i) => [i, columnStyle(c)])),
    didParseCell: (data) => {
      // Headers of number columns line up with their right-aligned values.
      const type = columns[data.column.index]?.type;
      if (data.section === 'head' && (type === 'number' || type === 'percent')) data.cell.styles.halign = 'right';
    },
    didDrawPage: (data) => {
      finalY = data.cursor?.y ?? finalY;
    },
  });
  return finalY;
}

/** About how wide the table would be unwrapped, in points at 7 pt Helvetica (~3.6 pt a character, plus padding). */
function naturalWidth(columns: readonly Column[], body: readonly (readonly string[])[]): number {
  return columns.reduce((sum, column, i) => {
    const longest = body.slice(0, 200).reduce((max, row) => Math.max(max, (row[i] ?? '').length), column.label.length);
    return sum + longest * 3.6 + 6;
  }, 0);
}

function columnStyle(column: Column): Partial<Styles> {
  switch (column.type) {
    case 'number':
    case 'percent':
      return { halign: 'right', cellWidth: 'wrap' };
    case 'timestamp':
      return { cellWidth: 'wrap' };
    case 'boolean':
      return { halign: 'center', cellWidth: 'wrap' };
    case 'text':
      // Short words ("Acme Corp", "approved") must not be squeezed one syllable per line by long neighbours.
      return { minCellWidth: 52 };
  }
}

/** Title, scope and generation time on top; page n of N at the bottom — on every page. */
function drawPageFrame(doc: jsPDF, model: ReportModel, n: number, of: number, page: { width: number; height: number }): void {
  const right = page.width - MARGIN.right;
  doc.setFont('helvetica', 'bold').setFontSize(10).setTextColor(...ACCENT).text(pdfText(`Steward · ${model.title}`), MARGIN.left, 24);
  doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(...INK).text(`Generated ${shortTimestamp(model.generatedAt)} UTC`, right, 24, { align: 'right' });
  const period = `${model.scope.from === null ? 'the beginning' : shortTimestamp(model.scope.from)} to ${shortTimestamp(model.scope.to)}`;
  const scope = doc.splitTextToSize(pdfText(`Scope: ${model.scope.tenants.map((t) => t.name).join(', ') || 'no tenants'} · ${period}`), right - MARGIN.left) as string[];
  doc.text(scope[0] ?? '', MARGIN.left, 37);
  doc.setDrawColor(...ACCENT).setLineWidth(0.8).line(MARGIN.left, 44, right, 44);
  doc.setDrawColor(200, 200, 200).setLineWidth(0.4).line(MARGIN.left, page.height - 26, right, page.height - 26);
  doc.setFontSize(7.5).setTextColor(90, 90, 90);
  doc.text(pdfText(`${model.template} report · times in UTC`), MARGIN.left, page.height - 15);
  doc.text(`Page ${n} of ${of}`, right, page.height - 15, { align: 'right' });
}

/**
 * Text as the PDF's standard fonts can show it. jsPDF's built-in Helvetica
 * uses WinAnsiEncoding: a character outside it would print as garbage. We
 * keep the fonts built in (embedding a Unicode font would add ~700 KB to
 * every report) and fold text into WinAnsi instead: accents that decompose
 * keep their letter ("ł" has no decomposition and becomes "l" by a small
 * table), arrows become ASCII, anything else becomes "?". The CSV, XLSX and
 * JSON renderers keep every character exactly.
 */
import type { CellValue, Column } from '../model.ts';

/** The non-Latin-1 characters WinAnsi (CP1252) does have, 0x80–0x9F. */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '×': 'x',
  'ł': 'l',
  'Ł': 'L',
  'đ': 'd',
  'Đ': 'D',
  'ı': 'i',
  '\u00a0': ' ',
  '\t': ' ',
};

function representable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(ch) || ch === '\n';
}

export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (representable(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...folded].every(representable) && folded !== '' ? folded : '?';
    }
  }
  return out;
}

/** "2024-05-01T12:00:00.000Z" → "2024-05-01 12:00:00": the header says times are UTC. */
export function shortTimestamp(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso;
}

export function formatCell(value: CellValue, column: Column | undefined): string {
  if (value === null) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (column?.type === 'percent') return `${value.toFixed(1)}%`;
    return Number.isInteger(value) ? groupThousands(value) : String(value);
  }
  if (column?.type === 'timestamp') return shortTimestamp(value);
  return pdfText(value);
}

function groupThousands(n: number): string {
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

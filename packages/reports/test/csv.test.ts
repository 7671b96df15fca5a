import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, renderCsv, renderCsvTable, type Table } from '../src/index.ts';
import { generate } from './helpers.ts';

/** RFC 4180 as a widely used parser reads it: CRLF records, quoted fields. */
function parse(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',', quoteChar: '"', skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data;
  // The file ends with CRLF, which the parser reads as one more, empty record.
  expect(rows.at(-1)).toEqual(['']);
  return rows.slice(0, -1);
}

/** Strings rich in what CSV and spreadsheets treat specially. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', ' ', 'a', 'é', '→', "'") }),
);

describe('CSV', () => {
  it('round-trips any text through a CSV parser, formula starts neutralized', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((width) => fc.tuple(fc.array(nasty, { minLength: width, maxLength: width }), fc.array(fc.array(nasty, { minLength: width, maxLength: width }), { maxLength: 8 }))), ([header, rows]) => {
        const table: Table = { columns: header.map((label, i) => ({ key: `c${i}`, label, type: 'text' })), rows };
        expect(parse(renderCsvTable(table))).toEqual([header, ...rows].map((row) => row.map(neutralizeFormula)));
      }),
      { numRuns: 300 },
    );
  });

  it('prefixes = + - @ (and tab, CR) with an apostrophe, and only those', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=b', "'=x", ''].map(neutralizeFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', "'=x", '']);
  });

  it('writes numbers as numbers (a negative count is not a formula), booleans as yes/no, null as empty', () => {
    const table: Table = {
      columns: [{ key: 'n', label: 'N', type: 'number' }, { key: 'b', label: 'B', type: 'boolean' }, { key: 'x', label: 'X', type: 'text' }],
      rows: [[-3, true, null], [1.5, false, '-3']],
    };
    expect(renderCsvTable(table)).toBe("N,B,X\r\n-3,yes,\r\n1.5,no,'-3\r\n");
  });

  it('writes the whole report as blocks: what it is, then each section with its header', () => {
    const model = generate('access-review');
    const text = new TextDecoder().decode(renderCsv(model));
    // Blocks are separated by an empty record; the split takes each block's last CRLF with it.
    const blocks = text.split('\r\n\r\n').map((block, i, all) => (i < all.length - 1 ? `${block}\r\n` : block));
    expect(blocks).toHaveLength(3);
    expect(parse(blocks[0] ?? '')).toEqual([
      ['Report', 'Access review'],
      ['Scope', 'Acme Corp · the beginning to 2024-05-20T12:00:00.000Z'],
      ['Generated at', '2024-05-20T12:00:00.000Z'],
    ]);
    const holders = parse(blocks[1] ?? '');
    expect(holders[0]).toEqual(['Role holders']);
    expect(holders[1]).toEqual(['Tenant', 'User', 'User status', 'Role', 'Since', 'Granted by', 'Expires', 'State', 'Reason', 'Assignment']);
    // Carol's grant reason was typed as a formula; it arrives as text.
    expect(holders.find((r) => r[3] === 'Auditor')?.[8]).toBe('\'=HYPERLINK("http://evil")');
    expect(holders).toHaveLength(2 + 7);
  });
});

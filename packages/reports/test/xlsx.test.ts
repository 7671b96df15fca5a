import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderXlsx } from '../src/index.ts';
import { uniqueSheetName } from '../src/render/xlsx.ts';
import { generate } from './helpers.ts';
import { id } from './world.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

describe('XLSX', () => {
  it('has a cover sheet and a sheet per section with a bold, filled, frozen header row', async () => {
    const model = generate('access-review', { filters: { includeExpired: true } });
    const workbook = await load(await renderXlsx(model));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Report', 'Role holders', 'Expiring within 30 days']);
    expect(workbook.getWorksheet('Report')?.getRow(1).values).toEqual([undefined, 'Report', 'Access review']);
    const sheet = workbook.getWorksheet('Role holders');
    if (sheet === undefined) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'Tenant', 'User', 'User status', 'Role', 'Since', 'Granted by', 'Expires', 'State', 'Reason', 'Assignment']);
    expect(header.getCell(1).font).toMatchObject({ bold: true });
    expect(header.getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.rowCount).toBe(1 + 8);
  });

  it('stores timestamps as dates, numbers as numbers, and formula-looking text as text', async () => {
    const workbook = await load(await renderXlsx(generate('access-review')));
    const sheet = workbook.getWorksheet('Role holders');
    const carol = sheet?.getRow(4);
    expect(carol?.getCell(4).value).toBe('Auditor');
    expect(carol?.getCell(5).value).toEqual(new Date('2024-03-01T09:00:00.000Z'));
    expect(carol?.getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(carol?.getCell(9).value).toBe('=HYPERLINK("http://evil")');
    expect(carol?.getCell(10).value).toBe(id(33));
    const expiring = workbook.getWorksheet('Expiring within 30 days')?.getRow(2);
    expect(expiring?.getCell(5).value).toBe(9);
  });

  it('names sheets within Excel\'s rules', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('Events per day: [UTC]?', taken)).toBe('Events per day   UTC');
    expect(uniqueSheetName('A very long section title that does not fit', taken)).toBe('A very long section title that ');
    expect(uniqueSheetName('A very long section title that does not fit either', taken)).toBe('A very long section title tha 2');
  });
});

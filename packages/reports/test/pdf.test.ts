/**
 * The PDF is checked the way a person would: rendered to PNG pages with
 * poppler's pdftoppm (installed by .ci/run) and read back with pdftotext.
 * The pages are kept in test-results/pdf/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf, type ReportModel } from '../src/index.ts';
import { generate } from './helpers.ts';
import { ACME, GLOBEX } from './world.ts';

const OUT = join(import.meta.dirname, '..', 'test-results', 'pdf');

function pages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1] ?? Number.NaN);
}

function pageText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, pdf, '-'], { encoding: 'utf8' });
}

/** Writes the PDF and its PNG pages; returns the PDF's path and how many PNGs pdftoppm made. */
function renderToPng(name: string, model: ReportModel): { pdf: string; pngs: number } {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, renderPdf(model));
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(dir, 'page')]);
  return { pdf, pngs: readdirSync(dir).filter((f) => f.endsWith('.png')).length };
}

const WEEK = { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z' };

const CASES: readonly [string, () => ReportModel, number][] = [
  ['access-review', () => generate('access-review', { filters: { includeExpired: true } }), 2],
  ['privileged-access', () => generate('privileged-access'), 1],
  ['sod-violations', () => generate('sod-violations'), 1],
  ['audit-activity-daily', () => generate('audit-activity', WEEK), 2],
  ['audit-activity-hourly', () => generate('audit-activity', { ...WEEK, filters: { bucket: 'hour' } }), 7],
  ['quota-usage', () => generate('quota-usage', { tenantIds: [ACME, GLOBEX] }), 2],
  ['approvals', () => generate('approvals'), 2],
];

describe('PDF', () => {
  it.each(CASES)('%s renders to PNG pages, each with the title, scope, generation time and page n of N', (name, build, expectedPages) => {
    const model = build();
    const { pdf, pngs } = renderToPng(name, model);
    const count = pages(pdf);
    expect(count).toBe(expectedPages);
    expect(pngs).toBe(count);
    for (let page = 1; page <= count; page++) {
      const text = pageText(pdf, page);
      expect(text).toContain(`Steward · ${model.title}`);
      expect(text).toContain('Generated 2024-05-20 12:00:00 UTC');
      expect(text).toContain(`Scope: ${model.scope.tenants.map((t) => t.name).join(', ')}`);
      expect(text).toContain(`Page ${page} of ${count}`);
    }
  });

  it('has real tables: the cells are text in the page, in order', () => {
    const { pdf } = renderToPng('access-review-default', generate('access-review'));
    const text = pageText(pdf, 1);
    expect(text).toMatch(/Carol Both\s+active\s+Auditor\s+2024-03-01 09:00:00\s+Bob Officer/);
    expect(text).toMatch(/Erin Member\s+active\s+Log keeper\s+2024-05-01 09:00:00\s+Alice Admin\s+2024-05-30 09:00:00\s+expiring/);
    expect(pageText(pdf, 2)).toContain('Expiring within 30 days');
  });

  it('folds text the standard fonts cannot show instead of printing garbage', () => {
    const { pdf } = renderToPng('approvals', generate('approvals'));
    expect(pageText(pdf)).toMatch(/->\s+Bob Officer/);
  });

  it('renders the same report to the same bytes', () => {
    const model = generate('audit-activity', WEEK);
    expect(renderPdf(model)).toEqual(renderPdf(generate('audit-activity', WEEK)));
  });
});

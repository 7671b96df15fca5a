/**
 * Every report definition of the demo seed runs on the demo's documents, in
 * every format: the templates, their parameter schemas and the seed agree.
 * The PDFs and their PNG pages are kept in test-results/reports-demo/ to be
 * looked at (pdftoppm, installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_FORMATS, type Report, uuidv7 } from '@steward/domain';
import { runReport, type ReportData } from '@steward/reports';
import { describe, expect, it } from 'vitest';
import { buildDemo } from '../src/seed/demo.ts';

const NOW_MS = Date.parse('2026-04-15T09:30:00.000Z');
const OUT = join(import.meta.dirname, '..', 'test-results', 'reports-demo');

function demoData(): { data: ReportData; reports: Report[] } {
  const demo = buildDemo({ now: NOW_MS, events: 6000 });
  const data: Record<string, unknown[]> = {};
  for (const { collection, doc } of demo.documents) (data[collection] ??= []).push(doc);
  return { data, reports: (data['reports'] ?? []) as Report[] };
}

describe('the demo seed\'s report definitions', () => {
  const { data, reports } = demoData();
  const generatedAt = new Date(NOW_MS).toISOString();

  it.each(reports.map((r) => [r.name, r] as const))('%s runs in every format, and as PDF renders to pages', async (_name, report) => {
    for (const format of REPORT_FORMATS) {
      const result = await runReport({ report: { ...report, format }, data, generatedAt, runId: uuidv7(NOW_MS, new Uint8Array(10)), requestedBy: report.id });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.run).toMatchObject({ status: 'succeeded', sha256: result.value.artifact.sha256, sizeBytes: result.value.artifact.bytes.length });
      if (format !== 'pdf') continue;
      const dir = join(OUT, `${report.tenantId ?? 'platform'}-${report.template}-${report.id.slice(-4)}`);
      mkdirSync(dir, { recursive: true });
      const pdf = join(dir, 'report.pdf');
      writeFileSync(pdf, result.value.artifact.bytes);
      execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(dir, 'page')]);
      const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(pages);
      expect(pages).toBeGreaterThan(0);
    }
  });
});

/**
 * Reports end to end in the web console: an Acme compliance officer, offline,
 * runs the access review locally from the replica, reads the result table, downloads
 * CSV, PDF and XLSX (exceljs and jsPDF inside the browser bundle, under the
 * console's CSP), and the PDF's first page is rendered with pdftoppm to be
 * looked at; then a stored definition is run and recorded as a reportRuns
 * document with the artifact's SHA-256, which syncs.
 */
import { expect, type Page } from 'playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from './fixtures/steward-server.ts';
import { ReportsPage } from './pages/reports-page.ts';
import { signInAndSync } from './pages/session.ts';

const SHOTS = resolve(import.meta.dirname, '..', 'test-results');
const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

test('an officer runs the access review locally, reads it, downloads CSV, PDF and XLSX, and records a definition\'s run', async ({ page, server }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await signInAndSync(page, server.url, 'officer@acme.example');
  const reports = new ReportsPage(page);
  await reports.open();
  await expect(reports.picker.getByRole('button', { name: /^Quarterly access review/ })).toBeVisible();

  // A template run, offline: Access review over every tenant the officer's replica holds (Acme).
  await page.context().setOffline(true);
  await reports.pick('Access review');
  await reports.run.click();
  await expect(reports.result.getByRole('heading', { name: 'Access review', level: 2 })).toBeVisible({ timeout: 30_000 });
  await expect(reports.result).toContainText('Acme Corporation');
  const holders = reports.table('Role holders');
  await expect(holders.locator('tbody tr').first()).toBeVisible();
  expect(await holders.locator('tbody tr').count()).toBeGreaterThan(10);
  await expect(holders).toContainText('officer@acme.example');
  await expect(holders).not.toContainText('globex.example');
  await shot(page, 'reports-01-access-review');

  const csv = await reports.download('CSV');
  expect(csv.suggestedFilename()).toMatch(/^access-review-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvPath = resolve(SHOTS, 'e2e-access-review.csv');
  await csv.saveAs(csvPath);
  const csvText = readFileSync(csvPath, 'utf8');
  expect(csvText).toContain('officer@acme.example');
  expect(csvText).toContain('Role holders');
  expect(csvText).not.toContain('globex.example');

  const pdf = await reports.download('PDF');
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = resolve(SHOTS, 'e2e-access-review.pdf');
  await pdf.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Rendered by poppler, the PDF's first page is a real page (looked at: reports-pdf-page-1.png).
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, resolve(SHOTS, 'reports-pdf-page-1')]);
  expect(statSync(resolve(SHOTS, 'reports-pdf-page-1.png')).size).toBeGreaterThan(10_000);
  const pdfText = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-']).toString('utf8');
  expect(pdfText).toContain('Access review');
  expect(pdfText).toContain('Acme Corporation');

  const xlsx = await reports.download('XLSX');
  const xlsxPath = resolve(SHOTS, 'e2e-access-review.xlsx');
  await xlsx.saveAs(xlsxPath);
  expect(readFileSync(xlsxPath).subarray(0, 2).toString('latin1')).toBe('PK');

  // A stored definition, back online: run, record the run with its artifact's hash, watch it sync.
  await page.context().setOffline(false);
  await reports.pick('Quarterly access review');
  await expect(reports.form.getByLabel('Template')).toBeDisabled();
  await reports.run.click();
  await expect(reports.record).toBeVisible({ timeout: 30_000 });
  await reports.record.click();
  await expect(reports.result.locator('.report-record')).toContainText('SHA-256');
  await expect(reports.recordStatus).toHaveText('Synced', { timeout: 30_000 });
  // The recorded hash is the hash of the file the officer downloads in the definition's format.
  const recorded = await reports.result.locator('.report-record code').getAttribute('title');
  const definitionPdf = await reports.download('PDF');
  const definitionPdfPath = resolve(SHOTS, 'e2e-quarterly-access-review.pdf');
  await definitionPdf.saveAs(definitionPdfPath);
  expect(createHash('sha256').update(readFileSync(definitionPdfPath)).digest('hex')).toBe(recorded);
  await shot(page, 'reports-02-definition-recorded');

  // The heaviest input: a definition over the tenant's whole audit trail, generated from the replica.
  await reports.pick('SOX audit activity');
  await reports.run.click();
  await expect(reports.result.getByRole('heading', { level: 2 })).toBeVisible({ timeout: 60_000 });
  const generated = (await reports.result.locator('.report-result-head p').textContent()) ?? '';
  const measured = /from ([\d,]+) local documents in ([\d,]+) ms/.exec(generated);
  expect(measured).not.toBeNull();
  const measuredText = `audit-activity over ${measured?.[1] ?? '?'} replica documents: ${measured?.[2] ?? '?'} ms`;
  test.info().annotations.push({ type: 'local report', description: measuredText });
  console.log(measuredText);
  expect(Number((measured?.[1] ?? '0').replaceAll(',', ''))).toBeGreaterThan(1_000);
  await shot(page, 'reports-03-audit-activity');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'reports-04-dark');

  expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/i.test(p))).toEqual([]);
});

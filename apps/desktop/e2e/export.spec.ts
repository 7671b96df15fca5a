/**
 * Evidence export in the web console, against a real sync server with the
 * demo data: an officer chooses a period of acme's audit events with a
 * report, sees how many are proven, exports, downloads the zip — and the
 * repository's own `steward-verify` (plain Node, no server) verifies it.
 * Then offline: the cached proofs make an offline export, not attested,
 * that verifies only with --allow-partial. The Export screen and its
 * summaries are saved to test-results/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page } from 'playwright/test';
import { test } from './fixtures/steward-server.ts';
import { AuditLogPage } from './pages/audit-log-page.ts';
import { ConnectPage } from './pages/connect-page.ts';
import { ExportPage } from './pages/export-page.ts';

const run = promisify(execFile);
const OFFICER = 'officer@acme.example';
const PASSWORD = 'steward-demo-2026';
const SHOTS = resolve(import.meta.dirname, '..', 'test-results');
const VERIFY_BIN = resolve(import.meta.dirname, '..', '..', '..', 'packages', 'evidence', 'bin', 'steward-verify.js');

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

test('an officer exports a period of acme\'s audit events; steward-verify accepts the downloaded bundle', async ({ page, server }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });

  const connect = new ConnectPage(page);
  await connect.open(`${server.url}/`);
  await connect.signIn(OFFICER, PASSWORD);
  const log = new AuditLogPage(page);
  await expect(log.heading).toBeVisible();
  await log.waitForInitialSync(120_000);

  const exporter = new ExportPage(page);
  await exporter.open();
  await expect(exporter.tenant).toContainText('acme');
  await exporter.report.selectOption('access-review');
  await expect(page.getByText(/Connected: the server will attest/)).toBeVisible();
  await expect.poll(async () => ExportPage.count(await exporter.previewEvents.textContent()), { timeout: 30_000 }).toBeGreaterThan(10);
  const inScope = ExportPage.count(await exporter.previewEvents.textContent());
  const proven = ExportPage.count(await exporter.previewProven.textContent());
  expect(proven).toBeGreaterThan(0);
  expect(proven).toBeLessThanOrEqual(inScope);
  await shot(page, 'export-01-screen');

  // A bad period is refused where the person acted, and nothing is exported.
  const from = await exporter.from.inputValue();
  const to = await exporter.to.inputValue();
  await exporter.to.fill(from);
  await exporter.submit.click();
  await expect(page.getByRole('alert')).toContainText('The end of the period must be after its start.');
  await expect(exporter.to).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'export-02-invalid');
  // Back to the default end (when the screen opened): the export's own audit events come after it.
  await exporter.to.fill(to);
  await expect(page.getByRole('alert')).toHaveCount(0);

  const download = await exporter.exportAndDownload();
  const dir = resolve(SHOTS, 'export');
  mkdirSync(dir, { recursive: true });
  const zip = resolve(dir, download.suggestedFilename());
  await download.saveAs(zip);
  expect(download.suggestedFilename()).toMatch(/^evidence-acme-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/);

  await expect(exporter.summary).toBeVisible();
  await expect(exporter.summary).toContainText('attested by the server');
  const events = ExportPage.count(await page.getByTestId('summary-events').textContent());
  expect(events).toBeGreaterThanOrEqual(inScope);
  expect(ExportPage.count(await page.getByTestId('summary-unproven').textContent())).toBe(0);
  await expect(exporter.verifyCommand).toHaveText(`steward-verify ${download.suggestedFilename()}`);
  await shot(page, 'export-03-summary');

  const verified = await run(process.execPath, [VERIFY_BIN, zip]).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
  console.log(verified.out);
  expect(verified.code, verified.out).toBe(0);
  expect(verified.out).toMatch(new RegExp(`PASS {2}events: ${events} events`));
  expect(verified.out).toMatch(/PASS {2}device certificate: device "Steward web console"/);
  expect(verified.out).toMatch(/PASS {2}device authorised/);
  expect(verified.out).toContain('VERIFIED');

  expect(problems).toEqual([]);

  // The export is an audit event of acme (recorded by the server), and it reaches this officer's audit log.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Audit log/ }).click();
  await log.search.fill('evidence.export');
  await expect(log.rows.first()).toContainText('evidence.export', { timeout: 30_000 });

  // Offline: the proofs fetched above are cached; the export proves those events, marks newer ones unproven, is not attested,
  // and verifies only with --allow-partial. The browser logs the failed requests; those are the point of this step.
  await page.context().setOffline(true);
  await exporter.open();
  await expect(page.getByText(/^Offline\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try the server again' })).toBeVisible();
  const offlineDownload = await exporter.exportAndDownload();
  const offlineZip = resolve(dir, `offline-${offlineDownload.suggestedFilename()}`);
  await offlineDownload.saveAs(offlineZip);
  await expect(exporter.summary).toContainText('not attested (offline)');
  await expect(exporter.summary).toContainText('Recorded on this device as an evidence.export audit event');
  await expect(exporter.verifyCommand).toHaveText(`steward-verify --allow-partial ${offlineDownload.suggestedFilename()}`);
  expect(ExportPage.count(await page.getByTestId('summary-proven').textContent())).toBeGreaterThan(0);
  await shot(page, 'export-04-offline-summary');
  // That event waits in the audit outbox: a pending change until the server has it.
  const pending = log.syncStatus.locator('.pill').filter({ hasText: 'pending' });
  await expect(pending).not.toHaveText('0 pending');
  await page.context().setOffline(false);
  const strict = await run(process.execPath, [VERIFY_BIN, offlineZip]).then(
    () => 0,
    (e: { code?: number }) => e.code ?? -1,
  );
  expect(strict).toBe(1);
  const partial = await run(process.execPath, [VERIFY_BIN, '--allow-partial', offlineZip]);
  expect(partial.stdout).toMatch(/WARN {2}completeness: no server scope statement/);
  expect(partial.stdout).toContain('VERIFIED');

  // Back online, the offline export's event is pushed from the outbox: nothing pending, and the audit log holds both exports' events.
  await expect(pending).toHaveText('0 pending', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Audit log/ }).click();
  await log.search.fill('evidence.export');
  await expect(log.rows).toHaveCount(2, { timeout: 30_000 });
  expect(problems.filter((p) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
});

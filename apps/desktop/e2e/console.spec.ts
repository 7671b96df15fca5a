/**
 * The web console end to end, against a real sync server with the demo
 * data: sign in (and a refused sign-in), the audit log filling from the
 * replica, a change arriving live over the stream, filtering, searching, sorting, keyboard navigation, the dark
 * theme, sign-out, and signing in again onto the kept replica. Each screen
 * is saved to test-results/ to be looked at.
 */
import { expect, type Page } from 'playwright/test';
import { resolve } from 'node:path';
import { AuditLogPage } from './pages/audit-log-page.ts';
import { ConnectPage } from './pages/connect-page.ts';
import { test } from './fixtures/steward-server.ts';

const OFFICER = 'officer@acme.example';
const PASSWORD = 'steward-demo-2026';
const SHOTS = resolve(import.meta.dirname, '..', 'test-results');

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

test('an officer signs in, reads the synced audit log, filters, searches and signs out', async ({ page, server }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const connect = new ConnectPage(page);
  await connect.open(`${server.url}/`);
  await expect(connect.server).toHaveValue(server.url);
  // COOP + COEP from the server: the console runs cross-origin isolated (and so does every resource it loads).
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await shot(page, '01-connect');

  await connect.signIn(OFFICER, 'not-the-password');
  await expect(connect.error).toContainText(/password/i);
  await shot(page, '02-connect-refused');
  problems.length = 0; // the refused sign-in's 401 is logged by the browser; that is the point of the step

  const started = Date.now();
  await connect.signIn(OFFICER, PASSWORD);
  const log = new AuditLogPage(page);
  await expect(log.heading).toBeVisible();
  await expect(log.rows.first()).toBeVisible({ timeout: 60_000 });
  await shot(page, '03-audit-log-syncing');

  const initialSyncMs = await log.waitForInitialSync(120_000);
  const measured = `initial sync: ${initialSyncMs} ms in the app, ${Date.now() - started} ms from clicking Sign in`;
  test.info().annotations.push({ type: 'initial sync', description: measured });
  console.log(measured);
  await expect(log.syncStatus).toHaveAttribute('data-connection', 'online');
  const synced = await log.shownCount();
  expect(synced).toBeGreaterThan(1_000);

  // Live: someone else signs in to Acme; the audit event reaches the open console over the stream, no reload.
  const login = await fetch(`${server.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@acme.example', password: PASSWORD }) });
  expect(login.status).toBe(200);
  await expect.poll(() => log.shownCount(), { timeout: 15_000 }).toBeGreaterThan(synced);
  await expect(log.rows.first()).toContainText('admin@acme.example');
  const total = await log.shownCount();
  const times = await log.columnInView('Time');
  expect(times.length).toBeGreaterThan(5);
  expect([...times].sort().reverse()).toEqual(times); // newest first
  await shot(page, '04-audit-log');

  await log.outcome.selectOption('denied');
  await expect(log.count).toContainText(' of ');
  const denied = await log.shownCount();
  expect(denied).toBeGreaterThan(0);
  expect(denied).toBeLessThan(total);
  expect(new Set(await log.outcomesInView())).toEqual(new Set(['denied']));
  await shot(page, '05-filter-denied');

  await log.search.fill('login');
  await expect.poll(() => log.shownCount()).toBeLessThan(denied);
  const actions = await log.columnInView('Action');
  expect(actions.length).toBeGreaterThan(0);
  for (const action of actions) expect(action).toContain('login');
  await shot(page, '06-search');

  await log.search.fill('');
  await log.outcome.selectOption('all');
  await expect.poll(() => log.shownCount()).toBe(total);
  await log.sortButton('Actor').click();
  await expect(log.grid.getByRole('columnheader', { name: 'Actor' })).toHaveAttribute('aria-sort', 'ascending');
  const actors = await log.columnInView('Actor');
  expect([...actors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(actors);
  await log.sortButton('Time').click(); // newest first is the first click on Time
  await expect(log.grid.getByRole('columnheader', { name: 'Time' })).toHaveAttribute('aria-sort', 'descending');

  // The row under a moving pointer is marked, and its time and actor get their full forms as tooltips; a scroll takes the mark off.
  const third = log.grid.locator('tr[aria-rowindex="4"]');
  await third.hover();
  await expect(third).toHaveAttribute('data-hover', '');
  await expect(log.grid.locator('tr[data-hover]')).toHaveCount(1);
  expect(await third.locator('time').getAttribute('title')).toMatch(/\d{4}/);
  expect(await third.locator('[data-full-text]').getAttribute('title')).toBe(await third.locator('[data-full-text]').textContent());
  await page.mouse.wheel(0, 36 * 20);
  await expect(log.grid.locator('tr[data-hover]')).toHaveCount(0);
  await expect(log.grid.locator('time[title]')).toHaveCount(0);
  await log.grid.evaluate((grid) => grid.parentElement?.scrollTo({ top: 0 }));

  await log.grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(log.grid.locator('tr[aria-selected="true"]')).toHaveCount(1);
  await expect(log.details).toBeVisible();
  await page.keyboard.press('End');
  await expect(log.grid.locator('tr[aria-selected="true"]')).toHaveAttribute('aria-rowindex', String(total + 1));
  await page.keyboard.press('Home');
  await expect(log.grid.locator('tr[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '2');
  await shot(page, '07-keyboard-details');

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '08-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await log.signOut.click();
  await expect(connect.notice).toContainText('Signed out');
  await expect(connect.email).toHaveValue(OFFICER);
  await shot(page, '09-signed-out');

  // Signing in again reuses the replica kept on this device: everything is there at once, and sync resumes from its checkpoints.
  await connect.password.fill(PASSWORD);
  await connect.submit.click();
  await expect.poll(() => log.shownCount(), { timeout: 10_000 }).toBeGreaterThanOrEqual(total);
  const resumedMs = await log.waitForInitialSync(60_000);
  console.log(`resumed sync after signing in again: ${resumedMs} ms`);
  expect(resumedMs).toBeLessThan(initialSyncMs);

  expect(problems).toEqual([]);
});

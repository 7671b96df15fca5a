/**
 * Overview and Tenants end to end against a real sync server with the demo
 * data. An Acme admin opens the Overview: both time charts and the quota
 * gauge draw on their canvases (light and dark); a click on a bar opens the
 * audit log filtered to exactly that bar's events, and so does a keyboard
 * press on the table beside the writes chart; the gauge's link filters the
 * log to the tenant. On Tenants the admin changes the branding colour and
 * adds a feature flag while offline (saved locally), reconnects (synced),
 * and is told why an invalid colour is refused. An auditor sees the same
 * form read-only, with the domain's reason. Screens go to test-results/.
 */
import { expect, type Page } from 'playwright/test';
import { resolve } from 'node:path';
import { test } from './fixtures/steward-server.ts';
import { AuditLogPage } from './pages/audit-log-page.ts';
import { ConnectPage } from './pages/connect-page.ts';
import { OverviewPage, type BucketRow } from './pages/overview-page.ts';
import { TenantsPage } from './pages/tenants-page.ts';

const PASSWORD = 'steward-demo-2026';
const SHOTS = resolve(import.meta.dirname, '..', 'test-results');
const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => {
    console.log(`page error: ${error.message}`);
    problems.push(error.message);
  });
  return problems;
}

async function signIn(page: Page, serverUrl: string, email: string): Promise<void> {
  const connect = new ConnectPage(page);
  await connect.open(`${serverUrl}/`);
  await connect.signIn(email, PASSWORD);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-initial-sync-ms', /^\d+$/, { timeout: 120_000 });
}

/** The bucket (not the newest, which live sign-ins may still grow) with the most events in series `series`. */
function busiest(rows: readonly BucketRow[], series: number): { index: number; row: BucketRow } {
  let best = 0;
  rows.slice(0, -1).forEach((row, index) => {
    if ((row.counts[series] ?? 0) > (rows[best]?.counts[series] ?? 0)) best = index;
  });
  const row = rows[best];
  if (row === undefined) throw new Error('the chart has no buckets');
  return { index: best, row };
}

test('an admin reads the Overview charts and opens the filtered audit log from them', async ({ page, server }) => {
  const problems = watchProblems(page);
  await signIn(page, server.url, 'admin@acme.example');
  const overview = new OverviewPage(page);
  const log = new AuditLogPage(page);
  // The audit log's count settles a moment after the initial sync ends (it redraws at most every 400 ms,
  // and shows the newest page first while it reads the rest): wait until it holds still and counts everything.
  let total = Number.NaN;
  await expect
    .poll(
      async () => {
        const before = await log.count.textContent();
        await page.waitForTimeout(1_000);
        const after = (await log.count.textContent()) ?? '';
        total = before === after && !after.includes(' of ') ? await log.shownCount() : Number.NaN;
        return total;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await overview.open();

  await expect(overview.chart(overview.activity)).toBeVisible();
  await expect(overview.chart(overview.writes)).toBeVisible();
  await expect(overview.gauges).toHaveCount(1); // an Acme admin sees Acme only
  await expect(overview.chart(overview.gauges.first())).toBeVisible();
  expect(await overview.inkOf(overview.activity)).toBeGreaterThan(5_000);
  expect(await overview.inkOf(overview.writes)).toBeGreaterThan(5_000);
  expect(await overview.inkOf(overview.gauges.first())).toBeGreaterThan(1_000);
  await expect(overview.gauges.first()).toContainText('Seats');
  await shot(page, 'overview-01-light');
  const activityDays = (await overview.buckets(overview.activity)).length;
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(overview.activity).toBeVisible();
  await page.waitForTimeout(300); // the charts redraw in the dark theme's colours
  await shot(page, 'overview-02-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // A shorter period: a week of days (the newest may be partial).
  await page.getByLabel('Period').selectOption({ label: 'Last 7 days' });
  await expect.poll(async () => (await overview.buckets(overview.activity)).length).toBeLessThanOrEqual(8);
  expect((await overview.buckets(overview.activity)).length).toBeGreaterThanOrEqual(7);
  await page.getByLabel('Period').selectOption({ label: 'Everything in the replica' });
  await expect.poll(async () => (await overview.buckets(overview.activity)).length).toBe(activityDays);

  // A click on the busiest day's "succeeded" bar shows exactly that day's successful events.
  const activity = await overview.buckets(overview.activity);
  expect(activity.length).toBeGreaterThan(3);
  const day = busiest(activity, 0);
  await overview.clickBar(overview.activity, day.index, activity.length);
  await expect(log.heading).toBeVisible();
  await expect.poll(() => log.shownCount()).toBe(day.row.counts[0]);
  expect(new Set(await log.outcomesInView())).toEqual(new Set(['success']));
  await shot(page, 'overview-03-clicked-into-audit-log');

  // The keyboard way: the writes table's "rejected: not allowed" count for its busiest day.
  await overview.open();
  // The charts are drawn a moment after the screen opens (CI: their tables were still empty when read at once).
  await expect(overview.chart(overview.writes)).toBeVisible();
  await expect.poll(async () => (await overview.buckets(overview.writes)).length).toBeGreaterThan(3);
  const writes = await overview.buckets(overview.writes);
  const refused = busiest(writes, 1);
  expect(refused.row.counts[1]).toBeGreaterThan(0);
  await overview.openCountWithKeyboard(overview.writes, refused.row.label, 1);
  await expect(log.heading).toBeVisible();
  await expect.poll(() => log.shownCount()).toBe(refused.row.counts[1]);
  expect(new Set(await log.outcomesInView())).toEqual(new Set(['denied']));
  for (const action of await log.columnInView(3)) expect(action).toMatch(/\.(denied)$/);

  // The gauge's link: every event of the tenant (for an Acme admin, all of theirs).
  await overview.open();
  await overview.gauges.first().getByRole('button', { name: /Audit log for/ }).click();
  await expect(log.heading).toBeVisible();
  await expect.poll(() => log.shownCount()).toBeGreaterThan(0);
  expect(await log.shownCount()).toBeLessThanOrEqual(total + 5); // + the sign-ins recorded since

  expect(problems).toEqual([]);
});

test('an admin changes branding and a feature flag offline, then syncs; an auditor may only look', async ({ browser, server }) => {
  const adminContext = await browser.newContext();
  const auditorContext = await browser.newContext();
  try {
    const page = await adminContext.newPage();
    const problems = watchProblems(page);
    await signIn(page, server.url, 'admin@acme.example');
    const tenants = new TenantsPage(page);
    await tenants.open();
    await expect(tenants.card('acme')).toBeVisible();
    await expect(tenants.card('acme')).toContainText('Seats');
    await expect(tenants.editor).toBeVisible(); // the only tenant opens by itself
    await expect(tenants.save).toBeDisabled(); // nothing changed yet
    await expect(tenants.colour).toBeEnabled();
    await shot(page, 'tenants-01-list');

    // Refused by the tenant schema, under the field; nothing is written.
    await tenants.colour.fill('red');
    await tenants.save.click();
    await expect(tenants.formError).toContainText('must be a colour like #1a2b3c');
    await expect(tenants.status).toHaveCount(0);

    const flag = `e2eFlag${Date.now() % 100_000}`;
    await adminContext.setOffline(true);
    await tenants.colour.fill('#aa3355');
    await tenants.newFlag.fill(flag);
    await tenants.newFlag.press('Enter');
    await expect(tenants.flag(flag)).toBeChecked();
    await tenants.save.click();
    await expect(tenants.status).toContainText('Saved locally');
    await expect(tenants.formError).toHaveCount(0);
    await expect(tenants.card('acme')).toContainText(`${flag}: on`);
    await expect(tenants.card('acme')).toContainText('#aa3355');
    await shot(page, 'tenants-02-edit-saved-locally');
    await adminContext.setOffline(false);
    await expect(tenants.status).toContainText('Synced', { timeout: 60_000 });
    await shot(page, 'tenants-03-edit-synced');
    expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/i.test(p))).toEqual([]);

    // The auditor's device receives the change, and may not make one.
    const auditorPage = await auditorContext.newPage();
    const auditorProblems = watchProblems(auditorPage);
    await signIn(auditorPage, server.url, 'auditor@acme.example');
    const auditor = new TenantsPage(auditorPage);
    await auditor.open();
    await expect(auditor.card('acme')).toContainText(`${flag}: on`, { timeout: 30_000 });
    await expect(auditor.readOnly).toContainText('tenant:update');
    await expect(auditor.colour).toBeDisabled();
    await expect(auditor.flag(flag)).toBeDisabled();
    await expect(auditor.save).toHaveCount(0);
    await shot(auditorPage, 'tenants-04-auditor-read-only');
    expect(auditorProblems).toEqual([]);
  } finally {
    await adminContext.close();
    await auditorContext.close();
  }
});

test('the platform admin sees every tenant: a gauge and a card each, and may edit any of them', async ({ page, server }) => {
  const problems = watchProblems(page);
  await signIn(page, server.url, 'platform@steward.example');
  const overview = new OverviewPage(page);
  const opened = Date.now();
  await overview.open();
  await expect(overview.gauges).toHaveCount(3);
  await expect(overview.chart(overview.activity)).toBeVisible({ timeout: 60_000 });
  await expect(overview.chart(overview.writes)).toBeVisible();
  const chartsMs = Date.now() - opened;
  const events = /([\d,]+) events/.exec((await overview.activity.locator('header p').textContent()) ?? '')?.[1] ?? '?';
  const measured = `Overview charts of ${events} events drawn ${chartsMs} ms after opening the screen (platform admin, all tenants)`;
  test.info().annotations.push({ type: 'overview', description: measured });
  console.log(measured);
  for (const slug of ['acme', 'globex', 'initech']) await expect(overview.chart(page.locator(`.gauge-cell[data-tenant="${slug}"]`))).toBeVisible();
  await shot(page, 'overview-04-platform');

  // Initech (Free plan, 4 of 5 seats): its gauge and its link open the same filtered log.
  const initech = page.locator('.gauge-cell[data-tenant="initech"]');
  const log = new AuditLogPage(page);
  const everything = Number(events.replaceAll(',', ''));
  await initech.getByRole('button', { name: 'Audit log for Initech' }).click();
  await expect(log.heading).toBeVisible();
  await expect.poll(() => log.shownCount()).toBeGreaterThan(0);
  const initechEvents = await log.shownCount();
  expect(initechEvents).toBeLessThan(everything);
  await overview.open();
  await expect(overview.chart(initech)).toBeVisible();
  await overview.clickGaugeTop(initech);
  await expect(log.heading).toBeVisible();
  await expect.poll(() => log.shownCount()).toBe(initechEvents);

  const tenants = new TenantsPage(page);
  await tenants.open();
  await expect(page.locator('.tenant-card')).toHaveCount(3);
  await expect(tenants.editor).toHaveCount(0); // several tenants: none is opened for you
  await tenants.card('globex').getByRole('button', { name: /Details of/ }).click();
  await expect(tenants.editor.getByRole('heading', { level: 2 })).toContainText('Globex');
  await expect(tenants.colour).toBeEnabled();
  await expect(tenants.save).toBeVisible();
  await shot(page, 'tenants-05-platform');
  expect(problems).toEqual([]);
});

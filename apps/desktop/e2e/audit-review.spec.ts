/**
 * An officer's audit review end to end, against a real sync server with the
 * demo data: filter by actor and time, save a view, hide a column, record a
 * finding (saved locally → synced), go offline and mark three more events
 * reviewed (saved locally, header offline and pending), come back and see
 * them sync — checked on the server with a fresh pull — and a ledger badge
 * verified in the browser. Each step is saved to test-results/ to be looked at.
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

// The time inputs are local time; in UTC a `datetime-local` value is the timestamp's first 16 characters.
test.use({ timezoneId: 'UTC' });

interface PulledReview {
  readonly id: string;
  readonly eventId: string;
  readonly state: string;
  readonly note: string;
  readonly reviewerId: string;
  readonly revision: number;
}

/** Every audit review the officer may read, pulled from the server afresh (no replica involved), and the officer's user id. */
async function reviewsOnServer(serverUrl: string): Promise<{ reviews: PulledReview[]; officerId: string }> {
  const login = await fetch(`${serverUrl}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OFFICER, password: PASSWORD }) });
  const { token, user } = ((await login.json()) as { result: { data: { token: string; user: { id: string } } } }).result.data;
  const out: PulledReview[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ collection: 'auditReviews', checkpoint, limit: 1000 }));
    const response = await fetch(`${serverUrl}/trpc/sync.pull?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const page = ((await response.json()) as { result: { data: { documents: PulledReview[]; checkpoint: unknown } } }).result.data;
    out.push(...page.documents);
    if (page.documents.length === 0) return { reviews: out, officerId: user.id };
    checkpoint = page.checkpoint;
  }
}

test('an officer filters, saves a view, hides a column, reviews online and offline, and sees it all sync and verify', async ({ page, context, server }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));

  const connect = new ConnectPage(page);
  await connect.open(`${server.url}/`);
  await connect.signIn(OFFICER, PASSWORD);
  const log = new AuditLogPage(page);
  await expect(log.rows.first()).toBeVisible({ timeout: 60_000 });
  await log.waitForInitialSync(120_000);
  const total = await log.shownCount();

  // Filter by actor: whoever acted in the newest event (the officer signing in, as it happens).
  const actor = (await log.columnInView('Actor'))[0] ?? '';
  expect(actor).not.toBe('');
  await log.actor.selectOption({ label: actor });
  await expect.poll(() => log.shownCount()).toBeLessThan(total);
  const byActor = await log.shownCount();
  expect(new Set(await log.columnInView('Actor'))).toEqual(new Set([actor]));

  // …and by time: the minutes of the newest and of an older event of theirs bound the range.
  const times = await log.timesInView();
  expect(times.length).toBeGreaterThan(0);
  const newest = times[0] ?? '';
  const older = times[Math.min(times.length - 1, 3)] ?? '';
  await log.from.fill(older.slice(0, 16));
  await log.to.fill(newest.slice(0, 16));
  await expect.poll(() => log.shownCount()).toBeLessThanOrEqual(byActor);
  const inRange = await log.shownCount();
  expect(inRange).toBeGreaterThan(0);
  const lower = `${older.slice(0, 16)}:00.000Z`;
  const upper = `${newest.slice(0, 16)}:59.999Z`;
  for (const time of await log.timesInView()) expect(time >= lower && time <= upper, `${time} within ${lower}…${upper}`).toBe(true);
  await shot(page, 'review-01-filters-actor-time');

  // Save the view, clear the filters, and get it back from the saved views.
  await page.getByRole('button', { name: 'Save view…' }).click();
  await page.getByLabel('View name').fill('My recent activity');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved view “My recent activity”' })).toBeVisible();
  await shot(page, 'review-02-saved-view');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => log.shownCount()).toBe(total);
  await log.savedView.selectOption({ label: 'My recent activity' });
  await expect.poll(() => log.shownCount()).toBe(inRange);
  await expect(log.actor).toHaveValue(/.+/);
  await expect(log.from).toHaveValue(older.slice(0, 16));

  // Hide the Flags column.
  await log.columns.click();
  const chooser = page.getByRole('group', { name: 'Columns shown' });
  await chooser.getByLabel('Flags').uncheck();
  await expect(log.grid.getByRole('columnheader', { name: 'Flags', exact: true })).toHaveCount(0);
  await expect(log.grid.getByRole('columnheader', { name: 'Review', exact: true })).toBeVisible();
  await shot(page, 'review-03-column-chooser');
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);

  // Back to everything, to have events to review.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => log.shownCount()).toBe(total);

  // A finding on the first event: saved locally, then synced. Rows are found by event id from here on:
  // every review the server records is itself an audit event, arriving at the top of the log.
  const rowOf = (id: string) => log.grid.locator(`[id="audit-row-${id}"]`);
  const firstId = await log.eventIdOf(0);
  await rowOf(firstId).click();
  await expect(log.details).toBeVisible();
  const ledger = log.details.locator('.ledger');
  await expect(ledger).toHaveAttribute('data-ledger', 'verified', { timeout: 30_000 });
  await expect(ledger).toContainText('Ledger verified');
  // The table's ledger column proves the rows that stay in view too, and says so per row.
  await expect(rowOf(firstId).locator('.ledger-cell')).toHaveAttribute('data-ledger', 'verified', { timeout: 30_000 });
  await expect.poll(() => log.grid.locator('.ledger-cell[data-ledger="verified"]').count(), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const note = (): void => {
      const current = document.querySelector('.review-entry.current [data-change-status]')?.getAttribute('data-change-status');
      if (current !== undefined && current !== null && seen.at(-1) !== current) seen.push(current);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-change-status'] });
  });
  await log.details.getByLabel('Finding', { exact: true }).check();
  const recordFinding = log.details.getByRole('button', { name: 'Record finding' });
  await expect(recordFinding).toBeDisabled(); // a finding needs a note
  await log.details.getByLabel('Finding note').fill('Role granted outside the change window; no ticket referenced.');
  const beforeFinding = await log.shownCount();
  await recordFinding.click();
  const current = log.details.locator('.review-entry.current');
  await expect(current).toContainText('Role granted outside the change window');
  await expect(current.locator('[data-change-status]')).toHaveAttribute('data-change-status', 'synced', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses)).toEqual(['saved-locally', 'synced']);
  await expect(rowOf(firstId)).toContainText('Finding');
  // The server records the review as an audit event of its own; let it arrive before picking rows by position.
  await expect.poll(() => log.shownCount(), { timeout: 15_000 }).toBeGreaterThan(beforeFinding);
  await shot(page, 'review-04-details-review-badge');

  // Offline: three more reviews, kept on this device. (The console learns it is offline when its next request fails.)
  await context.setOffline(true);
  const eventIds: string[] = [];
  for (let index = 0; eventIds.length < 3; index++) {
    const id = await log.eventIdOf(index);
    if (id !== firstId) eventIds.push(id);
  }
  for (const id of eventIds) await rowOf(id).getByRole('checkbox', { name: 'Select for review' }).check();
  await shot(page, 'review-05a-selected');
  await expect(log.bulkBar).toContainText('3 selected', { timeout: 10_000 });
  await log.bulkBar.getByRole('button', { name: 'Mark 3 reviewed' }).click();
  const bulkStatus = log.bulkBar.locator('.bulk-status');
  await expect(bulkStatus).toHaveAttribute('data-saved-locally', '3');
  await expect(bulkStatus).toContainText('3 saved locally');
  for (const id of eventIds) await expect(rowOf(id)).toContainText('Saved locally');
  await expect(log.syncStatus).toHaveAttribute('data-connection', 'offline', { timeout: 30_000 });
  await expect(log.syncStatus.locator('.pill').filter({ hasText: 'pending' })).not.toHaveText('0 pending', { timeout: 15_000 });
  await shot(page, 'review-05-offline-pending');

  // Back online: they sync, and the server has them — with the officer as reviewer, whatever the client said.
  await context.setOffline(false);
  await expect(bulkStatus).toHaveAttribute('data-synced', '3', { timeout: 90_000 });
  for (const id of eventIds) await expect(rowOf(id)).not.toContainText('Saved locally');
  await expect(log.syncStatus.locator('.pill').filter({ hasText: 'pending' })).toHaveText('0 pending');
  await expect(log.syncStatus).toHaveAttribute('data-connection', 'online');
  await shot(page, 'review-06-back-online-synced');

  const { reviews: onServer, officerId } = await reviewsOnServer(server.url);
  for (const eventId of eventIds) {
    const review = onServer.find((r) => r.eventId === eventId && r.state === 'reviewed' && r.reviewerId === officerId);
    expect(review, `review of ${eventId} on the server`).toBeDefined();
    expect(review?.revision).toBeGreaterThanOrEqual(1);
  }
  expect(onServer.some((r) => r.state === 'flagged' && r.note.startsWith('Role granted outside the change window'))).toBe(true);

  await page.emulateMedia({ colorScheme: 'dark' });
  await rowOf(eventIds[0] ?? '').click();
  await expect(log.details.locator('.ledger')).toHaveAttribute('data-ledger', 'verified', { timeout: 30_000 });
  await shot(page, 'review-07-dark-details');
  expect(problems).toEqual([]);
});

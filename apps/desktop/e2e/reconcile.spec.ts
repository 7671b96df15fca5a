/**
 * Nothing an officer does offline is lost, end to end in Chromium with two
 * browser contexts against a real sync server with the demo data:
 *
 * 1. The admin makes the officer a tenant admin too. The officer goes
 *    offline, reviews 200 events and grants a role; meanwhile the admin
 *    revokes the officer's admin role (the right to grant). Back online, the
 *    reviews sync, the grant is in the Sync center as FORBIDDEN with a
 *    readable reason, the officer discards it, and the audit log shows the
 *    revocation, the rejection and the discard.
 * 2. Two people change the same tenant, one of them offline: the field both
 *    changed is a conflict shown as base / mine / theirs; the other field
 *    merged without asking; the choice syncs.
 *
 * Screenshots of the reconcile views go to test-results/.
 */
import { expect, type Browser, type Page } from 'playwright/test';
import { resolve } from 'node:path';
import { test } from './fixtures/steward-server.ts';
import { AuditLogPage } from './pages/audit-log-page.ts';
import { DEMO_PASSWORD, signInAndSync } from './pages/session.ts';
import { SyncCenterPage } from './pages/sync-center-page.ts';
import { TenantsPage } from './pages/tenants-page.ts';
import { UsersPage } from './pages/users-page.ts';

const SHOTS = resolve(import.meta.dirname, '..', 'test-results');
const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

const ADMIN = 'admin@globex.example';
const OFFICER = 'officer@globex.example';
const AUDITOR = 'auditor@globex.example';
const REVIEWS = 200;

/** Pages that report uncaught errors; requests that fail while offline are the point of the test, not a problem. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource|network/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

/** The tenant editor's name and retention fields, beside the Tenants page model. */
function tenantEditor(page: TenantsPage) {
  return Object.assign(page, {
    name: page.editor.getByLabel('Name', { exact: true }),
    retention: page.editor.getByLabel('Keep deleted data for (days)'),
  });
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'UTC' });
  return context.newPage();
}

/** Every document of a collection this person may read, pulled from the server afresh (no replica involved), and their user id. */
async function pullAll<T>(serverUrl: string, email: string, collection: string): Promise<{ docs: T[]; userId: string }> {
  const login = await fetch(`${serverUrl}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const { token, user } = ((await login.json()) as { result: { data: { token: string; user: { id: string } } } }).result.data;
  const docs: T[] = [];
  let checkpoint: unknown = null;
  for (;;) {
    const input = encodeURIComponent(JSON.stringify({ collection, checkpoint, limit: 1000 }));
    const response = await fetch(`${serverUrl}/trpc/sync.pull?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const page = ((await response.json()) as { result: { data: { documents: T[]; checkpoint: unknown } } }).result.data;
    docs.push(...page.documents);
    if (page.documents.length === 0) return { docs, userId: user.id };
    checkpoint = page.checkpoint;
  }
}

/** How many audit reviews the server holds by this person. */
async function reviewsOnServer(serverUrl: string, email: string): Promise<number> {
  const { docs, userId } = await pullAll<{ reviewerId: string; _deleted: boolean }>(serverUrl, email, 'auditReviews');
  return docs.filter((review) => review.reviewerId === userId && !review._deleted).length;
}

// Two consoles sync the demo data (the platform admin's holds every tenant) on shared cores.
test.describe.configure({ timeout: 360_000 });

test('offline reviews sync; a grant refused after the admin revoked the right to grant waits in the Sync center, is discarded, and the audit log shows it all', async ({ browser, server }) => {
  const adminPage = await newPage(browser);
  const officerPage = await newPage(browser);
  const adminProblems = watchProblems(adminPage);
  const officerProblems = watchProblems(officerPage);

  // The admin makes the officer a tenant admin as well: the officer may now grant roles.
  await signInAndSync(adminPage, server.url, ADMIN);
  const admin = new UsersPage(adminPage);
  await admin.open();
  await admin.selectPerson(OFFICER);
  await admin.grantRole.selectOption({ label: 'Tenant admin' });
  await admin.grantReason.fill('Covering for the admin during the audit (reconcile e2e)');
  await admin.grantButton.click();
  await expect(admin.currentRole('Tenant admin')).toBeVisible();
  await expect(admin.changeBadge('Covering for the admin during the audit (reconcile e2e)')).toHaveAttribute('data-change-status', 'synced', { timeout: 30_000 });

  await signInAndSync(officerPage, server.url, OFFICER);
  const sync = new SyncCenterPage(officerPage);
  await expect(sync.headerPending).toHaveText('0 pending');
  await expect(sync.headerRejected).toHaveText('0 rejected');
  await expect(sync.headerConflicts).toHaveText('0 conflicts');
  const officer = new UsersPage(officerPage);
  await officer.open();
  await officer.selectPerson(OFFICER);
  await expect(officer.currentRole('Tenant admin')).toBeVisible({ timeout: 30_000 });
  const reviewsBefore = await reviewsOnServer(server.url, OFFICER);

  // Offline: 200 reviews and a grant, each applied to the replica at once.
  await officerPage.context().setOffline(true);
  const log = new AuditLogPage(officerPage);
  await officerPage.locator('.nav-item', { hasText: /^Audit log$/ }).click();
  await expect(log.rows.first()).toBeVisible();
  await log.rows.first().click();
  for (let i = 0; i < REVIEWS; i++) {
    await log.grid.press('Space');
    await log.grid.press('ArrowDown');
  }
  await log.bulkBar.getByRole('button', { name: `Mark ${REVIEWS} reviewed` }).click();
  const bulkStatus = log.bulkBar.locator('.bulk-status');
  await expect(bulkStatus).toHaveAttribute('data-saved-locally', String(REVIEWS), { timeout: 30_000 });
  await expect(log.syncStatus).toHaveAttribute('data-connection', 'offline', { timeout: 30_000 });

  await officer.open();
  await officer.selectPerson(AUDITOR);
  await officer.grantRole.selectOption({ label: 'Member' });
  await officer.grantReason.fill('Needs the member workflows for the engagement');
  await officer.grantButton.click();
  await expect(officer.currentRole('Member').locator('.change-badge')).toHaveAttribute('data-change-status', 'saved-locally');
  await expect(sync.headerPending).toHaveText(`${REVIEWS + 1} pending`); // every offline change counts, not only push's first batch
  await shot(officerPage, 'reconcile-01-offline-saved-locally');

  // Meanwhile the admin revokes the officer's admin role: the right to grant is gone.
  await admin.selectPerson(OFFICER);
  await admin.currentRole('Tenant admin').getByRole('button', { name: /Revoke/ }).click();
  await admin.revokeConfirm().getByLabel('Reason for revoking').fill('Cover ended (reconcile e2e)');
  await admin.revokeConfirm().getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(admin.currentRole('Tenant admin')).toHaveCount(0);
  await expect(admin.changeBadge('Cover ended (reconcile e2e)')).toHaveAttribute('data-change-status', 'synced', { timeout: 30_000 });

  // Back online: the reviews sync, the grant is refused and waits in the Sync center.
  await officerPage.context().setOffline(false);
  await expect(sync.headerRejected).toHaveText('1 rejected', { timeout: 90_000 });
  await expect(sync.headerPending).toHaveText('0 pending', { timeout: 90_000 });
  await expect.poll(() => reviewsOnServer(server.url, OFFICER), { timeout: 60_000 }).toBe(reviewsBefore + REVIEWS);
  await expect(officer.currentRole('Member')).toHaveCount(0); // the replica is back at the server's truth
  await officerPage.locator('.app-header').screenshot({ path: resolve(SHOTS, 'reconcile-02-header-counts.png') });

  // The reconcile list survives a restart of the console (its own IndexedDB database).
  await officerPage.reload();
  await expect(sync.headerRejected).toHaveText('1 rejected', { timeout: 60_000 });
  await sync.open();
  await expect(sync.count('rejected')).toHaveText('1');
  await expect(sync.count('pending')).toHaveText('0');
  await expect(sync.items).toHaveCount(1);
  const item = sync.items.first();
  await expect(item).toHaveAttribute('data-code', 'FORBIDDEN');
  await expect(item).toContainText('Grant of "Member" to');
  await expect(sync.details).toHaveAttribute('data-code', 'FORBIDDEN');
  await expect(sync.reason).toContainText('Not allowed.');
  await expect(sync.reason).toContainText(/role:assign/);
  await expect(sync.reason).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/); // names, not ids
  await expect(sync.details.locator('tr[data-field="reason"]')).toContainText('Needs the member workflows for the engagement');
  const grantId = (await item.getAttribute('data-document-id')) ?? '';
  expect(grantId).toMatch(/^[0-9a-f-]{36}$/);
  await shot(officerPage, 'reconcile-03-sync-center-rejection');

  // Re-applying is refused at once (the cause stands), with the reason where the officer acted.
  await sync.button('Re-apply').click();
  await expect(sync.details.locator('.decision-issues')).toContainText('FORBIDDEN');
  await expect(sync.items).toHaveCount(1);
  await shot(officerPage, 'reconcile-04-reapply-refused');

  await sync.button('Edit and re-submit').click();
  await expect(sync.details.getByRole('form', { name: 'Edit the change' }).getByLabel('reason', { exact: true })).toHaveValue('Needs the member workflows for the engagement');
  await shot(officerPage, 'reconcile-05-edit-form');
  await sync.button('Cancel').click();

  await sync.button('Discard…').click();
  await shot(officerPage, 'reconcile-06-discard-confirm');
  await sync.button('Discard change').click();
  await expect(sync.notice).toContainText('discarded');
  await expect(sync.empty).toBeVisible();
  await expect(sync.headerRejected).toHaveText('0 rejected');
  await sync.decided.locator('summary').click();
  await expect(sync.decided.locator('tr[data-decision="discard"]')).toContainText('Grant of "Member" to');
  await expect(sync.headerPending).toHaveText('0 pending', { timeout: 60_000 }); // the discard's audit event has synced
  await shot(officerPage, 'reconcile-07-discarded');

  // The audit log: the rejection and the discard of this grant, and the admin's revocation.
  await officerPage.locator('.nav-item', { hasText: /^Audit log$/ }).click();
  await expect(log.rows.first()).toBeVisible();
  await log.search.fill(grantId);
  await expect.poll(() => log.columnInView('Action'), { timeout: 30_000 }).toEqual(['reconcile.discard', 'roleAssignment.denied']);
  await expect(log.rows.first()).toContainText(OFFICER);
  await shot(officerPage, 'reconcile-08-audit-rejection-and-discard');
  const { docs: grants } = await pullAll<{ id: string; userId: string; reason: string; _deleted: boolean }>(server.url, ADMIN, 'roleAssignments');
  const revoked = grants.find((g) => g._deleted && g.reason === 'Covering for the admin during the audit (reconcile e2e)');
  expect(revoked, 'the revoked admin grant, on the server').toBeDefined();
  await log.search.fill(revoked?.id ?? '');
  // The server's record of the revoke, the admin's reason for it (recorded by the admin's console) and the original grant.
  await expect.poll(async () => (await log.columnInView('Action')).sort(), { timeout: 30_000 }).toEqual(['roleAssignment.create', 'roleAssignment.delete', 'roleAssignment.revoke']);
  const reasonRow = log.rows.filter({ hasText: 'roleAssignment.revoke' });
  await expect(reasonRow).toContainText(ADMIN);
  await reasonRow.click();
  await expect(log.details).toContainText('Cover ended (reconcile e2e)');
  await shot(officerPage, 'reconcile-09-audit-revocation');

  expect(adminProblems).toEqual([]);
  expect(officerProblems).toEqual([]);
});

test('the same tenant changed on two sides: the shared field is a conflict (base / mine / theirs), the other merges, the choice syncs', async ({ browser, server }) => {
  const adminPage = await newPage(browser);
  const platformPage = await newPage(browser);
  const problems = [...watchProblems(adminPage), ...watchProblems(platformPage)];

  await signInAndSync(platformPage, server.url, 'platform@steward.example');
  await signInAndSync(adminPage, server.url, ADMIN);
  const theirs = tenantEditor(new TenantsPage(adminPage));
  const mine = tenantEditor(new TenantsPage(platformPage));
  await mine.open();
  await mine.card('globex').getByRole('button', { name: 'Details of Globex Health' }).click();
  await expect(mine.editor.getByRole('heading', { name: 'Globex Health' })).toBeVisible();

  // Offline, the platform admin renames the tenant and changes its retention.
  await platformPage.context().setOffline(true);
  await mine.name.fill('Globex Health (EU)');
  await mine.retention.fill('400');
  await mine.save.click();
  await expect(platformPage.locator('.sync-status [data-count="pending"]')).not.toHaveText('0 pending', { timeout: 15_000 });

  // Meanwhile Globex's admin renames it differently.
  await theirs.open();
  await expect(theirs.editor.getByRole('heading', { name: 'Globex Health' })).toBeVisible(); // the admin's only tenant opens by itself
  await theirs.name.fill('Globex Health Inc.');
  await theirs.save.click();
  // The admin's rename is on the server before the platform admin is back: otherwise the platform admin's push,
  // sent at once when the network returns, may land first, and the conflict is the admin's.
  // ("0 pending" is no proof: it holds before the save is written, too.)
  await expect
    .poll(async () => (await pullAll<{ slug: string; name: string }>(server.url, ADMIN, 'tenants')).docs.find((t) => t.slug === 'globex')?.name, { timeout: 30_000 })
    .toBe('Globex Health Inc.');

  await platformPage.context().setOffline(false);
  const sync = new SyncCenterPage(platformPage);
  await expect(sync.headerConflicts).toHaveText('1 conflict', { timeout: 90_000 });
  await sync.open();
  await expect(sync.items).toHaveCount(1);
  await expect(sync.items.first()).toHaveAttribute('data-kind', 'conflict');
  const row = sync.details.locator('tr[data-field="name"]');
  await expect(row).toContainText('Globex Health (EU)');
  await expect(row).toContainText('Globex Health Inc.');
  await expect(row).toContainText('Globex Health');
  await expect(sync.details.locator('tr[data-field="retentionDays"]')).toHaveCount(0); // merged without asking
  await expect(sync.details).toContainText('Merged without asking (changed only here): retentionDays');
  await expect(sync.button('Choose 1 more')).toBeDisabled();
  await shot(platformPage, 'reconcile-10-conflict-base-mine-theirs');
  await platformPage.emulateMedia({ colorScheme: 'dark' });
  await sync.choice('name', 'theirs').check();
  await shot(platformPage, 'reconcile-11-conflict-dark');

  await sync.choice('name', 'mine').check();
  await sync.button('Apply choices').click();
  await expect(sync.empty).toBeVisible();
  await expect(sync.headerConflicts).toHaveText('0 conflicts');
  await expect(sync.headerPending).toHaveText('0 pending', { timeout: 60_000 });
  await shot(platformPage, 'reconcile-12-conflict-resolved');

  // The admin's console receives the chosen name, and the retention merged earlier.
  await expect(theirs.name).toHaveValue('Globex Health (EU)', { timeout: 60_000 });
  await expect(theirs.retention).toHaveValue('400');
  expect(problems).toEqual([]);
});

test('once the cause is fixed, one refused grant is re-applied and another edited and re-submitted; both reach the server, and the audit log shows the decisions', async ({ browser, server }) => {
  const adminPage = await newPage(browser);
  const officerPage = await newPage(browser);
  const problems = [...watchProblems(adminPage), ...watchProblems(officerPage)];
  const MEMBER = 'member@globex.example';
  const reasons = { reapply: 'Member workflows for the engagement (re-apply e2e)', before: 'Read-only audit access (resubmit e2e)', after: 'Read-only audit access for the Q3 engagement (resubmit e2e)' };

  // The officer is a tenant admin for a while.
  await signInAndSync(adminPage, server.url, ADMIN);
  const admin = new UsersPage(adminPage);
  const makeOfficerAdmin = async (why: string): Promise<void> => {
    await admin.open();
    await admin.selectPerson(OFFICER);
    await admin.grantRole.selectOption({ label: 'Tenant admin' });
    await admin.grantReason.fill(why);
    await admin.grantButton.click();
    await expect(admin.changeBadge(why)).toHaveAttribute('data-change-status', 'synced', { timeout: 30_000 });
  };
  await makeOfficerAdmin('Covering for the admin (re-apply e2e)');

  await signInAndSync(officerPage, server.url, OFFICER);
  const sync = new SyncCenterPage(officerPage);
  const officer = new UsersPage(officerPage);
  await officer.open();
  await officer.selectPerson(OFFICER);
  await expect(officer.currentRole('Tenant admin')).toBeVisible({ timeout: 30_000 });

  // Offline (the console has noticed), two grants; meanwhile the admin revokes the officer's admin role.
  await officerPage.context().setOffline(true);
  await expect(officerPage.locator('.sync-status')).toHaveAttribute('data-connection', 'offline', { timeout: 30_000 });
  const grant = async (email: string, role: string, why: string): Promise<void> => {
    await officer.selectPerson(email);
    await officer.grantRole.selectOption({ label: role });
    await officer.grantReason.fill(why);
    await officer.grantButton.click();
    await expect(officer.currentRole(role).locator('.change-badge')).toHaveAttribute('data-change-status', 'saved-locally');
  };
  await grant(AUDITOR, 'Member', reasons.reapply);
  await grant(MEMBER, 'Auditor', reasons.before);
  await expect(sync.headerPending).toHaveText('2 pending');
  await admin.selectPerson(OFFICER);
  await admin.currentRole('Tenant admin').getByRole('button', { name: /Revoke/ }).click();
  await admin.revokeConfirm().getByLabel('Reason for revoking').fill('Cover paused (re-apply e2e)');
  await admin.revokeConfirm().getByRole('button', { name: 'Revoke', exact: true }).click();
  // The revoke must be on the server before the officer is back: found by its reason, since until the write
  // finishes the newest entry in the list is the earlier grant, long synced.
  await expect(admin.changeBadge('Cover paused (re-apply e2e)')).toHaveAttribute('data-change-status', 'synced', { timeout: 30_000 });

  // Back online: both refused.
  await officerPage.context().setOffline(false);
  await expect(sync.headerRejected).toHaveText('2 rejected', { timeout: 90_000 });

  // The cause is fixed: the admin gives the role back, and the officer's replica learns it.
  await makeOfficerAdmin('Cover resumed (re-apply e2e)');
  await officer.selectPerson(OFFICER);
  await expect(officer.currentRole('Tenant admin')).toBeVisible({ timeout: 60_000 });

  await sync.open();
  await expect(sync.items).toHaveCount(2);
  const memberItem = sync.items.filter({ hasText: 'Grant of "Member"' });
  const reapplyId = (await memberItem.getAttribute('data-document-id')) ?? '';
  await memberItem.click();
  await sync.button('Re-apply').click();
  await expect(sync.notice).toContainText('re-applied');
  await expect(sync.items).toHaveCount(1);

  const auditorItem = sync.items.filter({ hasText: 'Grant of "Auditor"' });
  const resubmitId = (await auditorItem.getAttribute('data-document-id')) ?? '';
  await auditorItem.click();
  await sync.button('Edit and re-submit').click();
  const form = sync.details.getByRole('form', { name: 'Edit the change' });
  await form.getByLabel('reason', { exact: true }).fill(reasons.after);
  await shot(officerPage, 'reconcile-13-resubmit-edited');
  await form.getByRole('button', { name: 'Submit again' }).click();
  await expect(sync.notice).toContainText('saved locally');
  await expect(sync.empty).toBeVisible();
  await expect(sync.headerRejected).toHaveText('0 rejected', { timeout: 60_000 });
  await expect(sync.headerPending).toHaveText('0 pending', { timeout: 60_000 });
  await sync.decided.locator('summary').click();
  await expect(sync.decided.locator('tr[data-decision="reapply"]')).toContainText('Grant of "Member"');
  await expect(sync.decided.locator('tr[data-decision="resubmit"]')).toContainText('Grant of "Auditor"');
  await shot(officerPage, 'reconcile-14-decided');

  // On the server: both grants, the second with the edited reason.
  await expect
    .poll(async () => {
      const { docs } = await pullAll<{ id: string; reason: string; _deleted: boolean }>(server.url, ADMIN, 'roleAssignments');
      const live = new Map(docs.filter((d) => !d._deleted).map((d) => [d.id, d.reason]));
      return [live.get(reapplyId), live.get(resubmitId)];
    }, { timeout: 60_000 })
    .toEqual([reasons.reapply, reasons.after]);

  // The audit log: refusal, decision and the accepted write, for each.
  const log = new AuditLogPage(officerPage);
  await officerPage.locator('.nav-item', { hasText: /^Audit log$/ }).click();
  await expect(log.rows.first()).toBeVisible();
  for (const [id, decision] of [[reapplyId, 'reconcile.reapply'], [resubmitId, 'reconcile.resubmit']] as const) {
    await log.search.fill(id);
    await expect.poll(async () => (await log.columnInView('Action')).sort(), { timeout: 30_000 }).toEqual([decision, 'roleAssignment.create', 'roleAssignment.denied'].sort());
  }
  await shot(officerPage, 'reconcile-15-audit-resubmit');
  expect(problems).toEqual([]);
});

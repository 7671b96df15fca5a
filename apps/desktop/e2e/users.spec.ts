/**
 * Users and roles end to end, against a real sync server with the demo
 * data: an admin grants a role and a second console (another browser
 * context, another person) sees it arrive without a reload; refused changes
 * (privilege escalation, the last tenant admin) are shown inline before
 * anything is sent; a revoke goes through; the Roles screen's matrix shows
 * direct, wildcard and inherited permissions and explains decisions.
 * Screens are saved to test-results/ to be looked at.
 */
import { expect, type Browser, type Page } from 'playwright/test';
import { ConnectPage } from './pages/connect-page.ts';
import { shot, watchProblems } from './pages/session.ts';
import { RolesPage } from './pages/roles-page.ts';
import { UsersPage } from './pages/users-page.ts';
import { test } from './fixtures/steward-server.ts';

const PASSWORD = 'steward-demo-2026';
const SYNC_MS = 60_000;



/** Bodies of the role-assignment pushes this page sends. */
function watchAssignmentPushes(page: Page): string[] {
  const pushes: string[] = [];
  page.on('request', (request) => {
    const body = request.postData() ?? '';
    if (request.url().includes('sync.push') && body.includes('roleAssignments')) pushes.push(body);
  });
  return pushes;
}

async function signedIn(page: Page, url: string, email: string): Promise<UsersPage> {
  const connect = new ConnectPage(page);
  await connect.open(`${url}/`);
  await connect.signIn(email, PASSWORD);
  const users = new UsersPage(page);
  await users.open();
  await expect(users.people).toBeVisible({ timeout: SYNC_MS });
  return users;
}

async function secondConsole(browser: Browser, url: string, email: string): Promise<{ page: Page; users: UsersPage; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const users = await signedIn(page, url, email);
  return { page, users, close: () => context.close() };
}

const MEMBER = 'member@acme.example';

test('an admin grants a role that a second console sees arrive live; an escalating grant is refused before anything is sent', async ({ page, browser, server }) => {
  const problems = watchProblems(page);
  const pushes = watchAssignmentPushes(page);
  const admin = await signedIn(page, server.url, 'admin@acme.example');
  const officer = await secondConsole(browser, server.url, 'officer@acme.example');
  const officerProblems = watchProblems(officer.page);

  await admin.selectPerson(MEMBER);
  await officer.users.selectPerson(MEMBER);
  await expect(officer.users.readOnlyNote).toContainText('role:assign');
  await expect(officer.users.grantForm).toHaveCount(0);
  await expect(officer.users.currentRole('Change approver')).toHaveCount(0);

  // Compliance officer holds audit:review and audit:export, which a tenant admin lacks: refused as it is picked.
  await admin.grantRole.selectOption({ label: 'Compliance officer' });
  await expect(admin.grantIssues).toContainText('Privilege escalation');
  await expect(admin.grantIssues).toContainText('audit:review');
  await admin.grantReason.fill('Cover the quarterly access review');
  await expect(admin.grantButton).toBeDisabled();
  await admin.grantReason.press('Enter'); // submitting by keyboard is refused too
  await shot(page, 'users-grant-refused');
  await page.waitForTimeout(1_500);
  expect(pushes).toEqual([]);
  await expect(admin.changes).toHaveCount(0);
  await expect(admin.currentRole('Compliance officer')).toHaveCount(0);

  // A grant the admin may make: saved locally at once, synced, and seen by the officer's console without a reload.
  await admin.grantRole.selectOption({ label: 'Change approver' });
  await expect(admin.grantIssues).toHaveCount(0);
  const lastDay = `${new Date().getFullYear() + 1}-06-30`;
  await admin.grantLastDay.fill(lastDay);
  await admin.grantReason.fill('Release manager cover (e2e)');
  await expect(admin.grantButton).toBeEnabled();
  await admin.grantButton.click();
  const granted = admin.currentRole('Change approver');
  await expect(granted).toBeVisible();
  await expect(granted).toContainText('Release manager cover (e2e)');
  await expect(granted).toContainText(`${lastDay}, end of day`);
  await expect(granted.locator('.status-tag')).toHaveCount(0); // in force now, not "starts later"
  await expect(granted.locator('.change-badge')).toHaveAttribute('data-change-status', 'synced', { timeout: 20_000 });
  await expect(admin.changes).toContainText('Granted Change approver to');
  await expect(admin.changes.locator('.change-badge')).toHaveAttribute('data-change-status', 'synced');
  expect(pushes.length).toBeGreaterThan(0);
  await expect(admin.grantRole).toHaveValue('');
  await shot(page, 'users-granted');

  const seen = officer.users.currentRole('Change approver');
  await expect(seen).toBeVisible({ timeout: 20_000 });
  await expect(seen).toContainText('Release manager cover (e2e)');
  await expect(seen).toContainText(`${lastDay}, end of day`);
  await shot(officer.page, 'users-live-in-second-console');

  // Keyboard: the list moves with the arrow keys.
  await admin.search.fill('');
  await admin.people.focus();
  await page.keyboard.press('Home');
  await expect(admin.people.locator('[aria-selected="true"]')).toHaveCount(1);
  const first = await admin.people.locator('[aria-selected="true"]').textContent();
  await page.keyboard.press('ArrowDown');
  await expect(admin.people.locator('[aria-selected="true"]')).not.toHaveText(first ?? '');

  // Roles: the matrix tells direct, wildcard and inherited apart; explain says which grant gives what.
  const roles = new RolesPage(page);
  await roles.open();
  await expect(roles.legend).toBeVisible();
  await expect(roles.cell('Security analyst', 'audit:read')).toHaveAttribute('data-kind', 'direct');
  await expect(roles.cell('Security analyst', 'workflow:request')).toHaveAttribute('data-kind', 'inherited');
  await expect(roles.cell('Tenant admin', 'user:delete')).toHaveAttribute('data-kind', 'wildcard');
  await expect(roles.cell('Tenant admin', 'audit:review')).toHaveAttribute('data-kind', 'none');
  await expect(roles.cell('Platform admin', 'tenant:create')).toHaveAttribute('data-kind', 'wildcard');
  await shot(page, 'roles-matrix');

  await roles.explain(MEMBER, 'workflow:approve');
  await expect(roles.verdict).toHaveAttribute('data-allowed', 'true');
  await expect(roles.verdict).toContainText('"Change approver" grant');
  await expect(roles.verdict).toContainText('Release manager cover (e2e)');
  await shot(page, 'roles-explain-yes');
  await roles.explain(MEMBER, 'audit:export');
  await expect(roles.verdict).toHaveAttribute('data-allowed', 'false');
  await expect(roles.verdict).toContainText('does not include audit:export');
  await expect(roles.verdict).toContainText('Roles here that include it:');
  await shot(page, 'roles-explain-no');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'roles-dark');
  await officer.page.emulateMedia({ colorScheme: 'dark' });
  await shot(officer.page, 'users-dark');

  await officer.close();
  expect(problems).toEqual([]);
  expect(officerProblems).toEqual([]);
});

test('the last tenant admin cannot revoke their own admin role; another revoke goes through and syncs', async ({ page, server }) => {
  const problems = watchProblems(page);
  const pushes = watchAssignmentPushes(page);
  const admin = await signedIn(page, server.url, 'admin@initech.example');

  await admin.selectPerson('admin@initech.example');
  await admin.currentRole('Tenant admin').getByRole('button', { name: /Revoke/ }).click();
  const confirm = admin.revokeConfirm();
  await expect(confirm.locator('.issue-list')).toContainText('Last administrator');
  await expect(confirm.locator('.issue-list')).toContainText('without an administrator');
  await expect(confirm.getByRole('button', { name: 'Revoke', exact: true })).toBeDisabled();
  await shot(page, 'users-revoke-last-admin');
  await page.waitForTimeout(1_000);
  expect(pushes).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(admin.currentRole('Tenant admin')).toBeVisible();

  // Separation of duties: the auditor cannot also be the tenant's admin.
  await admin.selectPerson('auditor@initech.example');
  await admin.grantRole.selectOption({ label: 'Tenant admin' });
  await expect(admin.grantIssues).toContainText('Separation of duties');
  await admin.grantReason.fill('Second admin for holidays');
  await expect(admin.grantButton).toBeDisabled();
  await shot(page, 'users-grant-separation-of-duties');
  expect(pushes).toEqual([]);

  await admin.selectPerson('member@initech.example');
  await admin.currentRole('Helpdesk').getByRole('button', { name: /Revoke/ }).click();
  await expect(confirm.locator('.issue-list')).toHaveCount(0);
  const revoke = confirm.getByRole('button', { name: 'Revoke', exact: true });
  await expect(revoke).toBeDisabled(); // no reason yet
  await confirm.getByLabel('Reason for revoking').fill('Service desk moved to the vendor (e2e)');
  await revoke.click();
  await expect(admin.currentRole('Helpdesk')).toHaveCount(0);
  await expect(admin.changes).toContainText('Revoked Helpdesk from');
  await expect(admin.changes).toContainText('Service desk moved to the vendor (e2e)');
  await expect(admin.changeBadge('Service desk moved to the vendor (e2e)')).toHaveAttribute('data-change-status', 'synced', { timeout: 20_000 });
  expect(pushes.length).toBeGreaterThan(0);
  await shot(page, 'users-revoked');
  expect(problems).toEqual([]);

  // Offline: a grant is saved locally at once, says so, and syncs when the network is back.
  await page.context().setOffline(true);
  await admin.grantRole.selectOption({ label: 'Helpdesk' });
  await admin.grantReason.fill('Back on the service desk (offline e2e)');
  await expect(admin.grantButton).toBeEnabled();
  await admin.grantButton.click();
  const regranted = admin.currentRole('Helpdesk');
  await expect(regranted).toBeVisible();
  await expect(regranted.locator('.change-badge')).toHaveAttribute('data-change-status', 'saved-locally');
  await shot(page, 'users-saved-locally-offline');
  await page.waitForTimeout(1_000);
  await page.context().setOffline(false);
  await expect(regranted.locator('.change-badge')).toHaveAttribute('data-change-status', 'synced', { timeout: 60_000 });
  // The browser logs the requests that failed while offline; that is the point of the step.
  expect(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|network/i.test(p))).toEqual([]);
});

test('a platform admin picks any tenant and sees its people', async ({ page, server }) => {
  const problems = watchProblems(page);
  const platform = await signedIn(page, server.url, 'platform@steward.example');
  await expect(platform.tenant.locator('option')).toHaveText(['Acme Corporation', 'Globex Health', 'Initech']);
  await platform.tenant.selectOption({ label: 'Globex Health' });
  await expect(platform.people).toHaveAccessibleName('People in Globex Health');
  await expect(platform.person('officer@globex.example')).toBeVisible();
  await expect(platform.person('admin@acme.example')).toHaveCount(0);
  await platform.selectPerson('officer@globex.example');
  await expect(platform.currentRole('Compliance officer')).toBeVisible();
  await expect(platform.grantForm).toBeVisible();
  expect(problems).toEqual([]);
});

test('a grant made offline that the server refuses on reconnect shows as rejected, with the reason, where it was made', async ({ page, browser, server }) => {
  const admin = await signedIn(page, server.url, 'admin@acme.example');
  const platform = await secondConsole(browser, server.url, 'platform@steward.example');

  // Offline (once the first sync is done), the admin grants a role they may grant as far as their replica knows.
  await expect(page.locator('.sync-status')).toHaveAttribute('data-initial-sync-ms', /^\d+$/, { timeout: 120_000 });
  await admin.selectPerson('member@acme.example');
  await page.context().setOffline(true);
  await admin.grantRole.selectOption({ label: 'Security analyst' });
  await admin.grantReason.fill('Incident rota (granted offline, e2e)');
  await expect(admin.grantButton).toBeEnabled();
  await admin.grantButton.click();
  const change = admin.changes.locator('li', { hasText: 'Granted Security analyst' });
  await expect(change.locator('.change-badge')).toHaveAttribute('data-change-status', 'saved-locally');

  // Meanwhile platform staff revoke that admin's own admin role (Acme keeps its other admin).
  await expect(platform.users.tenant).toHaveValue(await platform.users.tenant.locator('option', { hasText: 'Acme Corporation' }).getAttribute('value') ?? '');
  await platform.users.selectPerson('admin@acme.example');
  await platform.users.currentRole('Tenant admin').getByRole('button', { name: /Revoke/ }).click();
  const confirm = platform.users.revokeConfirm();
  await confirm.getByLabel('Reason for revoking').fill('Moved to the finance team (e2e)');
  await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(platform.users.changes.locator('.change-badge')).toHaveAttribute('data-change-status', 'synced', { timeout: 20_000 });

  // Back online, the server judges the grant with the roles the admin holds now, and refuses it.
  await page.context().setOffline(false);
  // Push retries with backoff (up to 30 s) after the network is back.
  await expect(change.locator('.change-badge')).toHaveAttribute('data-change-status', 'rejected', { timeout: 90_000 });
  // The admin held no other role there, so the server says the tenant is out of their reach.
  await expect(change).toContainText(/no access to|may not role:assign/);
  // Acme's data left this device with the admin's only role; the refused change is still shown where it was made.
  await expect(page.getByRole('heading', { name: 'No tenant to show' })).toBeVisible({ timeout: 20_000 });
  await expect(change.locator('.change-badge')).toHaveAttribute('data-change-status', 'rejected');
  await shot(page, 'users-rejected');
  await platform.close();
});

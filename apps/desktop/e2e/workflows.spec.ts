/**
 * Approvals end to end, two people on two devices against one real server:
 * an Acme admin requests access; the request syncs; the admin sees Approve
 * disabled on their own request with the domain's reason; a compliance
 * officer finds it in their inbox, approves it with a comment while offline
 * (saved locally), reconnects (synced), rejects another request (a comment
 * is required), and the history shows who decided what and when. Screens are saved to test-results/.
 */
import { expect } from 'playwright/test';
import { test } from './fixtures/steward-server.ts';
import { ApprovalsPage } from './pages/approvals-page.ts';
import { shot, signInAndSync, watchProblems } from './pages/session.ts';



test('a request is approved by an officer, never by its requester, and lands in the history', async ({ browser, server }) => {
  const summary = `Tenant admin for the e2e incident ${Date.now()}`;
  const adminContext = await browser.newContext();
  const officerContext = await browser.newContext();
  try {
    // The requester: an admin (who holds workflow:approve, so only separation of duties stops them).
    const adminPage = await adminContext.newPage();
    const adminProblems = watchProblems(adminPage);
    await signInAndSync(adminPage, server.url, 'admin@acme.example');
    const admin = new ApprovalsPage(adminPage);
    await admin.open();
    await admin.request(summary, 'INC-E2E-1', 'Database failover needs admin rights.');
    await expect(admin.tab('My requests')).toHaveAttribute('aria-selected', 'true');
    await expect(admin.details).toContainText(summary);
    await expect(admin.changeStatus).toHaveText('Synced', { timeout: 30_000 });
    await expect(admin.approve).toBeDisabled();
    await expect(admin.reject).toBeDisabled();
    await expect(admin.blockedReasons).toContainText('You requested this request and so cannot approve it; another approver must.');
    await expect(admin.approve).toHaveAttribute('aria-describedby', /.+/);
    await shot(adminPage, 'workflows-01-own-request-blocked');

    // The approver: a compliance officer on another device.
    const officerPage = await officerContext.newPage();
    const officerProblems = watchProblems(officerPage);
    await signInAndSync(officerPage, server.url, 'officer@acme.example');
    const officer = new ApprovalsPage(officerPage);
    await officer.open();
    await expect(officer.tab('Inbox')).toHaveAttribute('aria-selected', 'true');
    await expect(officer.listItem(summary)).toBeVisible({ timeout: 30_000 });
    await shot(officerPage, 'workflows-02-inbox');
    await officer.listItem(summary).click();
    await expect(officer.details).toContainText('admin@acme.example');
    await expect(officer.approve).toBeEnabled();

    // Offline: the decision is checked and kept locally, and says so.
    await officerContext.setOffline(true);
    await officer.comment.fill('Proportionate to the incident; 72 h only.');
    await officer.approve.click();
    await expect(officer.changeStatus).toHaveText('Saved locally');
    await expect(officer.details.getByRole('list', { name: 'Approver chain' })).toContainText('Proportionate to the incident');
    await shot(officerPage, 'workflows-03-approved-offline');
    await officerContext.setOffline(false);
    await expect(officer.changeStatus).toHaveText('Synced', { timeout: 60_000 });
    await expect(officer.listItem(summary)).toHaveCount(0); // it left the inbox

    // Rejecting needs a comment; with one, it is recorded like an approval.
    const next = officer.page.locator('.run-list button.run-item').first();
    const nextSummary = (await next.locator('.run-summary').textContent()) ?? '';
    await next.click();
    await officer.reject.click();
    await expect(officer.details.getByRole('alert')).toContainText('comment is required');
    await officer.comment.fill('Use the read-only role; re-request with a change ticket.');
    await officer.reject.click();
    await expect(officer.changeStatus).toHaveText('Synced', { timeout: 30_000 });
    await expect(officer.details.locator('h2 .badge').first()).toHaveText('rejected');

    // The tabs answer the arrow keys.
    await officer.tab('Inbox').focus();
    await officerPage.keyboard.press('ArrowRight');
    await expect(officer.tab('My requests')).toHaveAttribute('aria-selected', 'true');
    await expect(officer.tab('My requests')).toBeFocused();

    await officer.showTab('History');
    await expect(officer.historyRow(nextSummary)).toContainText('Rejected');
    const row = officer.historyRow(summary);
    await expect(row).toBeVisible();
    await expect(row.locator('[title*="admin@acme.example"]')).toHaveCount(1); // requester, named; the email is in the tooltip
    await expect(row.locator('[title*="officer@acme.example"]')).toHaveCount(1); // the approver chain
    await expect(row).toContainText('Approved');
    await expect(row).toContainText('approved');
    await expect(row).toContainText('72 h only');
    await expect(row.locator('time')).toHaveCount(3); // closed, requested, decided
    await shot(officerPage, 'workflows-04-history');

    // The requester's device hears of the decision from the server.
    await expect(admin.details.getByRole('list', { name: 'Approver chain' })).toContainText('officer@acme.example', { timeout: 30_000 });
    await expect(admin.details.locator('h2 .badge').first()).toHaveText('approved');

    await officerPage.emulateMedia({ colorScheme: 'dark' });
    await shot(officerPage, 'workflows-05-history-dark');

    expect(adminProblems).toEqual([]);
    expect(officerProblems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/i.test(p))).toEqual([]);
  } finally {
    await adminContext.close();
    await officerContext.close();
  }
});

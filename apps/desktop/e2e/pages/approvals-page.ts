import { expect, type Locator, type Page } from 'playwright/test';

/** The approvals screen: tabs, run lists, the request details with the decision form, the history table. */
export class ApprovalsPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly newRequest: Locator;
  readonly details: Locator;
  readonly comment: Locator;
  readonly approve: Locator;
  readonly reject: Locator;
  readonly blockedReasons: Locator;
  readonly changeStatus: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Approvals', exact: true });
    this.newRequest = page.getByRole('button', { name: 'New request' });
    this.details = page.getByRole('complementary', { name: 'Request details' });
    this.comment = this.details.getByLabel('Comment');
    this.approve = this.details.getByRole('button', { name: 'Approve', exact: true });
    this.reject = this.details.getByRole('button', { name: 'Reject', exact: true });
    this.blockedReasons = this.details.getByRole('note', { name: 'Why you cannot decide' });
    this.changeStatus = this.details.locator('h2 .change-badge');
    this.history = page.getByRole('table', { name: 'Run history' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Approvals' }).click();
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByRole('tablist', { name: 'Requests' })).toBeVisible();
  }

  tab(name: 'Inbox' | 'My requests' | 'Other pending' | 'History'): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
  }

  async showTab(name: 'Inbox' | 'My requests' | 'Other pending' | 'History'): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** A run in the current list (inbox, own requests, other pending) by its summary. */
  listItem(summary: string): Locator {
    return this.page.locator('.run-list button.run-item').filter({ hasText: summary });
  }

  historyRow(summary: string): Locator {
    return this.history.locator('tbody tr').filter({ hasText: summary });
  }

  async request(summary: string, reference: string, justification: string): Promise<void> {
    await this.newRequest.click();
    const form = this.page.getByRole('complementary', { name: 'New request' });
    await form.getByLabel('Workflow').selectOption({ index: 0 });
    await form.getByLabel('What you ask for').fill(summary);
    await form.getByLabel('Ticket or reference').fill(reference);
    await form.getByLabel('Justification').fill(justification);
    await form.getByRole('button', { name: 'Submit request' }).click();
  }
}

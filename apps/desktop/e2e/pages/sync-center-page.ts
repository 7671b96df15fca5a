import { expect, type Locator, type Page } from 'playwright/test';

/** The Sync center (counts, the reconcile list, an item's details) and the header's sync counts. */
export class SyncCenterPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly summary: Locator;
  readonly list: Locator;
  readonly items: Locator;
  readonly details: Locator;
  readonly reason: Locator;
  readonly notice: Locator;
  readonly empty: Locator;
  readonly decided: Locator;
  readonly header: Locator;
  readonly headerPending: Locator;
  readonly headerRejected: Locator;
  readonly headerConflicts: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Sync center', exact: true });
    this.summary = page.getByLabel('Sync counts');
    this.list = page.getByRole('listbox', { name: /Waiting for you/ });
    this.items = this.list.getByRole('option');
    this.details = page.locator('article.reconcile-details');
    this.reason = this.details.locator('.reconcile-reason');
    this.notice = page.locator('.sync-notice');
    this.empty = page.getByRole('status').filter({ hasText: 'Nothing to reconcile' });
    this.decided = page.locator('details.decided-list');
    this.header = page.locator('.app-header');
    this.headerPending = page.locator('.sync-status [data-count="pending"]');
    this.headerRejected = page.locator('.sync-status [data-count="rejected"]');
    this.headerConflicts = page.locator('.sync-status [data-count="conflicts"]');
  }

  async open(): Promise<void> {
    await this.page.locator('.nav-item', { hasText: /^Sync center$/ }).click();
    await expect(this.heading).toBeVisible();
  }

  count(which: 'pending' | 'rejected' | 'conflicts'): Locator {
    return this.summary.locator(`[data-count="${which}"] .sync-count-value`);
  }

  button(name: string | RegExp): Locator {
    return this.details.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** The radio for one conflicting field and side (base, mine or theirs). */
  choice(field: string, side: 'base' | 'mine' | 'theirs'): Locator {
    return this.details.locator(`tr[data-field="${field}"] input[type="radio"][value="${side}"]`);
  }
}

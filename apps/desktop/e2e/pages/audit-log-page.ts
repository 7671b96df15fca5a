import { expect, type Locator, type Page } from 'playwright/test';

/** The audit log screen and the header above it. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly outcome: Locator;
  readonly action: Locator;
  readonly count: Locator;
  readonly syncStatus: Locator;
  readonly signOut: Locator;
  readonly details: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Audit log', exact: true });
    this.grid = page.getByRole('grid', { name: 'Audit events' });
    this.rows = this.grid.locator('tbody tr');
    this.search = page.getByLabel('Search');
    this.outcome = page.getByLabel('Outcome');
    this.action = page.getByLabel('Action');
    this.count = page.locator('.toolbar .count');
    this.syncStatus = page.locator('.sync-status');
    this.signOut = page.getByRole('button', { name: 'Sign out' });
    this.details = page.getByRole('complementary', { name: 'Event details' });
  }

  /** Waits until the first full sync has finished and returns how long it took, as the app measured it. */
  async waitForInitialSync(timeoutMs: number): Promise<number> {
    await expect(this.syncStatus).toHaveAttribute('data-initial-sync-ms', /^\d+$/, { timeout: timeoutMs });
    return Number(await this.syncStatus.getAttribute('data-initial-sync-ms'));
  }

  /** The number of events the toolbar says are shown ("1,234 of 29,930 events" → 1234). */
  async shownCount(): Promise<number> {
    const text = (await this.count.textContent()) ?? '';
    return Number((/^([\d,]+)/.exec(text)?.[1] ?? 'NaN').replaceAll(',', ''));
  }

  outcomesInView(): Promise<string[]> {
    return this.rows.locator('td:nth-child(5)').allTextContents();
  }

  columnInView(index: number): Promise<string[]> {
    return this.rows.locator(`td:nth-child(${index})`).allTextContents();
  }

  sortButton(name: string): Locator {
    return this.grid.getByRole('columnheader', { name }).getByRole('button');
  }
}

import { expect, type Locator, type Page } from 'playwright/test';
import { settledReading } from './settled-reading.ts';

const DATA_COLUMNS = ['Time', 'Actor', 'Action', 'Resource', 'Outcome', 'Flags'];

/** The audit log screen and the header above it. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly outcome: Locator;
  readonly action: Locator;
  readonly actor: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly savedView: Locator;
  readonly columns: Locator;
  readonly bulkBar: Locator;
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
    this.search = page.getByLabel('Search', { exact: true });
    this.outcome = page.getByLabel('Outcome', { exact: true });
    this.action = page.getByLabel('Action', { exact: true });
    this.actor = page.getByLabel('Actor', { exact: true });
    this.from = page.getByLabel('From', { exact: true });
    this.to = page.getByLabel('To', { exact: true });
    this.savedView = page.getByLabel('Saved view', { exact: true });
    this.columns = page.getByRole('button', { name: /^Columns/ });
    this.bulkBar = page.getByRole('region', { name: 'Bulk review' });
    this.count = page.locator('.toolbar .count');
    this.syncStatus = page.locator('.sync-status');
    this.signOut = page.getByRole('button', { name: 'Sign out' });
    this.details = page.getByRole('complementary', { name: 'Event details' });
  }

  /** Waits until the first full sync has finished and the table shows what it wrote; returns how long the sync took, as the app measured it. */
  async waitForInitialSync(timeoutMs: number): Promise<number> {
    await expect(this.syncStatus).toHaveAttribute('data-initial-sync-ms', /^\d+$/, { timeout: timeoutMs });
    await settledReading(this.page, async () => (await this.count.textContent()) ?? '', 1_000);
    return Number(await this.syncStatus.getAttribute('data-initial-sync-ms'));
  }

  /** The number of events the toolbar says are shown ("1,234 of 29,930 events" → 1234). */
  async shownCount(): Promise<number> {
    const text = (await this.count.textContent()) ?? '';
    return Number((/^([\d,]+)/.exec(text)?.[1] ?? 'NaN').replaceAll(',', ''));
  }

  outcomesInView(): Promise<string[]> {
    return this.columnInView('Outcome');
  }

  /**
   * The texts of one column in the rows rendered now, by its header — or by
   * its 1-based place among the data columns (1 Time, 2 Actor, 3 Action,
   * 4 Resource, 5 Outcome, 6 Flags), whatever columns are shown around them.
   */
  async columnInView(column: string | number): Promise<string[]> {
    const name = typeof column === 'number' ? (DATA_COLUMNS[column - 1] ?? `#${column}`) : column;
    const headers = (await this.grid.locator('thead th').allTextContents()).map((text) => text.replace(/[▲▼]/g, '').trim());
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`No column "${name}" among ${headers.join(', ')}`);
    return this.rows.locator(`td:nth-child(${index + 1})`).allTextContents();
  }

  /** The UTC timestamps of the rows rendered now. */
  timesInView(): Promise<string[]> {
    return this.rows.locator('time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  }

  row(index: number): Locator {
    return this.rows.nth(index);
  }

  /** The event id of the row rendered at `index`. */
  async eventIdOf(index: number): Promise<string> {
    const id = (await this.rows.nth(index).getAttribute('id')) ?? '';
    if (!id.startsWith('audit-row-')) throw new Error(`row ${index} has no event id`);
    return id.slice('audit-row-'.length);
  }

  sortButton(name: string): Locator {
    return this.grid.getByRole('columnheader', { name }).getByRole('button');
  }
}

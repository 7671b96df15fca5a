import { expect, type Download, type Locator, type Page } from 'playwright/test';

/** The reports screen: definitions and templates to pick, the parameters form, the result with its downloads. */
export class ReportsPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly picker: Locator;
  readonly form: Locator;
  readonly run: Locator;
  readonly result: Locator;
  readonly record: Locator;
  readonly recordStatus: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Reports', exact: true });
    this.picker = page.getByRole('navigation', { name: 'Reports to run' });
    this.form = page.getByRole('form', { name: 'Report parameters' });
    this.run = this.form.getByRole('button', { name: 'Run locally' });
    this.result = page.locator('article.report-result');
    this.record = this.result.getByRole('button', { name: 'Record this run' });
    this.recordStatus = this.result.locator('.report-record .change-badge');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click();
    await expect(this.heading).toBeVisible();
    await expect(this.picker).toBeVisible();
  }

  async pick(name: string): Promise<void> {
    await this.picker.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  }

  table(name: string): Locator {
    return this.result.getByRole('table', { name, exact: true });
  }

  /** Clicks a download button and returns the browser's download. */
  async download(format: 'PDF' | 'CSV' | 'XLSX' | 'JSON'): Promise<Download> {
    const started = this.page.waitForEvent('download');
    await this.result.getByRole('button', { name: `Download ${format}` }).click();
    return started;
  }
}

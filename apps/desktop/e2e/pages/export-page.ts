import { expect, type Download, type Locator, type Page } from 'playwright/test';

/** The Evidence export screen: the scope form, the preview, the progress and the summary. */
export class ExportPage {
  readonly heading: Locator;
  readonly tenant: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly actions: Locator;
  readonly report: Locator;
  readonly submit: Locator;
  readonly preview: Locator;
  readonly previewEvents: Locator;
  readonly previewProven: Locator;
  readonly summary: Locator;
  readonly verifyCommand: Locator;
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Evidence export', exact: true });
    this.tenant = page.getByLabel('Tenant', { exact: true });
    this.from = page.getByLabel('From (inclusive, your time)');
    this.to = page.getByLabel('To (exclusive, your time)');
    this.actions = page.getByLabel('Actions (optional)');
    this.report = page.getByLabel('Report to include (PDF)');
    this.submit = page.getByRole('form', { name: 'What to export' }).getByRole('button', { name: /^Export/ });
    this.preview = page.getByRole('region', { name: 'Preview' });
    this.previewEvents = page.getByTestId('preview-events');
    this.previewProven = page.getByTestId('preview-proven');
    this.summary = page.getByRole('region', { name: 'Export summary' });
    this.verifyCommand = page.getByTestId('verify-command');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Export/ }).click();
    await expect(this.heading).toBeVisible();
  }

  /** A number shown in the preview or summary ("1,234" → 1234). */
  static count(text: string | null): number {
    return Number((text ?? '').replace(/[^\d]/g, ''));
  }

  /** Starts the export and waits for the browser's download of the bundle. */
  async exportAndDownload(): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 120_000 });
    await this.submit.click();
    return download;
  }
}

import { expect, type Locator, type Page } from 'playwright/test';

/** The Tenants screen: the list of tenant cards and the settings of the one opened. */
export class TenantsPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly editor: Locator;
  readonly colour: Locator;
  readonly newFlag: Locator;
  readonly addFlag: Locator;
  readonly save: Locator;
  readonly status: Locator;
  readonly readOnly: Locator;
  readonly formError: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Tenants', exact: true });
    this.editor = page.locator('.tenant-editor');
    this.colour = this.editor.getByLabel('Branding colour', { exact: true });
    this.newFlag = this.editor.getByLabel('New feature flag');
    this.addFlag = this.editor.getByRole('button', { name: 'Add flag' });
    this.save = this.editor.getByRole('button', { name: 'Save changes' });
    this.status = this.editor.locator('[data-change-status]');
    this.readOnly = this.editor.locator('.tenant-read-only');
    this.formError = this.editor.locator('.tenant-field-error');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tenants' }).click();
    await expect(this.heading).toBeVisible();
  }

  card(slug: string): Locator {
    return this.page.locator(`.tenant-card[data-tenant="${slug}"]`);
  }

  flag(key: string): Locator {
    return this.editor.getByRole('checkbox', { name: key, exact: true });
  }
}

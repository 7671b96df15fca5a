import { expect, type Locator, type Page } from 'playwright/test';

/** The Roles and permissions screen: the matrix, its legend and the explain panel. */
export class RolesPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly tenant: Locator;
  readonly matrix: Locator;
  readonly legend: Locator;
  readonly explainPanel: Locator;
  readonly explainPerson: Locator;
  readonly explainPermission: Locator;
  readonly verdict: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Roles and permissions', exact: true });
    this.tenant = page.getByLabel('Tenant', { exact: true });
    this.matrix = page.getByRole('table', { name: 'Roles and their permissions' });
    this.legend = page.getByRole('list', { name: 'Legend' });
    this.explainPanel = page.locator('.explain-panel');
    this.explainPerson = this.explainPanel.getByLabel('Person');
    this.explainPermission = this.explainPanel.getByLabel('Permission');
    this.verdict = this.explainPanel.locator('.verdict');
  }

  async open(): Promise<void> {
    await this.page.locator('.nav-item', { hasText: /^Roles$/ }).click();
    await expect(this.heading).toBeVisible();
  }

  /** The matrix cell of a role (row, by name) and a permission (column). */
  cell(roleName: string, permission: string): Locator {
    return this.matrix.locator(`tbody tr[data-role="${roleName}"] td[data-permission="${permission}"]`);
  }

  /** Picks the person whose option mentions `email`, and a permission. */
  async explain(email: string, permission: string): Promise<void> {
    const value = await this.explainPerson.locator('option', { hasText: email }).getAttribute('value');
    if (value === null) throw new Error(`${email} is not in the explain panel's list of people`);
    await this.explainPerson.selectOption(value);
    await this.explainPermission.selectOption(permission);
  }
}

import { expect, type Locator, type Page } from 'playwright/test';

/** The Users and roles screen: tenant, people, one person's roles, the grant form and the revoke confirmation. */
export class UsersPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly tenant: Locator;
  readonly search: Locator;
  readonly people: Locator;
  readonly detail: Locator;
  readonly currentRoles: Locator;
  readonly expiredRoles: Locator;
  readonly grantForm: Locator;
  readonly grantRole: Locator;
  readonly grantLastDay: Locator;
  readonly grantReason: Locator;
  readonly grantButton: Locator;
  readonly grantIssues: Locator;
  readonly changes: Locator;
  readonly readOnlyNote: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Users and roles', exact: true });
    this.tenant = page.getByLabel('Tenant', { exact: true });
    this.search = page.getByLabel('Search people');
    this.people = page.getByRole('listbox', { name: /^People in / });
    this.detail = page.locator('.user-detail');
    this.currentRoles = page.getByRole('table', { name: 'Current roles' });
    this.expiredRoles = page.getByRole('table', { name: 'Expired roles' });
    this.grantForm = page.locator('form.grant-form');
    this.grantRole = this.grantForm.getByLabel('Role', { exact: true });
    this.grantLastDay = this.grantForm.getByLabel('Last day (optional)');
    this.grantReason = this.grantForm.getByLabel('Reason', { exact: true });
    this.grantButton = this.grantForm.getByRole('button', { name: /Grant role|Granting/ });
    this.grantIssues = this.grantForm.locator('.issue-list');
    this.changes = page.getByRole('region', { name: 'Changes made here' });
    this.readOnlyNote = page.getByRole('note');
  }

  async open(): Promise<void> {
    await this.page.locator('.nav-item', { hasText: /^Users$/ }).click();
    await expect(this.heading).toBeVisible();
  }

  person(email: string): Locator {
    return this.people.getByRole('option').filter({ hasText: email });
  }

  /** Finds a person by email and selects them; their roles show on the right. */
  async selectPerson(email: string): Promise<void> {
    await this.search.fill(email);
    await this.person(email).click();
    await expect(this.detail.getByText(email, { exact: true })).toBeVisible();
  }

  /** The current-roles row of a role, by its exact name. */
  currentRole(roleName: string): Locator {
    return this.currentRoles.locator('tbody tr').filter({ has: this.page.locator('.role-name').getByText(roleName, { exact: true }) });
  }

  /**
   * The status badge of the change made here with this reason. Found by its
   * reason, not by position: until a write has finished, the newest entry in
   * the list is the previous change (often long synced).
   */
  changeBadge(reason: string): Locator {
    return this.changes.locator('li').filter({ hasText: reason }).locator('.change-badge');
  }

  revokeConfirm(): Locator {
    return this.page.locator('form.revoke-confirm');
  }
}

import { expect, type Locator, type Page } from 'playwright/test';

/** The sign-in screen, as a person sees it: labelled fields, a button, an alert. */
export class ConnectPage {
  readonly server: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly notice: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.server = page.getByLabel('Server');
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
    this.notice = page.getByRole('status').filter({ hasText: /Signed out|session has ended/ });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Sign in to your console' })).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}

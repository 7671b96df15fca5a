import { resolve } from 'node:path';
import { expect, type Page } from 'playwright/test';
import { ConnectPage } from './connect-page.ts';

export const DEMO_PASSWORD = 'steward-demo-2026';

/** Signs a demo account in and waits until the first full sync of its replica has finished. */
export async function signInAndSync(page: Page, serverUrl: string, email: string): Promise<void> {
  const connect = new ConnectPage(page);
  await connect.open(`${serverUrl}/`);
  await connect.signIn(email, DEMO_PASSWORD);
  const status = page.locator('.sync-status');
  await expect(status).toHaveAttribute('data-initial-sync-ms', /^\d+$/, { timeout: 120_000 });
}

const SHOTS = resolve(import.meta.dirname, '..', '..', 'test-results');

/** Saves a screenshot of the page as test-results/<name>.png, to be looked at. */
export const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

/** Console errors, CSP reports and page errors, which a test expects none of. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

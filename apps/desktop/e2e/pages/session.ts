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

/**
 * The start the profile scripts share: a fresh demo server
 * (e2e/fixtures/server-process.ts; the renderer must be built) and Debian's
 * Chromium with the e2e flags (CHROMIUM_FLAGS; STEWARD_CHROMIUM names another
 * binary); the platform admin's sign-in and first sync; and serving another
 * build of the renderer in place of the server's, to compare builds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_FLAGS } from '../e2e/playwright.config.ts';
import { startStewardServer, type StewardServerProcess } from '../e2e/fixtures/server-process.ts';

export interface ServerAndBrowser {
  readonly server: StewardServerProcess;
  readonly browser: Browser;
  /** Closes the browser, then stops the server. */
  readonly close: () => Promise<void>;
}

/** `serverArgs` go to steward-server after the defaults (e.g. `--demo-events 100000`). */
export async function startServerAndBrowser(serverArgs: readonly string[] = []): Promise<ServerAndBrowser> {
  const server = await startStewardServer(serverArgs);
  try {
    const browser = await chromium.launch({ executablePath: process.env['STEWARD_CHROMIUM'] ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    const close = async (): Promise<void> => {
      try {
        await browser.close();
      } finally {
        await server.stop();
      }
    };
    return { server, browser, close };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Signs in as the demo's platform admin (the click is `beforeClick`'s to observe) and waits for the first full sync. */
export async function signInAndSync(page: Page, serverUrl: string, beforeClick: (signIn: ReturnType<Page['getByRole']>) => Promise<void> = () => Promise.resolve()): Promise<void> {
  await page.goto(`${serverUrl}/`);
  await page.getByLabel('Email').fill('platform@steward.example');
  await page.getByLabel('Password').fill('steward-demo-2026');
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await beforeClick(signIn);
  await signIn.click();
  await page.locator('.sync-status[data-initial-sync-ms]').waitFor({ timeout: 300_000 });
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.wasm': 'application/wasm' };

/**
 * Serves the renderer from `dir()` (a build's `renderer` folder, from
 * `electron-vite build --outDir …`) instead of the server's out/renderer,
 * keeping the server's headers; null: what the server serves. Asked on
 * every request, so a script can switch builds between reloads.
 */
export async function serveRendererFrom(context: BrowserContext, serverUrl: string, dir: () => string | null): Promise<void> {
  await context.route(`${serverUrl}/**`, async (route) => {
    const from = dir();
    if (from === null) return route.continue();
    const path = new URL(route.request().url()).pathname;
    const document = route.request().resourceType() === 'document';
    if (!document && extname(path) === '') return route.continue();
    const file = join(from, document ? 'index.html' : path);
    if (!existsSync(file)) return route.continue();
    const original = await route.fetch();
    const headers: Record<string, string> = { ...original.headers(), 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    delete headers['content-length'];
    return route.fulfill({ status: 200, headers, body: readFileSync(file) });
  });
}

/**
 * The start the profile scripts share: a fresh demo server
 * (e2e/fixtures/server-process.ts; the renderer must be built) and Debian's
 * Chromium with the e2e flags (CHROMIUM_FLAGS; STEWARD_CHROMIUM names another
 * binary).
 */
import { chromium, type Browser } from 'playwright';
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

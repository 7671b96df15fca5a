/**
 * The real desktop app, launched through Playwright's Electron support:
 * the window is isolated and sandboxed, the renderer sees only the
 * preload's bridge, navigation and new windows are refused, IPC refuses
 * malformed messages, and the session secret round-trips through main.
 *
 * It needs the Electron binary, which the `electron` package downloads
 * lazily. Where that download could not happen (an offline machine), every
 * test here is skipped and says why.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from 'playwright/test';
import { ConnectPage } from './pages/connect-page.ts';

const DESKTOP = resolve(import.meta.dirname, '..');

/**
 * The Electron binary the `electron` package installed, or why there is
 * none. Resolved the way the package's own main module does (path.txt under
 * dist/, or ELECTRON_OVERRIDE_DIST_PATH) but without its side effect:
 * `require('electron')` starts a download when the binary is missing, and a
 * test should not reach for the network.
 */
function findElectronBinary(): { readonly path: string } | { readonly reason: string } {
  const packageDir = dirname(createRequire(join(DESKTOP, 'package.json')).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `${relative(DESKTOP, pathFile)} is missing: the electron package's download has not run here (pnpm exec install-electron, where the network allows)` };
  const executable = readFileSync(pathFile, 'utf8').trim();
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const path = override === undefined ? join(packageDir, 'dist', executable) : join(override, executable);
  if (!existsSync(path)) return { reason: `${path} does not exist` };
  return { path };
}

const binary = findElectronBinary();
const skipReason = 'reason' in binary ? `Electron binary not installed: ${binary.reason}` : null;

let app: ElectronApplication;
let page: Page;
let userData = '';

test.beforeAll(async () => {
  if (!('path' in binary)) {
    console.log(`electron-launch: every test skipped — ${skipReason}`);
    return;
  }
  if (!existsSync(join(DESKTOP, 'out', 'main', 'index.js'))) throw new Error('Build the app first: pnpm --filter @steward/desktop build');
  userData = mkdtempSync(join(tmpdir(), 'steward-electron-'));
  app = await electron.launch({
    executablePath: binary.path,
    // --no-sandbox: CI runs as root, where Chromium's OS sandbox cannot start (the renderer's own sandbox stays on).
    args: [DESKTOP, `--user-data-dir=${userData}`, '--no-sandbox', '--password-store=basic'],
    cwd: DESKTOP,
    timeout: 60_000,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  if (!('path' in binary)) return;
  await app.close();
  rmSync(userData, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(skipReason !== null, skipReason ?? '');
});

test('opens one window on the sign-in screen', async () => {
  await expect(page.getByRole('heading', { name: 'Sign in to your console' })).toBeVisible();
  expect(await page.title()).toBe('Steward');
  expect(new URL(page.url()).protocol).toBe('file:');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  await page.screenshot({ path: join(DESKTOP, 'test-results', 'electron-launch.png') });
});

// contextBridge refuses to expose anything without context isolation, so seeing the bridge proves it is on;
// window-options.test.ts pins the rest of the window's web preferences.
test('the renderer sees the bridge and nothing of Node', async () => {
  const seen = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown> & { steward?: Record<string, unknown> };
    return { require: typeof scope['require'], process: typeof scope['process'], bridge: scope.steward?.['platform'], methods: Object.keys(scope.steward ?? {}).sort() };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridge: 'electron', methods: ['deviceKeys', 'openExternal', 'platform', 'saveFile', 'secrets', 'versions'] });
});

test('navigation away from the app and new windows are refused', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => {
    const scope = globalThis as unknown as { open: (url: string) => unknown; location: { href: string } };
    const child = scope.open('https://steward.example/');
    scope.location.href = 'https://steward.example/';
    return child === null;
  });
  expect(opened).toBe(true);
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});

test('main refuses malformed IPC and keeps the session secret for the renderer', async () => {
  const outcome = await page.evaluate(async () => {
    type Bridge = { saveFile(request: unknown): Promise<unknown>; secrets: { set(k: string, v: string): Promise<void>; load(): Promise<{ values: Record<string, string> }>; remove(k: string): Promise<void> } };
    const bridge = (globalThis as unknown as { steward: Bridge }).steward;
    let refused = '';
    try {
      await bridge.saveFile({ suggestedName: '', bytes: 'not bytes', mime: 'text/csv' });
    } catch (error) {
      refused = String(error);
    }
    await bridge.secrets.set('steward.session', 'token-123');
    const loaded = (await bridge.secrets.load()).values['steward.session'] ?? null;
    await bridge.secrets.remove('steward.session');
    return { refused, loaded, after: (await bridge.secrets.load()).values['steward.session'] ?? null };
  });
  expect(outcome.refused).toMatch(/must be/);
  expect(outcome).toMatchObject({ loaded: 'token-123', after: null });
});

test('the sign-in form is usable from the keyboard', async () => {
  const connect = new ConnectPage(page);
  await connect.email.focus();
  await page.keyboard.type('officer@acme.example');
  await expect(connect.email).toHaveValue('officer@acme.example');
});

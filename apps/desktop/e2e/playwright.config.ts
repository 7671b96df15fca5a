/**
 * End-to-end tests of the web console in Debian's Chromium (never a
 * downloaded browser: `playwright install` is not part of this project).
 * fixtures/steward-server.ts starts a real sync server with the demo data,
 * serving the renderer that `electron-vite build` just wrote to out/renderer.
 *
 * Each spec file is its own project, so it runs in its own worker with its
 * own fresh demo server: specs change the demo data (grants, revocations,
 * renamed tenants) and must not see each other's changes.
 */
import { readdirSync } from 'node:fs';
import { defineConfig } from 'playwright/test';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: '.',
  projects: readdirSync(import.meta.dirname)
    .filter((file) => file.endsWith('.spec.ts'))
    .sort()
    .map((file) => ({ name: file.replace(/\.spec\.ts$/, ''), testMatch: file })),
  outputDir: '../test-results/e2e-artifacts',
  timeout: 150_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env['STEWARD_CHROMIUM'] ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS },
    viewport: { width: 1400, height: 860 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});

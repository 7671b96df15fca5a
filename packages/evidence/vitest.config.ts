import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

/**
 * The builder and verifier run in Node and in Debian's Chromium (the desktop
 * builds bundles in the browser); the command-line and stock-tool tests are
 * Node only.
 */
const NODE_ONLY = ['test/stock-tools.test.ts', 'src/node/**'];
const ISOMORPHIC = ['src/**/*.test.ts', 'test/round-trip.test.ts', 'test/tamper.test.ts', 'test/certificate-lifecycle.test.ts'];
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    projects: [
      { test: { name: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      {
        test: {
          name: 'chromium',
          include: ISOMORPHIC,
          exclude: NODE_ONLY,
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: process.env['STEWARD_CHROMIUM'] ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});

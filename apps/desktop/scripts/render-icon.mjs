#!/usr/bin/env node
/**
 * Renders resources/icon.svg to resources/icon.png (1024×1024, transparent)
 * in Debian's Chromium through Playwright, so the icon needs no image tool.
 * electron-builder turns icon.png into the .icns, .ico and Linux sizes.
 *
 * Usage: node scripts/render-icon.mjs
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const appDir = resolve(import.meta.dirname, '..');
const { chromium } = createRequire(join(appDir, 'package.json'))('playwright');
const svg = readFileSync(join(appDir, 'resources', 'icon.svg'), 'utf8').replace(/width="\d+" height="\d+"/, 'width="1024" height="1024"');
const browser = await chromium.launch({ executablePath: process.env['STEWARD_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
  await page.locator('svg').screenshot({ path: join(appDir, 'resources', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('resources/icon.png rendered from resources/icon.svg');

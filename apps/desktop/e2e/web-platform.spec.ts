/**
 * The web console's platform adapters in a real Chromium: device keys made
 * with WebCrypto and kept in IndexedDB must be non-extractable, sign
 * verifiably and survive a reload; saves must arrive as downloads. The
 * adapters are bundled with a small harness (src/renderer/src/platform/
 * web-platform.harness.ts) and served from a routed localhost origin (a
 * secure context, so WebCrypto is available); no sync server is needed.
 */
import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from 'playwright/test';
import { build } from 'vite';

const ORIGIN = 'http://localhost:4977';
const HARNESS = resolve(import.meta.dirname, '..', 'src', 'renderer', 'src', 'platform', 'web-platform.harness.ts');

let bundle = '';

test.beforeAll(async () => {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: HARNESS, formats: ['es'], fileName: 'harness' } },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results.flatMap((result) => ('output' in result ? result.output : [])).find((item) => item.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error('vite produced no harness bundle');
  bundle = chunk.code;
});

async function openHarness(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/harness.js') return route.fulfill({ contentType: 'text/javascript', body: bundle });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body><script type="module" src="/harness.js"></script></body></html>' });
  });
  await page.goto(`${ORIGIN}/`);
  await expect(page.locator('body[data-harness="ready"]')).toBeAttached();
}

type Call = (name: string, ...args: unknown[]) => Promise<unknown>;
const call = (page: Page): Call => (name, ...args) =>
  page.evaluate(
    ([method, parameters]) => (globalThis as unknown as { stewardHarness: Record<string, (...a: unknown[]) => Promise<unknown>> }).stewardHarness[method]?.(...parameters),
    [name, args] as const,
  );

function verifiesInNode(publicKey: number[], message: string, signature: number[]): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
  return verify(null, Buffer.from(message), key, Buffer.from(signature));
}

test('device keys: non-extractable in IndexedDB, verifiable signatures, kept across a reload, gone after remove', async ({ page }) => {
  await openHarness(page);
  const run = call(page);
  expect(await run('load', 'acme:officer')).toBeNull();

  const publicKey = (await run('create', 'acme:officer')) as number[];
  expect(publicKey).toHaveLength(32);

  const stored = await run('inspect', 'acme:officer');
  expect(stored).toEqual({
    stored: true,
    type: 'private',
    extractable: false,
    algorithm: 'Ed25519',
    usages: ['sign'],
    exports: { pkcs8: 'InvalidAccessError', jwk: 'InvalidAccessError', raw: 'InvalidAccessError' },
  });

  const signature = (await run('sign', 'acme:officer', 'manifest.json')) as number[];
  expect(signature).toHaveLength(64);
  expect(verifiesInNode(publicKey, 'manifest.json', signature)).toBe(true);
  expect(verifiesInNode(publicKey, 'manifest.jsoN', signature)).toBe(false);

  await page.reload();
  await expect(page.locator('body[data-harness="ready"]')).toBeAttached();
  expect(await run('load', 'acme:officer')).toEqual(publicKey);
  expect(verifiesInNode(publicKey, 'after reload', (await run('sign', 'acme:officer', 'after reload')) as number[])).toBe(true);

  await run('remove', 'acme:officer');
  expect(await run('load', 'acme:officer')).toBeNull();
  expect(await run('inspect', 'acme:officer')).toEqual({ stored: false });
});

test('saveFile hands the bytes to the browser as a download under a safe name', async ({ page }) => {
  await openHarness(page);
  const bytes = [...Buffer.from('event,outcome\nlogin,allowed\n')];
  const [download, result] = await Promise.all([page.waitForEvent('download'), call(page)('save', '../acme audit.csv', bytes, 'text/csv')]);
  expect(result).toEqual({ saved: true, location: null });
  expect(download.suggestedFilename()).toBe('acme audit.csv');
  expect([...(await readFile(await download.path()))]).toEqual(bytes);
});

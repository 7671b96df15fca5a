/** The web console served at `/`: content types, the strict CSP, SPA fallback, and no way out of the console folder. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConsoleDir } from '../src/console/default-console-dir.ts';
import { CONSOLE_CSP, resolveConsolePath } from '../src/console/serve-console.ts';
import { createServer, type StewardServer } from '../src/server.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

describe('resolveConsolePath', () => {
  const root = '/srv/console';
  it.each([
    ['/', '/srv/console'],
    ['/index.html', '/srv/console/index.html'],
    ['/assets/app-1a2b.js?v=1', '/srv/console/assets/app-1a2b.js'],
    ['/./assets//x.css', '/srv/console/assets/x.css'],
    ['/audit%20log', '/srv/console/audit log'],
  ])('maps %s inside the root', (url, expected) => {
    expect(resolveConsolePath(root, url)).toBe(expected);
  });

  it.each(['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/..%2fsecret', '/a%5c..%5c..%5csecret', '/a\\b', '/%00', '/%E0%A4%A', 'relative'])('refuses %s', (url) => {
    expect(resolveConsolePath(root, url)).toBeNull();
  });
});

describe('createServer({ consoleDir })', () => {
  let consoleDir: string;
  let db: TestDatabase;
  let steward: StewardServer;
  let url: string;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'steward-console-'));
    consoleDir = join(parent, 'renderer');
    mkdirSync(join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Steward</title>');
    writeFileSync(join(consoleDir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(consoleDir, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(parent, 'secret.txt'), 'do not serve');
    symlinkSync(join(parent, 'secret.txt'), join(consoleDir, 'assets', 'linked.txt'));
    db = createTestDatabase('sqlite');
    steward = await createServer({ config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir }, logger: false, consoleDir });
    url = await steward.start();
  });
  afterAll(async () => {
    await steward.stop();
    await db.dispose();
    rmSync(join(consoleDir, '..'), { recursive: true, force: true });
  });

  it('serves index.html at / with the strict CSP and hardening headers', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Steward</title>');
  });

  it('serves assets with their content types, cached as immutable', async () => {
    const js = await fetch(`${url}/assets/index-abc.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await fetch(`${url}/assets/index-abc.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const head = await fetch(`${url}/assets/index-abc.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('answers client-side routes with the app shell, and missing assets with 404', async () => {
    const route = await fetch(`${url}/audit/events`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Steward</title>');
    const missing = await fetch(`${url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  });

  it('never serves a file outside the console folder', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/assets/linked.txt']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('do not serve');
    }
  });

  it('leaves the API, health and metrics routes alone', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const me = await fetch(`${url}/trpc/auth.me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${url}/trpc`)).status).toBe(404);
  });

  it('refuses to start without a built console', async () => {
    const other = createTestDatabase('sqlite');
    try {
      await expect(createServer({ config: { port: 0, host: '127.0.0.1', db: other.url, dataDir: other.dataDir }, logger: false, consoleDir: join(other.dataDir, 'nope') })).rejects.toThrow(/no index.html/);
    } finally {
      await other.dispose();
    }
  });
});

describe('defaultConsoleDir', () => {
  it("finds the desktop renderer's build beside the server in a checkout, and nothing before it is built", () => {
    const checkout = mkdtempSync(join(tmpdir(), 'steward-checkout-'));
    try {
      const src = join(checkout, 'sync-server', 'src');
      mkdirSync(src, { recursive: true });
      expect(defaultConsoleDir(src)).toBeUndefined();
      mkdirSync(join(checkout, 'desktop', 'out', 'renderer'), { recursive: true });
      expect(defaultConsoleDir(src)).toBeUndefined();
      writeFileSync(join(checkout, 'desktop', 'out', 'renderer', 'index.html'), '<!doctype html>');
      expect(defaultConsoleDir(src)).toBe(join(checkout, 'desktop', 'out', 'renderer'));
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});

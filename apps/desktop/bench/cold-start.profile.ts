/// <reference types="node" />
/// <reference lib="dom" />
/**
 * Where the console's cold start goes: the same reload as
 * desktop.cold_start_to_audit_ms in console.bench.ts (platform admin, demo
 * seed fully synced, then reloads), printing for each reload the app's own
 * `steward:*` performance marks (src/renderer/src/perf/marks.ts), the
 * bundle's download/evaluation, and the first audit row; then the medians.
 * Not a .bench.ts file: the bench runner does not pick it up.
 *
 * Run (after building the renderer): node bench/cold-start.profile.ts [reloads=8]
 * STEWARD_TRACE=<file> also writes a Chromium trace of the last reload;
 * STEWARD_SHOTS=<dir> screenshots it while the rest is read and once all is;
 * STEWARD_CPU_PROFILE=<file.cpuprofile> writes its V8 CPU profile (DevTools opens it).
 */
import { median } from '@steward/bench';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { signInAndSync, startServerAndBrowser } from './server-and-browser.ts';

const RELOADS = Number(process.argv[2] ?? 8);
const PROBE = `(() => {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[role="grid"] tbody tr') !== null) { window.__firstAuditRowMs = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

type Figures = Record<string, number>;

async function figures(page: Page): Promise<Figures> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      out['nav:responseEnd'] = nav.responseEnd;
      out['nav:domContentLoaded'] = nav.domContentLoadedEventEnd;
    }
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (entry.name.endsWith('.js') && entry.name.includes('/assets/index-')) out['bundle:loaded'] = entry.responseEnd;
    }
    for (const mark of performance.getEntriesByType('mark')) if (mark.name.startsWith('steward:')) out[mark.name.slice(8)] = mark.startTime;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    if (paint) out['paint:first-contentful'] = paint.startTime;
    out['FIRST AUDIT ROW'] = (window as { __firstAuditRowMs?: number }).__firstAuditRowMs ?? NaN;
    return out;
  });
}

const { server, browser, close } = await startServerAndBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  await signInAndSync(page, server.url);
  console.error(`synced: ${await page.locator('.toolbar .count').textContent()}`);
  await context.addInitScript(PROBE);
  const runs: Figures[] = [];
  for (let i = 0; i <= RELOADS; i++) {
    const trace = process.env['STEWARD_TRACE'];
    const tracing = trace !== undefined && i === RELOADS;
    const cpuProfile = process.env['STEWARD_CPU_PROFILE'];
    const cdp = cpuProfile !== undefined && i === RELOADS ? await context.newCDPSession(page) : null;
    if (cdp !== null) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (tracing) await browser.startTracing(page, { path: trace, screenshots: true, categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
    await page.reload();
    await page.waitForFunction(() => (window as { __firstAuditRowMs?: number }).__firstAuditRowMs !== undefined, undefined, { timeout: 60_000 });
    const shots = process.env['STEWARD_SHOTS'];
    if (shots !== undefined && i === RELOADS) {
      await page.screenshot({ path: `${shots}/audit-reading-rest.png` });
      await page.locator('section.audit-log[aria-busy="false"]').waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${shots}/audit-all-read.png` });
    }
    // Let the rest of the load (and its marks) finish before the next reload.
    await page.waitForTimeout(Number(process.env['STEWARD_SETTLE_MS'] ?? 4000));
    if (tracing) await browser.stopTracing();
    if (cdp !== null && cpuProfile !== undefined) writeFileSync(cpuProfile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const run = await figures(page);
    if (i > 0) runs.push(run); // the first reload warms the bundle cache, as in console.bench.ts
    console.error(`reload ${i}: ${Object.entries(run).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k}=${Math.round(v)}`).join(' ')}`);
  }
  const names = [...new Set(runs.flatMap((run) => Object.keys(run)))];
  const rows = names.map((name) => [name, median(runs.map((run) => run[name]).filter((v): v is number => v !== undefined && !Number.isNaN(v)))] as const).sort((a, b) => a[1] - b[1]);
  console.log(`medians over ${runs.length} reloads (ms from navigation start):`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(28)} ${Math.round(ms).toString().padStart(6)}`);
  await context.close();
} finally {
  await close();
}

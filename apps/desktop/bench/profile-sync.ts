/// <reference types="node" />
/// <reference lib="dom" />
/**
 * Where the web console's initial sync spends its time (not a bench: no
 * figure is reported). Signs in as the platform admin against a fresh
 * `steward-server --seed demo` like console.bench.ts, and prints:
 *
 * - the pull requests per collection: count, first start, last end, bytes,
 *   the sum of server wait (time to first byte) and of download;
 * - the renderer's CPU profile (Chrome DevTools protocol), self time by
 *   function and by script, written to STEWARD_PROFILE_DIR when set;
 * - the server's CPU profile too, with STEWARD_PROFILE_DIR (node --cpu-prof).
 *
 * Run: node bench/profile-sync.ts (after building the renderer), through
 * the bench lock.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServerAndBrowser } from './server-and-browser.ts';

const PASSWORD = 'steward-demo-2026';
const PLATFORM_ADMIN = 'platform@steward.example';
const dir = process.env['STEWARD_PROFILE_DIR'];
const cpuProfile = process.env['STEWARD_PROFILE_CPU'] !== '0';
if (dir !== undefined) {
  mkdirSync(dir, { recursive: true });
  process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${dir}`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per function and per script of a V8 CPU profile. */
export function selfTimes(profile: CpuProfile): { byFunction: [string, number][]; byScript: [string, number][]; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const fn = new Map<string, number>();
  const script = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    const file = frame.url.split('/').at(-1) ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    script.set(file || frame.functionName, (script.get(file || frame.functionName) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, 30);
  return { byFunction: sorted(fn), byScript: sorted(script), totalMs: total };
}

function printSelf(title: string, profile: CpuProfile): void {
  const { byFunction, byScript, totalMs } = selfTimes(profile);
  console.log(`\n${title}: ${(totalMs / 1000).toFixed(1)} s sampled`);
  for (const [name, ms] of byScript.slice(0, 12)) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  console.log('  by function:');
  for (const [name, ms] of byFunction) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

/** CPU seconds (user + system) used so far by this process's descendants — the browser's processes and the server — by command. */
function descendantCpu(): Map<string, number> {
  const parentOf = new Map<number, number>();
  const stat = new Map<number, { comm: string; seconds: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = text.lastIndexOf(')');
      const fields = text.slice(close + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split(/[\0 ]/);
      const type = cmdline.find((arg) => arg.startsWith('--type='))?.slice(7) ?? (cmdline.some((arg) => arg.includes('steward-server')) ? 'server' : text.slice(text.indexOf('(') + 1, close));
      parentOf.set(Number(name), Number(fields[1]));
      stat.set(Number(name), { comm: type, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the process ended meanwhile
    }
  }
  const out = new Map<string, number>();
  for (const [pid, { comm, seconds }] of stat) {
    let up = parentOf.get(pid);
    while (up !== undefined && up !== process.pid && up > 1) up = parentOf.get(up);
    if (up === process.pid) out.set(comm, (out.get(comm) ?? 0) + seconds);
  }
  return out;
}

const { server, browser, close } = await startServerAndBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  // Counts IndexedDB requests per object store, with the time spent issuing them (structured clone included).
  await context.addInitScript(`(() => {
    const stats = (window.__idbStats = {});
    const wrap = (proto, kind, methods) => {
      for (const method of methods) {
        const original = proto[method];
        if (typeof original !== 'function') continue;
        proto[method] = function (...args) {
          const start = performance.now();
          try { return original.apply(this, args); } finally {
            const key = kind + ' ' + method;
            const entry = (stats[key] ??= { calls: 0, ms: 0 });
            entry.calls++; entry.ms += performance.now() - start;
          }
        };
      }
    };
    wrap(IDBObjectStore.prototype, 'store', ['put', 'add', 'get', 'getAll', 'getAllKeys', 'count', 'delete', 'openCursor']);
    wrap(IDBIndex.prototype, 'index', ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']);
    wrap(IDBDatabase.prototype, 'db', ['transaction']);
    wrap(IDBCursor.prototype, 'cursor', ['continue', 'advance']);
  })();`);
  const cdp = await context.newCDPSession(page);
  interface Pull {
    collection: string;
    start: number;
    end: number;
    bytes: number;
    waitMs: number;
    downloadMs: number;
  }
  const pulls: Pull[] = [];
  let t0 = 0;
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.endsWith('/sync.pull')) return;
    const input = JSON.parse(url.searchParams.get('input') ?? '{}') as { collection?: string };
    const timing = request.timing();
    void request.sizes().then((sizes) => {
      pulls.push({
        collection: input.collection ?? '?',
        start: timing.startTime - t0,
        end: timing.startTime + timing.responseEnd - t0,
        bytes: sizes.responseBodySize,
        waitMs: timing.responseStart - timing.requestStart,
        downloadMs: timing.responseEnd - timing.responseStart,
      });
    });
  });
  await page.goto(`${server.url}/`);
  await page.getByLabel('Email').fill(PLATFORM_ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  if (cpuProfile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const cpuBefore = descendantCpu();
  const loadBefore = loadavg()[0] ?? 0;
  t0 = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  const status = page.locator('.sync-status');
  await status.and(page.locator('[data-initial-sync-ms]')).waitFor({ timeout: 300_000 });
  const wall = Date.now() - t0;
  const ms = Number(await status.getAttribute('data-initial-sync-ms'));
  const cpuAfter = descendantCpu();
  console.log(`initial sync ${ms} ms (app), ${wall} ms from the click; load ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`);
  const cpu = [...cpuAfter].map(([comm, seconds]) => [comm, seconds - (cpuBefore.get(comm) ?? 0)] as const).filter(([, seconds]) => seconds > 0.05);
  console.log(`CPU seconds used meanwhile: ${cpu.map(([comm, seconds]) => `${comm} ${seconds.toFixed(1)}`).join(', ')}; total ${cpu.reduce((sum, [, seconds]) => sum + seconds, 0).toFixed(1)}`);
  if (cpuProfile) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    if (dir !== undefined) writeFileSync(join(dir, 'renderer.cpuprofile'), JSON.stringify(profile));
    printSelf('renderer', profile);
  }
  await new Promise((done) => setTimeout(done, 500));
  const idb = await page.evaluate(() => (window as { __idbStats?: Record<string, { calls: number; ms: number }> }).__idbStats ?? {});
  console.log('\nIndexedDB requests issued: store method, calls, ms spent issuing them');
  for (const [key, { calls, ms }] of Object.entries(idb).sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${key.padEnd(70)} ${String(calls).padStart(7)} ${ms.toFixed(0).padStart(7)} ms`);
  const byCollection = new Map<string, Pull[]>();
  for (const pull of pulls) byCollection.set(pull.collection, [...(byCollection.get(pull.collection) ?? []), pull]);
  console.log('\npulls: collection, requests, first start → last end (ms from the click), MB, Σ server wait, Σ download');
  for (const [collection, list] of [...byCollection].sort((a, b) => Math.min(...a[1].map((p) => p.start)) - Math.min(...b[1].map((p) => p.start)))) {
    const sum = (f: (p: Pull) => number): number => list.reduce((s, p) => s + f(p), 0);
    console.log(
      `  ${collection.padEnd(16)} ${String(list.length).padStart(4)}  ${Math.min(...list.map((p) => p.start)).toFixed(0).padStart(6)} → ${Math.max(...list.map((p) => p.end)).toFixed(0).padStart(6)}  ${(sum((p) => p.bytes) / 1e6).toFixed(1).padStart(6)} MB  wait ${sum((p) => p.waitMs).toFixed(0).padStart(6)}  dl ${sum((p) => p.downloadMs).toFixed(0).padStart(5)}`,
    );
  }
  if (process.env['STEWARD_PROFILE_GAPS'] === '1') {
    const audit = (byCollection.get('auditEvents') ?? []).sort((a, b) => a.start - b.start);
    console.log('\nauditEvents pulls: start, wait, download, gap before the next');
    audit.forEach((p, i) => console.log(`  ${p.start.toFixed(0).padStart(6)} wait ${p.waitMs.toFixed(0).padStart(5)} dl ${p.downloadMs.toFixed(0).padStart(4)} gap ${((audit[i + 1]?.start ?? p.end) - p.end).toFixed(0).padStart(5)}`));
  }
  await context.close();
} finally {
  await close();
}
if (dir !== undefined) {
  const serverProfile = readdirSync(dir).find((f) => f.startsWith('CPU.') && f.endsWith('.cpuprofile'));
  if (serverProfile !== undefined) printSelf('server', JSON.parse(readFileSync(join(dir, serverProfile), 'utf8')) as CpuProfile);
}

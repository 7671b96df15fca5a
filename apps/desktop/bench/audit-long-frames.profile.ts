/// <reference types="node" />
/// <reference lib="dom" />
/**
 * The main thread's long frames while the audit log opens: the same reload
 * as cold-start.profile.ts (platform admin, 50,000-event demo replica fully
 * synced, then reloads onto the audit log), with a PerformanceObserver for
 * 'long-animation-frame' entries from navigation start until every event is
 * read and shown. For each reload it prints the frames over 50 ms (start,
 * duration, blocking duration, their longest scripts) and the longest frame
 * after the first page was read (`steward:audit-first-page-read`), which
 * includes reading the full event set, and the longest that started after
 * it was read (`steward:audit-all-read`): what the screen does with it; then
 * the medians per build.
 * Not a .bench.ts file: the bench runner does not pick it up.
 *
 * Run (after building the renderer): node bench/audit-long-frames.profile.ts [reloads=5]
 * STEWARD_RENDERERS=name=<dir>,name=<dir>: compare builds (`electron-vite build --outDir <x>`, dir <x>/renderer),
 * reloading each in turn, so every build sees the same replica and the same machine load.
 * STEWARD_CPU_PROFILE=<prefix>: a V8 CPU profile of one more reload of each build (<prefix>-<name>.cpuprofile),
 * with the self and total time per function inside each long frame after the first page (the profiler slows it down).
 */
import { median } from '@steward/bench';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { serveRendererFrom, signInAndSync, startServerAndBrowser } from './server-and-browser.ts';

const RELOADS = Number(process.argv[2] ?? 5);
const LONG_MS = 50;

interface Build {
  readonly name: string;
  /** null: what the server serves (out/renderer). */
  readonly dir: string | null;
}

const builds: Build[] = (process.env['STEWARD_RENDERERS'] ?? 'served=')
  .split(',')
  .map((pair) => {
    const [name = '', dir = ''] = pair.split('=');
    return { name, dir: dir === '' ? null : dir };
  });

const OBSERVE = `(() => {
  window.__loafs = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__loafs.push({
      start: e.startTime, duration: e.duration, blocking: e.blockingDuration, renderStart: e.renderStart, styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, duration: s.duration, forcedStyleAndLayout: s.forcedStyleAndLayoutDuration })),
    });
  }).observe({ type: 'long-animation-frame', buffered: true });
})();`;

interface Loaf {
  readonly start: number;
  readonly duration: number;
  readonly blocking: number;
  readonly renderStart: number;
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly { invoker: string; fn: string; duration: number; forcedStyleAndLayout: number }[];
}

interface Reload {
  readonly marks: Readonly<Record<string, number>>;
  readonly loafs: readonly Loaf[];
}


async function reload(page: Page): Promise<Reload> {
  await page.reload();
  await page.locator('section.audit-log[aria-busy="false"] [role="grid"] tbody tr').first().waitFor({ timeout: 60_000 });
  // Frames are reported when they end; give the last ones (and any late redraw) time.
  await page.waitForTimeout(Number(process.env['STEWARD_SETTLE_MS'] ?? 2500));
  return page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const mark of performance.getEntriesByType('mark')) if (mark.name.startsWith('steward:')) marks[mark.name.slice(8)] = mark.startTime;
    return { marks, loafs: (window as unknown as { __loafs: Loaf[] }).__loafs };
  });
}

const afterFirstPage = (run: Reload): Loaf[] => run.loafs.filter((loaf) => loaf.start + loaf.duration >= (run.marks['audit-first-page-read'] ?? Infinity));
/** Frames that start once the full set has been read (the read itself, replica/bulk-read.ts, is in the frame before): what the screen does with it. */
const afterAllRead = (run: Reload): Loaf[] => run.loafs.filter((loaf) => loaf.start >= (run.marks['audit-all-read'] ?? Infinity));
const longest = (loafs: readonly Loaf[]): number => Math.max(0, ...loafs.map((loaf) => loaf.duration));

function describe(run: Reload): string {
  const m = (name: string): string => String(Math.round(run.marks[name] ?? NaN));
  const lines = [`first page read ${m('audit-first-page-read')}, all read ${m('audit-all-read')}, all rows built ${m('audit-all-rows-built')}; longest frame after the first page ${longest(afterFirstPage(run)).toFixed(0)} ms, after all was read ${longest(afterAllRead(run)).toFixed(0)} ms; over ${LONG_MS} ms: ${run.loafs.filter((l) => l.duration > LONG_MS).length}`];
  for (const loaf of run.loafs.filter((l) => l.duration > LONG_MS)) {
    const scripts = [...loaf.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
    lines.push(
      `    at ${loaf.start.toFixed(0)}: ${loaf.duration.toFixed(0)} ms (blocking ${loaf.blocking.toFixed(0)}, render ${(loaf.renderStart > 0 ? loaf.start + loaf.duration - loaf.renderStart : 0).toFixed(0)}) ` +
        scripts.map((s) => `[${s.invoker}${s.fn ? ` ${s.fn}` : ''} ${s.duration.toFixed(0)}]`).join(' '),
    );
  }
  return lines.join('\n');
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Spins for 5 ms in a function the profile names, and gives the page's time when it started. */
const ANCHOR = `(function stewardProfileAnchor() { const t = performance.now(); while (performance.now() < t + 5); return t; })()`;

/** When the first sample inside the named function was taken (µs, the profile's clock); null if none was. */
function sampleTimeOf(profile: CpuProfile, functionName: string): number | null {
  const named = new Set(profile.nodes.filter((node) => node.callFrame.functionName === functionName).map((node) => node.id));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let t = profile.startTime;
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    t += profile.timeDeltas?.[i] ?? 0;
    for (let at: number | undefined = samples[i]; at !== undefined && byId.has(at); at = parent.get(at)) if (named.has(at)) return t;
  }
  return null;
}

/** Self and total (inclusive) time per function (ms) between `from` and `to` (µs on the profile's clock), the top 25 of each. */
function timesPerFunction(profile: CpuProfile, from: number, to: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    return frame === undefined ? '?' : `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = profile.startTime;
  (profile.samples ?? []).forEach((id, i) => {
    const dt = profile.timeDeltas?.[i] ?? 0;
    t += dt;
    if (t < from || t > to) return;
    self.set(name(id), (self.get(name(id)) ?? 0) + dt / 1000);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(name(at));
    for (const key of onStack) total.set(key, (total.get(key) ?? 0) + dt / 1000);
  });
  const top = (map: Map<string, number>): string =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([key, ms]) => `      ${ms.toFixed(1).padStart(6)} ${key}`)
      .join('\n');
  return `    self:\n${top(self)}\n    total:\n${top(total)}`;
}

const { server, browser, close } = await startServerAndBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  let build: Build = builds[0] ?? { name: 'served', dir: null };
  await serveRendererFrom(context, server.url, () => build.dir);
  const page = await context.newPage();
  await signInAndSync(page, server.url);
  console.error(`synced: ${await page.locator('.toolbar .count').textContent()}`);
  await context.addInitScript(OBSERVE);
  const runs = new Map<string, Reload[]>(builds.map((b) => [b.name, []]));
  const cpuPrefix = process.env['STEWARD_CPU_PROFILE'];
  // Round 0 warms each build's bundle in the cache, as in console.bench.ts; it is not counted, nor is the profiled round.
  const rounds = RELOADS + (cpuPrefix === undefined ? 0 : 1);
  for (let round = 0; round <= rounds; round++) {
    for (const next of builds) {
      build = next;
      const profiling = cpuPrefix !== undefined && round > RELOADS;
      const cdp = profiling ? await context.newCDPSession(page) : null;
      if (cdp !== null) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const run = await reload(page);
      console.error(`${next.name} reload ${round}${round === 0 ? ' (warm-up, not counted)' : profiling ? ' (profiled, not counted)' : ''}: ${describe(run)}`);
      if (round > 0 && !profiling) runs.get(next.name)?.push(run);
      if (cdp !== null) {
        // An anchor both clocks see: the page's time when a named function runs, and that function's samples.
        const anchor = Number(await page.evaluate(ANCHOR));
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(`${cpuPrefix}-${next.name}.cpuprofile`, JSON.stringify(profile));
        const anchorAt = sampleTimeOf(profile, 'stewardProfileAnchor');
        console.error(`  anchor: page ${anchor.toFixed(1)} ms = profile ${String(anchorAt)} µs (profile ${profile.startTime}–${profile.endTime})`);
        if (anchorAt === null) console.error('  no anchor in the profile: frames not placed');
        else {
          const toProfile = (ms: number): number => anchorAt - (anchor - ms) * 1000;
          for (const frame of afterFirstPage(run).filter((loaf) => loaf.duration > LONG_MS))
            console.error(`  ${next.name}: the ${frame.duration.toFixed(0)} ms frame at ${frame.start.toFixed(0)} (under the profiler):\n${timesPerFunction(profile, toProfile(frame.start), toProfile(frame.start + frame.duration))}`);
        }
        await cdp.detach();
      }
    }
  }
  console.log(`longest animation frame after the first page was read (ms), ${RELOADS} reloads each (uptime: ${readFileSync('/proc/loadavg', 'utf8').trim()}):`);
  for (const [name, list] of runs) {
    const values = list.map((run) => longest(afterFirstPage(run)));
    const counts = list.map((run) => run.loafs.filter((l) => l.duration > LONG_MS).length);
    const allRead = list.map((run) => run.marks['audit-all-read'] ?? NaN);
    const blocking = list.map((run) => afterFirstPage(run).reduce((sum, loaf) => sum + loaf.blocking, 0));
    const screen = list.map((run) => longest(afterAllRead(run)));
    console.log(`  ${name.padEnd(10)} runs ${values.map((v) => v.toFixed(0)).join(' / ')}  median ${median(values).toFixed(0)}; starting after all was read: ${screen.map((v) => v.toFixed(0)).join(' / ')}  median ${median(screen).toFixed(0)}; frames > ${LONG_MS} ms per reload: ${counts.join(' / ')}; total blocking after the first page ${blocking.map((v) => v.toFixed(0)).join(' / ')}; all read at ${allRead.map((v) => v.toFixed(0)).join(' / ')} (median ${median(allRead).toFixed(0)})`);
  }
  await context.close();
} finally {
  await close();
}

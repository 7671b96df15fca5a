/// <reference types="node" />
/// <reference lib="dom" />
/**
 * Where the audit table's scroll frames go: the same 100,000-event server,
 * sign-in and 4 s scroll as desktop.scroll_frame_p95_ms in console.bench.ts,
 * kept running so the scroll can be measured again and again (after a
 * renderer rebuild: the page is reloaded, the replica stays).
 * Not a .bench.ts file: the bench runner does not pick it up.
 *
 * Run: node bench/scroll.profile.ts <control dir>; then write a command into
 * <control dir>/cmd and read the answer in <control dir>/out:
 *   `run N` — N scroll passes (each from the top, as the bench), p95/median/max each;
 *   `trace [extra,categories]` — one pass under a Chromium trace (<control dir>/trace.json), per-frame main-thread work summarised;
 *   `use <dir>` — serve the renderer from another build (`electron-vite build --outDir <x>`, dir <x>/renderer), so
 *   variants can be compared without touching the shared out/renderer (STEWARD_RENDERER_DIR sets the first);
 *   `reload` — reload the page (after a rebuild or `use`); `eval <js>`; `heap` — the JS heap after a full GC;
 *   `snapshot` — a heap snapshot (<control dir>/heap.heapsnapshot); `mouse <x> <y>` — passes start with the
 *   pointer there from now on (at first: over the table, where the bench's click on Sign in leaves it); `quit`.
 * Start it so that it does not inherit the e2e lock (flock -o, or close the fd), and send
 * commands while holding the lock. Only the first pass after a reload is what the bench sees:
 * later passes in the same page have been slower (style recalculation grows; cause not found yet).
 */
import { median, percentile } from '@steward/bench';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { scrollFrameIntervals } from './scroll-frames.ts';
import { serveRendererFrom, signInAndSync, startServerAndBrowser } from './server-and-browser.ts';

const dir = process.argv[2] ?? '/tmp/scrollprof';
const cmdFile = join(dir, 'cmd');
const outFile = join(dir, 'out');

let mouseAt: { x: number; y: number } | null = null;

async function toTop(page: Page): Promise<void> {
  if (mouseAt !== null) await page.mouse.move(mouseAt.x, mouseAt.y);
  await page.evaluate(() => {
    const scroller = document.querySelector('.grid-scroll');
    if (scroller instanceof HTMLElement) scroller.scrollTop = 0;
  });
  await page.waitForTimeout(1500);
}

async function pass(page: Page): Promise<string> {
  await toTop(page);
  const frames = await page.evaluate(scrollFrameIntervals);
  return `p95 ${percentile(frames, 95).toFixed(1)} median ${median(frames).toFixed(1)} max ${Math.max(...frames).toFixed(1)} n ${frames.length} long(>17) ${frames.filter((f) => f > 17).length}`;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; elementCount?: number; beginData?: Record<string, unknown> };
}

const WATCH = ['RunTask', 'FireAnimationFrame', 'EventDispatch', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase', 'ScheduleStyleRecalculation', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'ScrollLayer'];

function summarise(events: TraceEvent[]): string {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string } | undefined)?.name));
  // The renderer main thread that ran the animation frames.
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'FireAnimationFrame') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const rafs = onMain.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts);
  const lines: string[] = [`main thread ${main} (${threadName.get(main ?? '')}), ${rafs.length} animation frames`];
  const rows: { interval: number; sums: Record<string, number>; styleElements: number; layoutObjects: number; tasks: number }[] = [];
  for (let i = 1; i < rafs.length; i++) {
    const from = rafs[i - 1] as number;
    const to = rafs[i] as number;
    const sums: Record<string, number> = {};
    let styleElements = 0;
    let layoutObjects = 0;
    let tasks = 0;
    for (const e of onMain) {
      if (e.ts < from || e.ts >= to) continue;
      if (WATCH.includes(e.name)) sums[e.name] = (sums[e.name] ?? 0) + (e.dur ?? 0) / 1000;
      if (e.name === 'RunTask') tasks++;
      if (e.name === 'UpdateLayoutTree') styleElements += Number(e.args?.elementCount ?? (e.args as { elementCount?: number } | undefined)?.elementCount ?? 0);
      if (e.name === 'Layout') layoutObjects += Number((e.args?.beginData as { dirtyObjects?: number } | undefined)?.dirtyObjects ?? 0);
    }
    rows.push({ interval: (to - from) / 1000, sums, styleElements, layoutObjects, tasks });
  }
  const keys = ['RunTask', 'FireAnimationFrame', 'EventDispatch', 'FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER'];
  const fmt = (r: (typeof rows)[number]): string => `${r.interval.toFixed(1).padStart(6)} | tasks ${String(r.tasks).padStart(2)} | ${keys.map((k) => `${k.slice(0, 10)} ${(r.sums[k] ?? 0).toFixed(1)}`).join(' ')} | styleEls ${r.styleElements} dirtyLayout ${r.layoutObjects}`;
  const avg = (sel: (typeof rows)[number][]): string =>
    `n ${sel.length}: ` + keys.map((k) => `${k.slice(0, 10)} ${median(sel.map((r) => r.sums[k] ?? 0)).toFixed(2)}`).join(' ') + ` styleEls ${median(sel.map((r) => r.styleElements))}`;
  const long = rows.filter((r) => r.interval > 20);
  const short = rows.filter((r) => r.interval <= 20);
  lines.push(`median per frame, all: ${avg(rows)}`, `median per frame, long (>20 ms): ${long.length ? avg(long) : '-'}`, `median per frame, short: ${short.length ? avg(short) : '-'}`);
  lines.push('frames (ms):', ...rows.map(fmt));
  return lines.join('\n');
}

async function traced(page: Page, extra: string[]): Promise<string> {
  await toTop(page);
  const browser = page.context().browser();
  if (browser === null) throw new Error('no browser');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'toplevel', ...extra] });
  const frames = await page.evaluate(scrollFrameIntervals);
  const buffer = await browser.stopTracing();
  writeFileSync(join(dir, 'trace.json'), buffer);
  const parsed = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  return `p95 ${percentile(frames, 95).toFixed(1)} median ${median(frames).toFixed(1)} max ${Math.max(...frames).toFixed(1)} n ${frames.length}\n${summarise(parsed.traceEvents)}`;
}

async function waitRows(page: Page): Promise<void> {
  await page.locator('[role="grid"] tbody tr').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
}

const { server, browser, close } = await startServerAndBrowser(['--demo-events', '100000']);
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  // STEWARD_RENDERER_DIR: serve the renderer from another build (electron-vite build --outDir …), not the shared out/renderer.
  let rendererDir = process.env['STEWARD_RENDERER_DIR'];
  await serveRendererFrom(context, server.url, () => rendererDir ?? null);
  const page = await context.newPage();
  await signInAndSync(page, server.url, async (signIn) => {
    // The bench leaves the mouse where it clicked Sign in (over the table once it shows): hover follows the rows scrolling under it.
    const box = await signIn.boundingBox();
    mouseAt = box === null ? null : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  await waitRows(page);
  writeFileSync(outFile, `ready ${server.url}\n`);
  for (;;) {
    if (!existsSync(cmdFile)) {
      await new Promise((done) => setTimeout(done, 300));
      continue;
    }
    const cmd = readFileSync(cmdFile, 'utf8').trim();
    rmSync(cmdFile);
    let answer = '';
    try {
      if (cmd === 'quit') {
        writeFileSync(outFile, 'quitting\ndone\n');
        break;
      }
      if (cmd.startsWith('use')) {
        rendererDir = cmd.split(' ')[1];
        answer = `renderer from ${rendererDir ?? 'the server'}`;
      } else if (cmd === 'heap' || cmd === 'snapshot') {
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = await cdp.send('Runtime.getHeapUsage');
        answer = `heap used ${(usage.usedSize / 1e6).toFixed(1)} MB of ${(usage.totalSize / 1e6).toFixed(1)} MB (after a full GC)`;
        if (cmd === 'snapshot') {
          const chunks: string[] = [];
          cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => void chunks.push(chunk));
          await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
          writeFileSync(join(dir, 'heap.heapsnapshot'), chunks.join(''));
          answer += `; snapshot in ${join(dir, 'heap.heapsnapshot')}`;
        }
        await cdp.detach();
      } else if (cmd.startsWith('mouse ')) {
        const [x, y] = cmd.split(' ').slice(1).map(Number);
        mouseAt = x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) ? mouseAt : { x, y };
        if (mouseAt !== null) await page.mouse.move(mouseAt.x, mouseAt.y);
        answer = `mouse at ${JSON.stringify(mouseAt)}`;
      } else if (cmd === 'reload') {
        await page.reload();
        await waitRows(page);
        answer = 'reloaded';
      } else if (cmd.startsWith('run')) {
        const n = Number(cmd.split(' ')[1] ?? 3);
        const lines: string[] = [];
        for (let i = 0; i < n; i++) lines.push(await pass(page));
        answer = lines.join('\n');
      } else if (cmd.startsWith('trace')) answer = await traced(page, (cmd.split(' ')[1] ?? '').split(',').filter((c) => c !== ''));
      else if (cmd.startsWith('eval ')) answer = JSON.stringify(await page.evaluate(cmd.slice(5)));
      else answer = `unknown command ${cmd}`;
    } catch (error) {
      answer = `error: ${String(error)}`;
    }
    writeFileSync(outFile, `${answer}\ndone\n`);
  }
} finally {
  await close();
}

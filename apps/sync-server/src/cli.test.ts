/**
 * The `steward-server` bin as a person runs it: a real process on a fresh
 * data directory, waited on for its ready line, asked for /healthz, stopped
 * with a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'steward-server.js');

interface Cli {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-cli-'));
  dirs.push(dir);
  return dir;
}

function startCli(args: readonly string[]): Cli {
  // Only the flags configure it: drop settings the test runner's environment may carry.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['PORT', 'HOST', 'DATABASE_URL', 'STEWARD_DATA_DIR'].includes(key)));
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, timeoutMs = 45_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(text);
          if (match === null) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms; output so far:\n${text}`));
        }, timeoutMs);
        const ended = (): void => {
          cleanup();
          reject(new Error(`the process exited before printing ${String(pattern)}; output:\n${text}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', ended);
        };
        waiters.add(check);
        child.once('exit', () => setImmediate(() => (pattern.exec(text) === null ? ended() : check())));
        check();
      }),
  };
}

const READY = /steward-server: ready at (http:\/\/127\.0\.0\.1:\d+)/;

describe('steward-server', { timeout: 90_000 }, () => {
  it('seeds the demo, serves /healthz, says where the accounts are, and stops with exit 0 on SIGTERM; a second start leaves the demo as it is', async () => {
    const dir = dataDir();
    const first = startCli(['--port', '0', '--data-dir', dir, '--seed', 'demo']);
    const [, url] = await first.waitFor(READY);
    expect(first.output()).toMatch(/demo data written in [\d.]+ s: 3 tenants, 38 users, 50,000 audit events/);
    expect(first.output()).toMatch(/database SQLite .*steward\.db · demo accounts: see "Demo accounts" in .*README\.md \(password steward-demo-2026\)/);
    const health = await fetch(`${url ?? ''}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('steward-server: stopped');

    const second = startCli(['--port', '0', '--data-dir', dir, '--seed', 'demo']);
    await second.waitFor(READY);
    expect(second.output()).toContain('demo seed skipped: the database already has tenants acme, globex, initech');
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it('lets the demo seed finish when signalled during it, then stops without listening; a second signal (not a copy of the first) exits at once', async () => {
    const patient = startCli(['--port', '0', '--data-dir', dataDir(), '--seed', 'demo']);
    await patient.waitFor(/seeding demo data/);
    patient.child.kill('SIGTERM');
    expect(await patient.exited).toEqual({ code: 0, signal: null });
    expect(patient.output()).toMatch(/demo data written/);
    expect(patient.output()).not.toMatch(READY);

    const impatient = startCli(['--port', '0', '--data-dir', dataDir(), '--seed', 'demo']);
    await impatient.waitFor(/seeding demo data/);
    impatient.child.kill('SIGTERM');
    // A copy right behind it, as a wrapper passing the signal on would send, counts as the same signal.
    impatient.child.kill('SIGTERM');
    await impatient.waitFor(/send it again to exit now/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(impatient.child.exitCode).toBeNull();
    impatient.child.kill('SIGTERM');
    expect(await impatient.exited).toEqual({ code: 128 + 15, signal: null });
    expect(impatient.output()).toContain('SIGTERM again: exiting now');
  });

  it('refuses a bad configuration with exit 2, naming the flag', async () => {
    const cli = startCli(['--port', '70000', '--data-dir', dataDir()]);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.output()).toContain('steward-server: invalid configuration');
    expect(cli.output()).toContain('--port / PORT: must be a whole number from 0 to 65535');
  });
});

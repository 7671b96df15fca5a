/**
 * `steward-server`: reads the configuration (flags, then environment, then
 * defaults), opens the database, seeds the demo when asked, listens, and
 * prints one line saying where. Logs are pino's JSON lines on stdout; the
 * lines this file prints start with "steward-server:" so a person can find
 * them among the logs.
 *
 * Exit codes: 0 after a clean stop (SIGTERM / SIGINT: in-flight requests
 * drain, the database closes), 2 for a refused configuration, 1 when the
 * server cannot start or stop; a second signal exits at once with 128 + the
 * signal's number, as shells report a killed process.
 */
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServerConfig } from './config.ts';
import { defaultConsoleDir } from './console/default-console-dir.ts';
import { DEMO_EVENT_COUNT, DEMO_PASSWORD, seedDemo, type SeedDemoResult } from './seed/demo.ts';
import { createServer, type StewardServer } from './server.ts';

const USAGE = `Usage: steward-server [--port N] [--host H] [--db URL] [--data-dir DIR] [--seed demo [--demo-events N]]

  --port       PORT           default 4848 (0: any free port)
  --host       HOST           default 127.0.0.1
  --db         DATABASE_URL   default "sqlite:" (steward.db in the data directory); postgres://… selects PostgreSQL
  --data-dir   STEWARD_DATA_DIR  default $XDG_DATA_HOME/steward or ~/.local/share/steward
  --seed demo                 demo tenants, accounts and history (README, "Demo accounts"); skipped if already there
  --demo-events N             how many audit events the demo history has (default 50,000)`;

/**
 * One Ctrl-C can arrive several times: the terminal signals the whole
 * process group while wrappers (pnpm, scripts/start.ts) pass it on too.
 * Copies within this window count as one; a person's second Ctrl-C comes later.
 */
const SAME_SIGNAL_MS = 500;

const say = (line: string): void => console.log(`steward-server: ${line}`);
const complain = (line: string): void => console.error(`steward-server: ${line}`);

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const result = loadConfig(argv);
if (!result.ok) {
  complain(`invalid configuration\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(2);
}
await run(result.config);

async function run(config: ServerConfig): Promise<void> {
  const consoleDir = defaultConsoleDir(import.meta.dirname);
  const steward = await createServer({ config, ...(consoleDir === undefined ? {} : { consoleDir }) }).catch((error: unknown) => fail('could not start', error));

  // Signals are handled from here on. One that arrives before the server
  // listens (while the demo is seeded) lets the seed's transaction finish,
  // then stops without listening.
  let listening = false;
  let signalled: NodeJS.Signals | undefined;
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled !== undefined) {
      if (performance.now() - firstSignalAt < SAME_SIGNAL_MS) return;
      complain(`${signal} again: exiting now, without draining`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    signalled = signal;
    firstSignalAt = performance.now();
    if (listening) void stop(steward, signal);
    else say(`${signal}: stopping as soon as start-up has finished (send it again to exit now)`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (config.seed === 'demo') {
    const events = config.demoEvents ?? DEMO_EVENT_COUNT;
    say(`seeding demo data (tenants, accounts and ${events.toLocaleString('en-US')} audit events; a few seconds)…`);
    const seeded = await seedDemo(steward.services, { events }).catch(async (error: unknown) => {
      await steward.stop().catch(() => undefined);
      return fail('could not seed the demo data', error);
    });
    say(describeSeed(seeded));
  }
  if (signalled !== undefined) return stop(steward, signalled);

  const url = await steward.start().catch(async (error: unknown) => {
    await steward.stop().catch(() => undefined);
    return fail(listenProblem(error, config), error);
  });
  listening = true;
  const demo = config.seed === 'demo' ? ` · demo accounts: see "Demo accounts" in ${readmePath()} (password ${DEMO_PASSWORD})` : '';
  say(`ready at ${url} (tRPC at /trpc, /healthz, /metrics) · database ${steward.database.description}${demo}`);
  say(consoleDir === undefined ? 'web console not served (build it with: pnpm --filter @steward/desktop build)' : `web console at ${url}/`);
}

async function stop(steward: StewardServer, signal: NodeJS.Signals): Promise<void> {
  say(`${signal}: draining in-flight requests and closing the database…`);
  try {
    await steward.stop();
  } catch (error) {
    fail('could not stop cleanly', error);
  }
  say('stopped');
  process.exit(0);
}

function describeSeed(seeded: SeedDemoResult): string {
  if (!seeded.seeded) return `demo seed skipped: ${seeded.reason}`;
  const { counts } = seeded;
  const n = (value: number | undefined): string => (value ?? 0).toLocaleString('en-US');
  return `demo data written in ${(seeded.ms / 1000).toFixed(1)} s: ${n(counts.tenants)} tenants, ${n(counts.users)} users, ${n(counts.auditEvents)} audit events, ${n(counts.workflowRuns)} workflow runs, ${seeded.accounts} demo accounts`;
}

/** The README beside the sources when running from a checkout; otherwise its name. */
function readmePath(): string {
  const path = join(import.meta.dirname, '..', '..', '..', 'README.md');
  return existsSync(path) ? path : 'the Steward README';
}

function listenProblem(error: unknown, config: ServerConfig): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `port ${config.port} on ${config.host} is already in use (pass --port or set PORT; 0 picks a free port)`;
  if (code === 'EACCES') return `not allowed to listen on ${config.host}:${config.port} (ports below 1024 need privileges)`;
  return `could not listen on ${config.host}:${config.port}`;
}

function fail(what: string, error: unknown): never {
  complain(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

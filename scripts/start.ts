// `./steward start` (`pnpm start`): the sync server with the demo data, on
// SQLite in the default data directory, running until stopped (Ctrl-C).
// Flags after `start` are passed on and win over these defaults, e.g.
// `./steward start --port 5000` or `./steward start --db postgres://…`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

// The web console is the desktop renderer, served by the sync server: build it once if missing.
if (!existsSync(join(root, 'apps/desktop/out/renderer/index.html'))) {
  console.error('start: building the web console (apps/desktop) once…');
  const build = spawnSync('pnpm', ['--filter', '@steward/desktop', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) console.error('start: the console build failed; starting the server without it (the API still works).');
}
const server = join(root, 'apps/sync-server/bin/steward-server.js');
const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
// An explicit `--db sqlite:` so a DATABASE_URL left in the shell does not quietly send the demo elsewhere.
const defaults = args.some((arg) => arg === '--db' || arg.startsWith('--db=')) ? ['--seed', 'demo'] : ['--seed', 'demo', '--db', 'sqlite:'];
const child = spawn(process.execPath, [server, ...defaults, ...args], { stdio: 'inherit' });

// Ctrl-C reaches both processes (one process group); a SIGTERM sent to this
// one alone (a process manager) is passed on. Either way the server drains
// and closes its database, and this process exits with its exit code, never
// before it — nor leaving it running on its own.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  // Killed by a signal: report it as a shell would (128 + its number).
  process.exit(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
});

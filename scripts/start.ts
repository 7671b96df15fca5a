// `./steward start`: the console on the embedded default (SQLite, demo data).
// Until the sync server and web console land, this runs the server's
// configuration check and says what it would start (see README).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const server = join(root, 'apps/sync-server/bin/steward-server.js');
const run = spawnSync(process.execPath, [server, '--seed', 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);

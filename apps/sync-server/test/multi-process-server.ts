/**
 * The sync server as a real child process, started through its bin exactly
 * as an operator would (`steward-server --port 0 --data-dir … --db …`), for
 * tests that kill it, restart it, or run several against one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createServer } from '../src/server.ts';
import { PG_URL, type TestDatabase } from './databases.ts';
import { clientFor, type Client } from './harness.ts';
import { WORLD_PASSWORD, seedWorld } from './world.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'steward-server.js');
const READY = /^steward-server: ready at (http:\/\/\S+)/;

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Sends `signal` and resolves once the process has exited, with how it ended. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  output(): string;
}

/**
 * The `--db` URL for a test database. PostgreSQL has no schema flag: the
 * schema goes in the URL as a connection option (`options=-c search_path=…`),
 * which node-postgres passes to the server; the schema must exist first.
 */
export async function serverDbUrl(database: TestDatabase): Promise<string> {
  if (database.pgSchema === undefined) return database.url;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${database.pgSchema}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${database.pgSchema}`);
  return url.toString();
}

/** `dataDir`: the process's own data directory (its signing key lives there); default the test database's. */
export async function startServerProcess(database: TestDatabase, dbUrl: string, { readyTimeoutMs = 30_000, dataDir = database.dataDir } = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['PORT', 'HOST', 'DATABASE_URL', 'STEWARD_DATA_DIR']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, [BIN, '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--db', dbUrl], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<string>((resolve, reject) => {
    // stdout carries pino's request logs too: read every line so the pipe never fills.
    if (child.stdout === null || child.stderr === null) throw new Error('the child has no output pipes');
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(line);
      const match = READY.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    createInterface({ input: child.stderr }).on('line', keep);
    void exited.then(({ code, signal }) => reject(new Error(`steward-server exited (${signal ?? code}) before it was ready:\n${lines.join('\n')}`)));
    setTimeout(() => reject(new Error(`steward-server not ready after ${readyTimeoutMs} ms:\n${lines.join('\n')}`)), readyTimeoutMs).unref();
  });
  let url: string;
  try {
    url = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('steward-server has no pid');
  return {
    url,
    pid,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    output: () => lines.join('\n'),
  };
}

/** Seeds the test world in this process (so no child spends scrypt on it), then lets the database go. */
export async function seedWorldInto(database: TestDatabase): Promise<void> {
  const steward = await createServer({
    config: { port: 0, host: '127.0.0.1', db: database.url, dataDir: database.dataDir },
    ...(database.pgSchema === undefined ? {} : { pgSchema: database.pgSchema }),
    logger: false,
  });
  try {
    await seedWorld(steward.services);
  } finally {
    await steward.stop();
  }
}

/** A client signed in as a test-world account on the server at `url`. */
export async function signInAt(url: string, email: string): Promise<Client> {
  const { token } = await clientFor(url).auth.login.mutate({ email, password: WORLD_PASSWORD });
  return clientFor(url, token);
}

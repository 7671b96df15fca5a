import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Where the server keeps its SQLite file and signing key unless told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = fromEnv(env, 'XDG_DATA_HOME') ?? join(homedir(), '.local', 'share');
  return join(base, 'steward');
}

const databaseUrl = z
  .string()
  .refine((url) => url === 'sqlite:' || url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url), {
    message: 'must be "sqlite:" (the default file in the data directory), "sqlite:/path/to/file.db" or a postgres:// URL',
  });

export const serverConfigSchema = z.object({
  port: z.coerce.number({ error: 'must be a whole number from 0 to 65535' }).int('must be a whole number from 0 to 65535').min(0, 'must be a whole number from 0 to 65535').max(65_535, 'must be a whole number from 0 to 65535'),
  host: z.string().min(1),
  db: databaseUrl,
  dataDir: z.string().min(1),
  seed: z.enum(['demo']).optional(),
  /** How many audit events the demo seed writes (benchmarks use 100,000). */
  demoEvents: z.coerce.number({ error: 'must be a whole number from 1 to 1,000,000' }).int('must be a whole number from 1 to 1,000,000').min(1, 'must be a whole number from 1 to 1,000,000').max(1_000_000, 'must be a whole number from 1 to 1,000,000').optional(),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; errors: string[] };

/** Flags win over environment variables, which win over defaults. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ConfigResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --flag` forwards the separator itself.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        'demo-events': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const parsed = serverConfigSchema.safeParse({
    port: values['port'] ?? fromEnv(env, 'PORT') ?? 4848,
    host: values['host'] ?? fromEnv(env, 'HOST') ?? '127.0.0.1',
    db: values['db'] ?? fromEnv(env, 'DATABASE_URL') ?? 'sqlite:',
    dataDir: resolve(String(values['data-dir'] ?? fromEnv(env, 'STEWARD_DATA_DIR') ?? defaultDataDir(env))),
    seed: values['seed'],
    demoEvents: values['demo-events'],
  });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${flagName(i.path[0])}: ${i.message}`) };
  }
  return { ok: true, config: parsed.data };
}

/** An environment variable set to the empty string counts as unset, as shells and compose files often leave them. */
function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function flagName(key: PropertyKey | undefined): string {
  const flags: Record<string, string> = { port: '--port / PORT', host: '--host / HOST', db: '--db / DATABASE_URL', dataDir: '--data-dir / STEWARD_DATA_DIR', seed: '--seed', demoEvents: '--demo-events' };
  return flags[String(key)] ?? String(key);
}

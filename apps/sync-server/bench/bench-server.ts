/**
 * What every server bench needs: a real server (createServer, port 0) on a
 * fresh database — a SQLite file, or its own schema in the PostgreSQL at
 * STEWARD_BENCH_PG (default: the local test database) — with the test world
 * (test/world.ts) seeded, sessions minted without scrypt, and everything
 * removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { parseDocument, type AuditEvent } from '@steward/domain';
import pg from 'pg';
import { sql } from 'kysely';
import { hashSecret, newSecret, SESSION_TOKEN_PREFIX } from '../src/auth/tokens.ts';
import { appendToLedger } from '../src/ledger/append.ts';
import { createServer, type StewardServer } from '../src/server.ts';
import type { AppRouter } from '../src/trpc/router.ts';
import { seedWorld } from '../test/world.ts';

export const BENCH_PG_URL = process.env['STEWARD_BENCH_PG'] ?? process.env['STEWARD_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Both databases, or the one STEWARD_BENCH_DB names (to profile one at a time). */
export function benchKinds(): DatabaseKind[] {
  const only = process.env['STEWARD_BENCH_DB'];
  if (only === undefined || only === '') return ['sqlite', 'postgres'];
  if (only !== 'sqlite' && only !== 'postgres') throw new Error(`STEWARD_BENCH_DB must be sqlite or postgres, not ${only}`);
  return [only];
}

export interface BenchServer {
  readonly kind: DatabaseKind;
  readonly url: string;
  readonly steward: StewardServer;
  /** A session token for `userId`, inserted directly (a real login costs one scrypt run each). */
  session(userId: string): Promise<string>;
  /** Stops the server and removes its database. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Runs after createServer and before listen, e.g. to register a bench-only route. */
  readonly beforeStart?: (steward: StewardServer) => void | Promise<void>;
}

export async function startBenchServer(kind: DatabaseKind, { beforeStart }: StartOptions = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  const pgSchema = kind === 'postgres' ? `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const steward = await createServer({
    config: { port: 0, host: '127.0.0.1', db: kind === 'sqlite' ? `sqlite:${join(dataDir, 'bench.db')}` : BENCH_PG_URL, dataDir },
    ...(pgSchema === undefined ? {} : { pgSchema }),
    logger: false,
  });
  await seedWorld(steward.services);
  await beforeStart?.(steward);
  const url = await steward.start();
  return {
    kind,
    url,
    steward,
    session: async (userId) => {
      const token = newSecret(SESSION_TOKEN_PREFIX);
      const now = new Date();
      await steward.services.db
        .insertInto('sessions')
        .values({ token_hash: hashSecret(token), user_id: userId, device_id: null, created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(), revoked_at: null })
        .execute();
      return token;
    },
    dispose: async () => {
      await steward.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgSchema !== undefined) {
        const client = new pg.Client({ connectionString: BENCH_PG_URL });
        await client.connect();
        try {
          await client.query(`drop schema if exists ${pgSchema} cascade`);
        } finally {
          await client.end();
        }
      }
    },
  };
}

/**
 * PostgreSQL: refreshes the planner's statistics, as autovacuum does a
 * little after a bulk load. Right after one the planner still believes the
 * table is tiny and may pick a plan that sorts a whole tenant per page.
 */
export async function analyze(steward: StewardServer): Promise<void> {
  if (steward.database.dialect.kind === 'postgres') await sql`analyze documents`.execute(steward.services.db);
}

/**
 * Wraps `work` to record this process's CPU time (user + system) per call:
 * wall-clock rates fall when other processes take the shared cores, CPU
 * time per operation much less so. Client and server both run here, so it
 * counts both (and, on PostgreSQL, not the database's own work).
 */
export function cpuTimed(work: () => Promise<void>): { work: () => Promise<void>; cpuMs: number[] } {
  const cpuMs: number[] = [];
  return {
    cpuMs,
    work: async () => {
      const start = process.cpuUsage();
      await work();
      const used = process.cpuUsage(start);
      cpuMs.push((used.user + used.system) / 1000);
    },
  };
}

/** The median CPU microseconds per operation over the timed runs (the last `runs` calls). */
export function cpuNote(cpuMs: readonly number[], runs: number, ops: number, unit: string): string {
  const timed = [...cpuMs.slice(-runs)].sort((a, b) => a - b);
  const mid = timed[timed.length >> 1] ?? 0;
  return `this process's CPU ${((mid * 1000) / ops).toFixed(0)} µs per ${unit} (client + server)`;
}

export type Client = TRPCClient<AppRouter>;

export function clientFor(url: string, token: string): Client {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

const ACTIONS = ['user.update', 'role.assign', 'session.login', 'report.export', 'workflow.approve', 'audit.export'] as const;

/**
 * Writes `count` audit events into `tenantId` directly: each validated by the
 * domain schema, appended to the ledger (leaf rows and head), and stored with
 * multi-row inserts — the same rows a push would leave, much faster to make.
 */
export async function seedAuditEvents(steward: StewardServer, tenantId: string, actorId: string, count: number): Promise<void> {
  const { services } = steward;
  const chunk = 5_000;
  for (let done = 0; done < count; done += chunk) {
    const now = services.now();
    const events: AuditEvent[] = [];
    for (let i = done; i < Math.min(count, done + chunk); i++) {
      const event: AuditEvent = {
        id: services.newId(),
        tenantId,
        revision: 1,
        updatedAt: now,
        _deleted: false,
        actorId,
        actorType: 'user',
        action: ACTIONS[i % ACTIONS.length] ?? 'user.update',
        resourceType: 'user',
        resourceId: `resource-${i}`,
        outcome: i % 17 === 0 ? 'denied' : 'success',
        occurredAt: now,
        observedAt: null,
        context: { collection: 'users', ip: `10.0.${(i >> 8) & 255}.${i & 255}`, userAgent: 'Steward Desktop 0.1 (bench)', reason: 'Quarterly access review follow-up', n: i },
        pii: i % 5 === 0,
        complianceFlags: i % 3 === 0 ? ['SOX', 'ISO27001'] : ['SOC2'],
        ledgerIndex: null,
      };
      const parsed = parseDocument('auditEvents', event);
      if (!parsed.ok) throw new Error(`bench event invalid: ${parsed.error.message}`);
      events.push(event);
    }
    await services.db.transaction().execute(async (trx) => {
      const indexed = await appendToLedger(trx, services.dialect, events);
      // SQLite: one writer, so numbering from the current maximum is what nextSeq() would do row by row.
      const base = services.dialect.kind === 'sqlite' ? Number((await sql<{ m: number }>`select coalesce(max(seq), 0) as m from documents`.execute(trx)).rows[0]?.m ?? 0) : 0;
      for (let i = 0; i < indexed.length; i += 500) {
        const rows = indexed.slice(i, i + 500).map((event, j) => ({
          collection: 'auditEvents',
          id: event.id,
          tenant_id: event.tenantId,
          subject_id: null,
          revision: event.revision,
          updated_at: event.updatedAt,
          deleted: 0,
          body: JSON.stringify(event),
          tx: services.dialect.stampTx(),
          seq: services.dialect.kind === 'sqlite' ? sql<number>`${base + i + j + 1}` : services.dialect.nextSeq(),
        }));
        await trx.insertInto('documents').values(rows).execute();
      }
    });
  }
}

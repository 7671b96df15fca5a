/**
 * The databases every server test runs against: a SQLite file and an
 * isolated schema in the PostgreSQL at STEWARD_TEST_PG (default: the local
 * server, database `test`). PostgreSQL being unreachable fails the tests;
 * it is never silently skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../src/db/open-database.ts';

export const PG_URL = process.env['STEWARD_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** Options to open it again (e.g. from another process). */
  readonly url: string;
  readonly dataDir: string;
  readonly pgSchema?: string;
  open(): Promise<OpenedDatabase>;
  /** Removes the file or schema. */
  dispose(): Promise<void>;
}

export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;

export function createTestDatabase(kind: 'sqlite' | 'postgres'): TestDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'steward-test-'));
  if (kind === 'sqlite') {
    const url = `sqlite:${join(dataDir, 'test.db')}`;
    return {
      kind,
      url,
      dataDir,
      open: () => openDatabase({ url, dataDir }),
      dispose: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const pgSchema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    kind,
    url: PG_URL,
    dataDir,
    pgSchema,
    open: () => openDatabase({ url: PG_URL, dataDir, pgSchema }),
    dispose: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${pgSchema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * For a describe block: `open()` gives each test a fresh database of `kind`
 * (and `current()` its descriptor); it is closed and removed after the test.
 */
export function freshDatabasePerTest(kind: 'sqlite' | 'postgres'): { open(): Promise<OpenedDatabase>; current(): TestDatabase } {
  let testDb: TestDatabase | undefined;
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
    await testDb?.dispose();
    opened = undefined;
    testDb = undefined;
  });
  return {
    open: async () => {
      testDb = createTestDatabase(kind);
      opened = await testDb.open();
      return opened;
    },
    current: () => {
      if (testDb === undefined) throw new Error('open() the test database first');
      return testDb;
    },
  };
}

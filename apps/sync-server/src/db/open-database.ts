/**
 * Opens the server's database from its URL: `sqlite:` (a file in the data
 * directory), `sqlite:/path/file.db`, `sqlite::memory:` or `postgres://…`,
 * and brings it to the latest schema.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { dialectFor, type Db, type Dialect } from './dialect.ts';
import { migrateToLatest } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import type { Database } from './schema.ts';

export interface OpenedDatabase {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Where the data is, for logs (never includes a password). */
  readonly description: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly url: string;
  readonly dataDir: string;
  /** PostgreSQL only: the schema to use (tests isolate themselves this way). Created if missing. */
  readonly pgSchema?: string;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
}

const INT8_OID = 20;

const readInt8AsNumber = ((oid: number, format?: 'text' | 'binary'): unknown =>
  oid === INT8_OID ? Number : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as typeof pg.types.getTypeParser;

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const opened = options.url.startsWith('sqlite:') ? openSqlite(options) : await openPostgres(options);
  try {
    await migrateToLatest(opened.db as Kysely<unknown>, opened.dialect.kind);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

function openSqlite({ url, dataDir }: OpenDatabaseOptions): OpenedDatabase {
  const rest = url.slice('sqlite:'.length);
  let path: string;
  if (rest === '') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    path = join(dataDir, 'steward.db');
  } else {
    path = rest;
  }
  const database = openNodeSqlite(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: dialectFor('sqlite'), description: `SQLite ${path}`, close: () => db.destroy() };
}

async function openPostgres({ url, pgSchema, poolSize = 10 }: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (pgSchema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema)) throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(pgSchema)}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${pgSchema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(pgSchema === undefined ? {} : { options: `-c search_path=${pgSchema}` }),
    // Sequence numbers and sizes fit in a double; read them as numbers, not strings.
    types: { getTypeParser: readInt8AsNumber },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return { db, dialect: dialectFor('postgres'), description: `PostgreSQL ${safeUrl.host}${safeUrl.pathname}${pgSchema ? ` (schema ${pgSchema})` : ''}`, close: () => db.destroy() };
}

/**
 * Kysely's SQLite dialect over Node's built-in `node:sqlite` (DatabaseSync).
 *
 * Kysely expects the better-sqlite3 shape (`prepare().reader/all/run/iterate`);
 * this adapter provides it, so the server needs no native addon to build or
 * rebuild for each Node and Electron ABI (docs/adr/0003-storage.md).
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite binds no booleans or undefined: store booleans as 0/1, like SQLite itself. */
function toSqlite(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`cannot bind a ${typeof value} to SQLite`);
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(toSqlite);
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...bind(parameters));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...bind(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...bind(parameters));
  }
}

/** Opens (creating if needed) a SQLite file tuned for a server: WAL, full durability of commits, FK checks. */
export function openNodeSqlite(path: string): SqliteDatabase & { readonly raw: DatabaseSync } {
  const raw = new DatabaseSync(path);
  raw.exec('PRAGMA journal_mode = WAL');
  // FULL: an acknowledged write survives power loss too, not only a killed process (an audit trail must).
  raw.exec('PRAGMA synchronous = FULL');
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  const cache = new Map<string, NodeSqliteStatement>();
  return {
    raw,
    close: () => raw.close(),
    prepare: (sql: string): SqliteStatement => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = new NodeSqliteStatement(raw.prepare(sql));
        if (cache.size > 500) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Versioned migrations, run at start by every server process (Kysely's
 * Migrator takes a lock, so concurrent starts on one PostgreSQL are safe).
 * Append new migrations; never edit one that has shipped.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { DialectKind } from './dialect.ts';

/** Migrations are written against an untyped Kysely: the typed schema describes the latest version only. */
type AnyDb = Kysely<unknown>;

function initial(kind: DialectKind): Migration {
  const bigint = kind === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: AnyDb) {
      if (kind === 'postgres') await sql`create sequence if not exists change_seq`.execute(db);
      await db.schema
        .createTable('documents')
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tx', kind === 'postgres' ? sql`xid8` : 'integer', (c) => c.notNull())
        .addColumn('seq', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['collection', 'id'])
        .execute();
      await db.schema.createIndex('documents_change_order').on('documents').columns(['collection', 'tx', 'seq']).execute();
      await db.schema.createIndex('documents_by_tenant').on('documents').columns(['collection', 'tenant_id']).execute();
      await db.schema.createIndex('documents_seq').on('documents').column('seq').execute();
      await db.schema.createIndex('documents_by_subject').on('documents').columns(['collection', 'subject_id']).execute();

      await db.schema
        .createTable('credentials')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ledger_leaves')
        .addColumn('idx', bigint, (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', bigint, (c) => c.notNull())
        .execute();
      await sql`insert into ledger_head (id, size) values (1, 0)`.execute(db);
      await db.schema
        .createTable('ledger_checkpoints')
        .addColumn('tree_size', bigint, (c) => c.primaryKey())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** Secrets every server process on the database shares (e.g. the key that seals pull checkpoints). */
const serverSecrets: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Outbound webhooks (integrations/webhooks/): subscriptions with the secret
 * that signs their deliveries (kept as is: signing needs it), one delivery
 * row per subscription and audit event (unique, so enqueueing twice is a
 * no-op), and the position in the audit events' change log up to which
 * deliveries have been enqueued.
 */
function webhooks(kind: DialectKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('collections', 'text', (c) => c.notNull())
        .addColumn('actions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_subscriptions_by_tenant').on('webhook_subscriptions').column('tenant_id').execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('dead_lettered_at', 'text')
        .addUniqueConstraint('webhook_deliveries_once', ['subscription_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .column('next_attempt_at')
        .where(sql.ref('delivered_at'), 'is', null)
        .where(sql.ref('dead_lettered_at'), 'is', null)
        .execute();
      await db.schema.createIndex('webhook_deliveries_by_tenant').on('webhook_deliveries').columns(['tenant_id', 'dead_lettered_at']).execute();
      await db.schema
        .createTable('webhook_scan')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('tx', 'text', (c) => c.notNull())
        .addColumn('seq', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * A pull walks one tenant's part of a collection's change log in order; this index serves it
 * directly, instead of reading the tenant's rows and sorting them (which the planner chose when
 * a collection had grown since the last ANALYZE).
 */
const tenantChangeOrder: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('documents_tenant_change_order').on('documents').columns(['collection', 'tenant_id', 'tx', 'seq']).execute();
  },
};

/**
 * Signing keys: a device row is either a person's device or an API key's
 * export key (holder_type), and may be revoked (the server then refuses to
 * certify it or to authorise it for an export).
 */
const signingKeys: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('devices').addColumn('holder_type', 'text', (c) => c.notNull().defaultTo('user')).execute();
    await db.schema.alterTable('devices').addColumn('revoked_at', 'text').execute();
    await db.schema.createIndex('devices_by_holder').on('devices').columns(['user_id', 'holder_type']).execute();
  },
};

class StewardMigrations implements MigrationProvider {
  readonly #kind: DialectKind;
  constructor(kind: DialectKind) {
    this.#kind = kind;
  }
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ '0001-initial': initial(this.#kind), '0002-server-secrets': serverSecrets, '0003-webhooks': webhooks(this.#kind), '0004-tenant-change-order': tenantChangeOrder, '0005-signing-keys': signingKeys });
  }
}

/**
 * Brings the database to the latest schema; throws with the failing
 * migration's name. On PostgreSQL, processes starting together on a fresh
 * database would race to create Kysely's own lock table, so the whole run
 * holds a session advisory lock on one connection.
 */
export async function migrateToLatest(db: AnyDb, kind: DialectKind): Promise<void> {
  if (kind === 'sqlite') return runMigrations(db, kind);
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtextextended('steward:migrations', 0))`.execute(connection);
    try {
      await runMigrations(connection, kind);
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended('steward:migrations', 0))`.execute(connection);
    }
  });
}

async function runMigrations(db: AnyDb, kind: DialectKind): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which:
  // another schema's tables on the same PostgreSQL (other tenants of the server, tests) would fool it.
  const schema = kind === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const migrator = new Migrator({ db, provider: new StewardMigrations(kind), ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, { cause: error });
  }
}

/**
 * The server's tables, as Kysely sees them. One schema for SQLite and
 * PostgreSQL (migrations/); the few places where the two differ are in
 * dialect.ts.
 *
 * Replicated documents of all ten collections live in one `documents` table:
 * the body is the document's JSON, and the columns the server queries on
 * (tenant, revision, change cursor) are lifted out. Credentials, sessions,
 * devices and keys are never replicated and have tables of their own.
 */
import type { Generated } from 'kysely';

export interface DocumentsTable {
  collection: string;
  id: string;
  /** null for platform-wide records. */
  tenant_id: string | null;
  /**
   * The record a document is about, where the server looks documents up by
   * it: a role assignment's user, a review's event, a run's workflow.
   */
  subject_id: string | null;
  /** The server revision: 1 on insert, +1 on every write. */
  revision: number;
  updated_at: string;
  /** 0 or 1. */
  deleted: number;
  /** The whole document as JSON (revision and updatedAt included). */
  body: string;
  /** Change cursor, part 1: the writing transaction (PostgreSQL xid8 as text; 0 on SQLite). */
  tx: string;
  /** Change cursor, part 2: a sequence number taken in the writing transaction. */
  seq: number;
}

export interface CredentialsTable {
  user_id: string;
  /** Lower-cased; unique. */
  email: string;
  password_hash: string;
  created_at: string;
  failed_logins: number;
  locked_until: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token (hex); the token itself is never stored. */
  token_hash: string;
  user_id: string;
  device_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** A signing key the server certifies: a person's device (holder_type 'user', user_id the user) or an API key's export key ('apiKey', user_id the API key's id). */
export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  /** Ed25519 public key, base64. */
  public_key: string | null;
  created_at: string;
  /** Defaults to 'user' (sign-in registers people's devices). */
  holder_type: Generated<'user' | 'apiKey'>;
  /** Set once the key may no longer be certified or authorised for exports. */
  revoked_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  /** SHA-256 of the key (hex). */
  key_hash: string;
  /** JSON array of permission strings. */
  permissions: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  rate_limit_per_minute: number;
}

export interface LedgerLeavesTable {
  /** 0-based position in the Merkle tree. */
  idx: number;
  event_id: string;
  /** RFC 9162 leaf hash, hex. */
  leaf_hash: string;
}

export interface LedgerHeadTable {
  /** Always 1: one row whose lock serialises appends. */
  id: number;
  size: number;
}

export interface LedgerCheckpointsTable {
  tree_size: number;
  root_hash: string;
  /** The signed note (C2SP tlog-checkpoint). */
  note: string;
  created_at: string;
}

export interface ServerSecretsTable {
  name: string;
  /** base64 */
  value: string;
}

export interface WebhookSubscriptionsTable {
  id: string;
  tenant_id: string;
  /** https (or http to a loopback address when the server allows it, for tests). */
  url: string;
  /** The signing secret (`whsec_…`), stored as is: every delivery is signed with it. */
  secret: string;
  /** JSON array of collection names; empty: any. */
  collections: string;
  /** JSON array of audit action patterns (`*` wildcards). */
  actions: string;
  created_by: string;
  created_at: string;
  /** 0 or 1. */
  active: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  tenant_id: string;
  /** The audit event delivered. */
  event_id: string;
  action: string;
  /** The JSON body sent, exactly (the signature covers these bytes). */
  payload: string;
  /** Attempts started so far (incremented when a worker claims the row). */
  attempts: number;
  /** When the next attempt is due; while an attempt runs, when its claim lapses. */
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  dead_lettered_at: string | null;
}

export interface WebhookScanTable {
  /** Always 1. */
  id: number;
  /** Change cursor of the last audit event deliveries were enqueued for. */
  tx: string;
  seq: number;
}

export interface Database {
  documents: DocumentsTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  api_keys: ApiKeysTable;
  ledger_leaves: LedgerLeavesTable;
  ledger_head: LedgerHeadTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  server_secrets: ServerSecretsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_scan: WebhookScanTable;
}

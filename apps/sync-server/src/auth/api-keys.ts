/**
 * API keys for integrations: scoped to one tenant and a list of permissions,
 * stored hashed (the `stw_k_…` secret is shown once, at creation or
 * rotation), rotatable without changing their id or scope, and revocable.
 */
import { permissionIssues } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import { newServerId } from './ids.ts';
import { API_KEY_PREFIX, hashSecret, isWellFormedSecret, newSecret } from './tokens.ts';

export const MAX_API_KEY_NAME_LENGTH = 100;
export const MAX_API_KEY_PERMISSIONS = 100;
export const MAX_RATE_PER_MINUTE = 10_000;
/** last_used_at is refreshed at most this often, so a busy key does not cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyIssue {
  readonly code: 'INVALID' | 'NOT_FOUND' | 'REVOKED';
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type ApiKeyResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiKeyIssue };

export interface NewApiKey {
  readonly tenantId: string;
  readonly name: string;
  readonly permissions: readonly string[];
  /** The user who created it (for the audit trail and the key list). */
  readonly createdBy: string;
  readonly ratePerMinute: number;
}

/** What a caller may see about a key: never its hash. */
export interface ApiKeySummary {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly permissions: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly ratePerMinute: number;
}

export interface ResolvedApiKey {
  readonly id: string;
  readonly tenantId: string;
  readonly permissions: readonly string[];
  readonly ratePerMinute: number;
}

/** A freshly minted key. `key` is the only copy of the secret: show it once. */
export interface IssuedApiKey {
  readonly id: string;
  readonly key: string;
}

const invalid = (message: string, details?: Readonly<Record<string, unknown>>): ApiKeyResult<never> => ({
  ok: false,
  error: details === undefined ? { code: 'INVALID', message } : { code: 'INVALID', message, details },
});

/** Validates and normalises a new key's fields (permissions deduplicated and sorted). */
function checkNewApiKey(input: NewApiKey): ApiKeyResult<NewApiKey> {
  const name = input.name.trim();
  if (name.length === 0) return invalid('An API key needs a name that says what uses it.', { field: 'name' });
  if ([...name].length > MAX_API_KEY_NAME_LENGTH) return invalid(`An API key name has at most ${MAX_API_KEY_NAME_LENGTH} characters.`, { field: 'name' });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return invalid('An API key name cannot contain control characters such as line breaks.', { field: 'name' });
  if (input.tenantId.length === 0 || input.createdBy.length === 0) return invalid('An API key belongs to a tenant and records who created it.');
  if (input.permissions.length === 0) return invalid('An API key needs at least one permission, such as "audit:read".', { field: 'permissions' });
  if (input.permissions.length > MAX_API_KEY_PERMISSIONS) return invalid(`An API key has at most ${MAX_API_KEY_PERMISSIONS} permissions.`, { field: 'permissions' });
  const issues = permissionIssues(input.permissions);
  if (issues.length > 0) return invalid(issues.map((i) => i.message).join(' '), { field: 'permissions', permissions: issues.map((i) => i.details.permission) });
  if (!Number.isInteger(input.ratePerMinute) || input.ratePerMinute < 1 || input.ratePerMinute > MAX_RATE_PER_MINUTE) {
    return invalid(`The rate limit must be a whole number of requests per minute from 1 to ${MAX_RATE_PER_MINUTE}; got ${input.ratePerMinute}.`, { field: 'ratePerMinute' });
  }
  return { ok: true, value: { ...input, name, permissions: [...new Set(input.permissions)].sort() } };
}

/** Creates a key. Only its hash is stored; the returned `key` cannot be recovered later. */
export async function createApiKey(db: Db, input: NewApiKey, now: Date): Promise<ApiKeyResult<IssuedApiKey>> {
  const checked = checkNewApiKey(input);
  if (!checked.ok) return checked;
  const { tenantId, name, permissions, createdBy, ratePerMinute } = checked.value;
  const id = newServerId(now);
  const key = newSecret(API_KEY_PREFIX);
  await db
    .insertInto('api_keys')
    .values({
      id,
      tenant_id: tenantId,
      name,
      key_hash: hashSecret(key),
      permissions: JSON.stringify(permissions),
      created_by: createdBy,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
      rate_limit_per_minute: ratePerMinute,
    })
    .execute();
  return { ok: true, value: { id, key } };
}

/**
 * The live key a presented secret stands for, or null (unknown, malformed or
 * revoked). Records when it was last used, to a minute's resolution.
 */
export async function resolveApiKey(db: Db, key: string, now: Date): Promise<ResolvedApiKey | null> {
  if (!isWellFormedSecret(key, API_KEY_PREFIX)) return null;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'permissions', 'rate_limit_per_minute', 'last_used_at'])
    .where('key_hash', '=', hashSecret(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) return null;
  if (row.last_used_at === null || Date.parse(row.last_used_at) <= now.getTime() - LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { id: row.id, tenantId: row.tenant_id, permissions: parsePermissions(row.permissions), ratePerMinute: Number(row.rate_limit_per_minute) };
}

/**
 * Gives the key a new secret, keeping its id, name, permissions and rate
 * limit. The old secret stops working at once (there is no overlap: an
 * integrator who needs zero downtime creates a second key, switches, then
 * revokes the first).
 */
export async function rotateApiKey(db: Db, ref: { readonly tenantId: string; readonly id: string }): Promise<ApiKeyResult<IssuedApiKey>> {
  const key = newSecret(API_KEY_PREFIX);
  const result = await db
    .updateTable('api_keys')
    // last_used_at restarts, so the key list shows whether the new secret has been deployed.
    .set({ key_hash: hashSecret(key), last_used_at: null })
    .where('id', '=', ref.id)
    .where('tenant_id', '=', ref.tenantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return whyNotLive(db, ref);
  return { ok: true, value: { id: ref.id, key } };
}

/** Revokes a key for good, and its export keys. Revoking one already revoked is an error, so a caller learns it was done before. */
export async function revokeApiKey(db: Db, ref: { readonly tenantId: string; readonly id: string }, now: Date): Promise<ApiKeyResult<{ readonly revokedAt: string }>> {
  const revokedAt = now.toISOString();
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: revokedAt })
    .where('id', '=', ref.id)
    .where('tenant_id', '=', ref.tenantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return whyNotLive(db, ref);
  // Its export keys go with it: the server stops certifying them or authorising them for exports.
  await db.updateTable('devices').set({ revoked_at: revokedAt }).where('user_id', '=', ref.id).where('holder_type', '=', 'apiKey').where('revoked_at', 'is', null).execute();
  return { ok: true, value: { revokedAt } };
}

/** Every key of a tenant, newest first, revoked ones included (with revokedAt). No hashes. */
export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeySummary[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'tenant_id', 'name', 'permissions', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'rate_limit_per_minute'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    permissions: parsePermissions(row.permissions),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    ratePerMinute: Number(row.rate_limit_per_minute),
  }));
}

/** Why an update matched no live key: it does not exist in this tenant, or it was revoked. */
async function whyNotLive(db: Db, ref: { readonly tenantId: string; readonly id: string }): Promise<ApiKeyResult<never>> {
  const row = await db.selectFrom('api_keys').select(['revoked_at']).where('id', '=', ref.id).where('tenant_id', '=', ref.tenantId).executeTakeFirst();
  const revokedAt = row?.revoked_at ?? null;
  if (revokedAt !== null) {
    return { ok: false, error: { code: 'REVOKED', message: `API key ${ref.id} was revoked at ${revokedAt}; create a new key instead.`, details: { id: ref.id } } };
  }
  // Another tenant's key is reported exactly like a missing one.
  return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API key ${ref.id} in this tenant.`, details: { id: ref.id } } };
}

/** Stored as a JSON array written by createApiKey; anything else is treated as no permission at all. */
function parsePermissions(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((p): p is string => typeof p === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

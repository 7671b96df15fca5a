/**
 * Webhook subscriptions and their dead letters, as the management API sees
 * them: created with a fresh secret (returned once), listed without it,
 * deleted with their pending deliveries, and dead letters sent again. Every
 * query names the tenant, so another tenant's subscription or delivery is
 * simply not found.
 */
import { isCollectionName, type CollectionName } from '@steward/domain';
import type { Db } from '../../db/dialect.ts';
import type { WebhookFilter } from './filter.ts';
import { newWebhookSecret } from './signature.ts';

export const MAX_SUBSCRIPTIONS_PER_TENANT = 25;

export interface WebhookSummary {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly collections: readonly CollectionName[];
  readonly actions: readonly string[];
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface DeadLetter {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly action: string;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deadLetteredAt: string;
}

export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: 'NOT_FOUND' | 'LIMIT'; readonly message: string } };

export interface NewSubscription extends WebhookFilter {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  readonly createdBy: string;
}

export async function createSubscription(db: Db, input: NewSubscription, now: string): Promise<StoreResult<WebhookSummary & { readonly secret: string }>> {
  const count = await db.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', input.tenantId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_SUBSCRIPTIONS_PER_TENANT) return { ok: false, error: { code: 'LIMIT', message: `A tenant has at most ${MAX_SUBSCRIPTIONS_PER_TENANT} webhook subscriptions; delete one first.` } };
  const secret = newWebhookSecret();
  const collections = [...new Set(input.collections)].sort();
  const actions = [...new Set(input.actions)].sort();
  await db
    .insertInto('webhook_subscriptions')
    .values({ id: input.id, tenant_id: input.tenantId, url: input.url, secret, collections: JSON.stringify(collections), actions: JSON.stringify(actions), created_by: input.createdBy, created_at: now, active: 1 })
    .execute();
  return { ok: true, value: { id: input.id, tenantId: input.tenantId, url: input.url, collections, actions, active: true, createdBy: input.createdBy, createdAt: now, secret } };
}

export async function listSubscriptions(db: Db, tenantId: string): Promise<WebhookSummary[]> {
  const rows = await db.selectFrom('webhook_subscriptions').select(['id', 'tenant_id', 'url', 'collections', 'actions', 'active', 'created_by', 'created_at']).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, url: row.url, ...filterOf(row), active: Number(row.active) === 1, createdBy: row.created_by, createdAt: row.created_at }));
}

/** Removes the subscription and every delivery of it, pending or dead: nothing is sent for it again. */
export async function deleteSubscription(db: Db, ref: { readonly tenantId: string; readonly id: string }): Promise<StoreResult<{ readonly url: string }>> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('webhook_subscriptions').where('id', '=', ref.id).where('tenant_id', '=', ref.tenantId).returning(['url']).executeTakeFirst();
    if (row === undefined) return notFound(`There is no webhook subscription ${ref.id} in this tenant.`);
    await trx.deleteFrom('webhook_deliveries').where('subscription_id', '=', ref.id).execute();
    return { ok: true, value: { url: row.url } };
  });
}

export async function listDeadLetters(db: Db, tenantId: string, limit: number): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'subscription_id', 'event_id', 'action', 'attempts', 'last_status', 'last_error', 'created_at', 'dead_lettered_at'])
    .where('tenant_id', '=', tenantId)
    .where('dead_lettered_at', 'is not', null)
    .orderBy('dead_lettered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    action: row.action,
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    deadLetteredAt: row.dead_lettered_at ?? '',
  }));
}

/**
 * Schedules a delivery again from its first attempt, with the same id and
 * body (receivers deduplicate on Steward-Delivery-Id). Dead letters and
 * delivered ones alike: a receiver that lost what it got may ask again.
 */
export async function redeliver(db: Db, ref: { readonly tenantId: string; readonly id: string }, now: string): Promise<StoreResult<{ readonly subscriptionId: string; readonly eventId: string }>> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set({ attempts: 0, next_attempt_at: now, delivered_at: null, dead_lettered_at: null })
    .where('id', '=', ref.id)
    .where('tenant_id', '=', ref.tenantId)
    // An attempt in flight finishes first: its claim holds the row until it answers.
    .where((eb) => eb.or([eb('delivered_at', 'is not', null), eb('dead_lettered_at', 'is not', null)]))
    .returning(['subscription_id', 'event_id'])
    .executeTakeFirst();
  if (row === undefined) return notFound(`There is no finished webhook delivery ${ref.id} in this tenant (it may still be pending).`);
  return { ok: true, value: { subscriptionId: row.subscription_id, eventId: row.event_id } };
}

/** The filter columns as stored (written by createSubscription; unknown entries are dropped). */
export function filterOf(row: { readonly collections: string; readonly actions: string }): WebhookFilter {
  return { collections: parseStrings(row.collections).filter(isCollectionName), actions: parseStrings(row.actions) };
}

function parseStrings(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function notFound(message: string): StoreResult<never> {
  return { ok: false, error: { code: 'NOT_FOUND', message } };
}

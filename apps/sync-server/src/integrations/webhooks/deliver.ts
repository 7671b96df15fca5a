/**
 * Sends due deliveries. A worker claims rows in a short transaction (on
 * PostgreSQL `FOR UPDATE SKIP LOCKED`, so processes never claim the same
 * row) by counting the attempt and moving `next_attempt_at` past the
 * request's timeout: that is the claim, and no transaction stays open over
 * the HTTP call (an open transaction would hold back every pull's settled
 * horizon, ADR 3). The outcome is written only if the claim still stands
 * (same attempt count, not finished), so an attempt whose claim lapsed
 * cannot overwrite a later one.
 */
import type { Services } from '../../services.ts';
import { retryDelayMs, type WebhookSettings } from './settings.ts';
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.ts';

/** Extra time a claim outlives the request's own timeout. */
const CLAIM_MARGIN_MS = 30_000;
const MAX_ERROR_LENGTH = 500;

export interface ClaimedDelivery {
  readonly id: string;
  readonly action: string;
  readonly payload: string;
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
}

export type AttemptOutcome = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly status: number | null; readonly error: string };

export async function claimDue(services: Services, settings: WebhookSettings, limit: number): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const now = services.now();
  const claimUntil = new Date(Date.parse(now) + settings.timeoutMs + CLAIM_MARGIN_MS).toISOString();
  return services.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('webhook_deliveries')
      .select(['id', 'action', 'payload', 'attempts', 'subscription_id'])
      .where('delivered_at', 'is', null)
      .where('dead_lettered_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where('subscription_id', 'in', trx.selectFrom('webhook_subscriptions').select('id').where('active', '=', 1))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (services.dialect.kind === 'postgres') query = query.forUpdate().skipLocked();
    const due = await query.execute();
    if (due.length === 0) return [];
    await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: claimUntil }))
      .where('id', 'in', due.map((d) => d.id))
      .execute();
    const subscriptions = await trx.selectFrom('webhook_subscriptions').select(['id', 'url', 'secret']).where('id', 'in', [...new Set(due.map((d) => d.subscription_id))]).execute();
    const byId = new Map(subscriptions.map((s) => [s.id, s]));
    return due.flatMap((d) => {
      const subscription = byId.get(d.subscription_id);
      return subscription === undefined ? [] : [{ id: d.id, action: d.action, payload: d.payload, attempts: Number(d.attempts) + 1, url: subscription.url, secret: subscription.secret }];
    });
  });
}

/** One POST of the stored body, signed now. Any 2xx is success; redirects are not followed (the URL was vetted, its target was not). */
export async function attempt(delivery: ClaimedDelivery, nowMs: number, timeoutMs: number): Promise<AttemptOutcome> {
  const timestamp = Math.floor(nowMs / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Steward-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, timestamp, delivery.payload),
        [DELIVERY_ID_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.action,
      },
      body: delivery.payload,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { ok: false, status: null, error: (error instanceof Error ? `${error.message}${cause}` : String(error)).slice(0, MAX_ERROR_LENGTH) };
  }
}

/** Records an attempt's outcome: delivered, due again after a backoff, or dead-lettered after the last attempt. */
export async function recordOutcome(services: Services, settings: WebhookSettings, delivery: ClaimedDelivery, outcome: AttemptOutcome, random: number): Promise<'delivered' | 'retry' | 'dead'> {
  const now = services.now();
  const delay = outcome.ok ? undefined : retryDelayMs(settings, delivery.attempts, random);
  const verdict = outcome.ok ? 'delivered' : delay === undefined ? 'dead' : 'retry';
  await services.db
    .updateTable('webhook_deliveries')
    .set({
      last_status: outcome.status,
      last_error: outcome.ok ? null : outcome.error,
      ...(verdict === 'delivered' ? { delivered_at: now } : {}),
      ...(verdict === 'dead' ? { dead_lettered_at: now } : {}),
      ...(delay === undefined ? {} : { next_attempt_at: new Date(Date.parse(now) + delay).toISOString() }),
    })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .where('delivered_at', 'is', null)
    .where('dead_lettered_at', 'is', null)
    .execute();
  return verdict;
}

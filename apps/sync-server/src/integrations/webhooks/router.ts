/**
 * `webhooks.*`: outbound webhook subscriptions, managed by whoever may
 * update the tenant (signed in as a person, like API keys). Deliveries carry
 * the tenant's audit events, so a subscription also needs audit:read from
 * its creator. The secret is returned once, at creation. Every change is an
 * audit event; the URL is recorded by origin only (a path or query may hold
 * the receiver's own token).
 */
import { COLLECTIONS } from '@steward/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { recordAuditEvents } from '../../ledger/record.ts';
import type { Services } from '../../services.ts';
import { Access } from '../../sync/access.ts';
import { actorIdOf, type Principal } from '../../sync/principal.ts';
import { authedProcedure, domainError, router } from '../../trpc/trpc.ts';
import { ACTION_PATTERN } from './filter.ts';
import { createSubscription, deleteSubscription, listDeadLetters, listSubscriptions, redeliver, type StoreResult } from './store.ts';
import { checkWebhookUrl, originOf } from './url-policy.ts';

const uuid = z.uuid();
const MANAGE_PERMISSION = 'tenant:update';
const READ_EVENTS_PERMISSION = 'audit:read';

async function requireManager(services: Services, principal: Principal, tenantId: string): Promise<Access> {
  const access = new Access(services.db, principal, services.now());
  if (principal.kind !== 'user' || !(await access.may(MANAGE_PERMISSION, tenantId))) {
    throw domainError({ code: 'FORBIDDEN', message: `Managing webhooks needs ${MANAGE_PERMISSION} in the tenant, signed in as a person (not with an API key).` });
  }
  return access;
}

function storeError(error: Extract<StoreResult<never>, { ok: false }>['error']): TRPCError {
  return new TRPCError({ code: error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'PRECONDITION_FAILED', message: error.message });
}

async function audit(services: Services, principal: Principal, tenantId: string, action: string, resourceType: string, resourceId: string, context: Record<string, string | number>): Promise<void> {
  await recordAuditEvents(services, [{ tenantId, actorId: actorIdOf(principal), actorType: 'user', action, resourceType, resourceId, outcome: 'success', context, pii: false }]);
}

const filterInput = {
  collections: z.array(z.enum(COLLECTIONS)).max(COLLECTIONS.length).default([]),
  actions: z
    .array(z.string().regex(ACTION_PATTERN, { error: 'must be an audit action or a pattern with * wildcards, e.g. user.* or *.delete' }))
    .min(1)
    .max(20)
    .default(['*']),
};

export const webhooksRouter = router({
  list: authedProcedure.input(z.strictObject({ tenantId: uuid })).query(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    return listSubscriptions(ctx.services.db, input.tenantId);
  }),

  create: authedProcedure.input(z.strictObject({ tenantId: uuid, url: z.string().min(1).max(4096), ...filterInput })).mutation(async ({ ctx, input }) => {
    const { services, principal } = ctx;
    const access = await requireManager(services, principal, input.tenantId);
    if (!(await access.may(READ_EVENTS_PERMISSION, input.tenantId))) {
      throw domainError({ code: 'FORBIDDEN', message: `A webhook delivers the tenant's audit events, so creating one needs ${READ_EVENTS_PERMISSION} as well.` });
    }
    const url = checkWebhookUrl(input.url, services.webhooks.allowLoopbackHttp);
    if (!url.ok) throw domainError(url.error);
    const created = await createSubscription(services.db, { id: services.newId(), tenantId: input.tenantId, url: url.value, collections: input.collections, actions: input.actions, createdBy: access.actorId }, services.now());
    if (!created.ok) throw storeError(created.error);
    const { value } = created;
    await audit(services, principal, input.tenantId, 'webhook.create', 'webhook', value.id, { origin: originOf(value.url), collections: value.collections.join(' '), actions: value.actions.join(' ') });
    return value;
  }),

  delete: authedProcedure.input(z.strictObject({ tenantId: uuid, id: uuid })).mutation(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    const deleted = await deleteSubscription(ctx.services.db, input);
    if (!deleted.ok) throw storeError(deleted.error);
    await audit(ctx.services, ctx.principal, input.tenantId, 'webhook.delete', 'webhook', input.id, { origin: originOf(deleted.value.url) });
    return { id: input.id, deleted: true as const };
  }),

  deadLetters: authedProcedure.input(z.strictObject({ tenantId: uuid, limit: z.int().min(1).max(500).default(100) })).query(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    return listDeadLetters(ctx.services.db, input.tenantId, input.limit);
  }),

  redeliver: authedProcedure.input(z.strictObject({ tenantId: uuid, deliveryId: uuid })).mutation(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    const scheduled = await redeliver(ctx.services.db, { tenantId: input.tenantId, id: input.deliveryId }, ctx.services.now());
    if (!scheduled.ok) throw storeError(scheduled.error);
    await audit(ctx.services, ctx.principal, input.tenantId, 'webhook.redeliver', 'webhookDelivery', input.deliveryId, { subscriptionId: scheduled.value.subscriptionId, eventId: scheduled.value.eventId });
    return { id: input.deliveryId, scheduled: true as const };
  }),
});

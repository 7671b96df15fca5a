/**
 * API keys for integrations: created, listed, rotated and revoked by whoever
 * may update the tenant. A key can only carry permissions its creator holds
 * (no escalation through a key); the secret is returned once and stored
 * only as a hash. Every change is an audit event.
 */
import { heldPermissions, missingPermissions, type DomainIssue } from '@steward/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey, type ApiKeyIssue } from '../../auth/api-keys.ts';
import { recordAuditEvents } from '../../ledger/record.ts';
import type { Services } from '../../services.ts';
import { Access } from '../../sync/access.ts';
import { actorIdOf, type Principal } from '../../sync/principal.ts';
import { authedProcedure, domainError, router } from '../trpc.ts';

const uuid = z.uuid();
const MANAGE_PERMISSION = 'tenant:update';

async function requireManager(services: Services, principal: Principal, tenantId: string): Promise<Access> {
  const access = new Access(services.db, principal, services.now());
  if (principal.kind !== 'user' || !(await access.may(MANAGE_PERMISSION, tenantId))) {
    throw domainError({ code: 'FORBIDDEN', message: `Managing API keys needs ${MANAGE_PERMISSION} in the tenant, signed in as a person (not with an API key).` });
  }
  return access;
}

function keyError(error: ApiKeyIssue): TRPCError {
  return new TRPCError({ code: error.code === 'NOT_FOUND' ? 'NOT_FOUND' : error.code === 'REVOKED' ? 'PRECONDITION_FAILED' : 'BAD_REQUEST', message: error.message });
}

async function audit(services: Services, principal: Principal, tenantId: string, action: string, keyId: string, context: Record<string, string | number>): Promise<void> {
  await recordAuditEvents(services, [{ tenantId, actorId: actorIdOf(principal), actorType: 'user', action, resourceType: 'apiKey', resourceId: keyId, outcome: 'success', context, pii: false }]);
}

export const apiKeysRouter = router({
  list: authedProcedure.input(z.strictObject({ tenantId: uuid })).query(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    return listApiKeys(ctx.services.db, input.tenantId);
  }),

  create: authedProcedure
    .input(z.strictObject({ tenantId: uuid, name: z.string().min(1).max(100), permissions: z.array(z.string().max(128)).min(1).max(100), ratePerMinute: z.int().min(1).max(10_000).default(600) }))
    .mutation(async ({ ctx, input }) => {
      const { services, principal } = ctx;
      const access = await requireManager(services, principal, input.tenantId);
      const state = await access.state(input.tenantId);
      const missing = missingPermissions(heldPermissions(state.policy, access.actorId, services.now()), input.permissions);
      if (missing.length > 0) {
        const issue: DomainIssue = { code: 'FORBIDDEN', message: `An API key cannot carry permissions you do not hold yourself: ${missing.join(', ')}.` };
        throw domainError(issue);
      }
      const created = await createApiKey(services.db, { ...input, createdBy: access.actorId }, new Date(services.now()));
      if (!created.ok) throw keyError(created.error);
      await audit(services, principal, input.tenantId, 'apiKey.create', created.value.id, { name: input.name, permissions: input.permissions.join(' ') });
      return created.value;
    }),

  rotate: authedProcedure.input(z.strictObject({ tenantId: uuid, id: uuid })).mutation(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    const rotated = await rotateApiKey(ctx.services.db, input);
    if (!rotated.ok) throw keyError(rotated.error);
    await audit(ctx.services, ctx.principal, input.tenantId, 'apiKey.rotate', input.id, {});
    return rotated.value;
  }),

  revoke: authedProcedure.input(z.strictObject({ tenantId: uuid, id: uuid })).mutation(async ({ ctx, input }) => {
    await requireManager(ctx.services, ctx.principal, input.tenantId);
    const revoked = await revokeApiKey(ctx.services.db, input, new Date(ctx.services.now()));
    if (!revoked.ok) throw keyError(revoked.error);
    await audit(ctx.services, ctx.principal, input.tenantId, 'apiKey.revoke', input.id, {});
    return revoked.value;
  }),
});

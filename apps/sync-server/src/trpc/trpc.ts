/**
 * tRPC is initialised here, once. Procedures start from `publicProcedure`
 * or `authedProcedure`; authentication is middleware that narrows the
 * context, never a check inside a resolver. Domain issues become tRPC errors
 * in one place (`domainError`), and the formatter adds the contract's code.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { DomainIssue, ErrorCode } from '@steward/domain';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import { recordAuditEvents } from '../ledger/record.ts';
import type { Principal } from '../sync/principal.ts';

const TRPC_CODE: Record<ErrorCode, TRPCError['code']> = {
  FORBIDDEN: 'FORBIDDEN',
  QUOTA_EXCEEDED: 'TOO_MANY_REQUESTS',
  INVALID: 'BAD_REQUEST',
  IMMUTABLE: 'PRECONDITION_FAILED',
  CONFLICT: 'CONFLICT',
};

class StewardError extends TRPCError {
  readonly stewardCode: ErrorCode;
  constructor(issue: DomainIssue) {
    super({ code: TRPC_CODE[issue.code], message: issue.message });
    this.stewardCode = issue.code;
  }
}

export function domainError(issue: DomainIssue): TRPCError {
  return new StewardError(issue);
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues = cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : undefined;
    const stewardCode = error instanceof StewardError ? error.stewardCode : cause instanceof ZodError ? 'INVALID' : undefined;
    // zod's own message is a JSON dump of its issues; say it as a sentence instead.
    const message = issues === undefined ? shape.message : `Invalid input: ${issues.map((i) => (i.path === '' ? i.message : `${i.path} ${i.message}`)).join('; ')}.`;
    return { ...shape, message, data: { ...shape.data, stack: undefined, ...(stewardCode === undefined ? {} : { stewardCode }), ...(issues === undefined ? {} : { issues }) } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

/**
 * Authenticated calls. An API key also spends from its per-minute budget,
 * and every call made with one is an audit event in the key's tenant.
 */
export const authedProcedure = t.procedure.use(async ({ ctx, next, path }) => {
  if (ctx.principal === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: the request has no valid session token or API key.' });
  const principal: Principal = ctx.principal;
  if (principal.kind === 'apiKey') {
    const { services } = ctx;
    const decision = services.apiKeyLimiter.take(principal.keyId, principal.ratePerMinute, Date.parse(services.now()));
    if (!decision.allowed) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `This API key is limited to ${principal.ratePerMinute} requests a minute; retry in ${Math.ceil(decision.retryAfterMs / 1000)} s.` });
    }
    await recordAuditEvents(services, [
      { tenantId: principal.tenantId, actorId: principal.keyId, actorType: 'apiKey', action: 'apiKey.use', resourceType: 'apiKey', resourceId: principal.keyId, outcome: 'success', context: { procedure: path }, pii: false },
    ]);
  }
  return next({ ctx: { ...ctx, principal } });
});

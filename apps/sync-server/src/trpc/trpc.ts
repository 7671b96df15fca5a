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
import { admitCall } from '../auth/admit-call.ts';

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
  const admission = await admitCall(ctx.services, ctx.principal, path);
  if (!admission.ok) {
    const { refusal } = admission;
    throw new TRPCError({ code: refusal.code === 'UNAUTHORIZED' ? 'UNAUTHORIZED' : 'TOO_MANY_REQUESTS', message: refusal.message });
  }
  return next({ ctx: { ...ctx, principal: admission.principal } });
});

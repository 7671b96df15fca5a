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
    return { ...shape, data: { ...shape.data, stack: undefined, ...(stewardCode === undefined ? {} : { stewardCode }), ...(issues === undefined ? {} : { issues }) } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.principal === null) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first: the request has no valid session token or API key.' });
  const principal: Principal = ctx.principal;
  return next({ ctx: { ...ctx, principal } });
});

/**
 * The audit ledger's evidence: signed checkpoints, inclusion and consistency
 * proofs, and the public key that checks them offline.
 *
 * Inclusion proofs are given only for events the caller may read
 * (`audit:read` in the event's tenant, or platform-wide for platform
 * events). An unknown event and an unreadable one get the same NOT_FOUND,
 * so asking cannot reveal that another tenant's event exists. Checkpoints
 * and consistency proofs name no event, so any signed-in caller gets them.
 */
import { TRPCError } from '@trpc/server';
import { documentId } from '@steward/domain';
import { z } from 'zod';
import type { LedgerResult } from '../../ledger/ledger-service.ts';
import { readDocument } from '../../store/documents.ts';
import { Access } from '../../sync/access.ts';
import { authedProcedure, domainError, publicProcedure, router } from '../trpc.ts';

const treeSize = z.int().min(0);

/** Proves nothing about an event the caller may not read; shaped like the unknown-event answer. */
const auditEventReadable = authedProcedure.input(z.strictObject({ eventId: documentId, treeSize: treeSize.optional() })).use(async ({ ctx, input, next }) => {
  const { services, principal } = ctx;
  const event = await readDocument(services.db, services.dialect, 'auditEvents', input.eventId);
  const readable = event !== undefined && (await new Access(services.db, principal, services.now()).may('audit:read', event.tenantId));
  if (!readable) throw eventNotFound(input.eventId);
  return next();
});

export const ledgerRouter = router({
  checkpoint: authedProcedure.query(async ({ ctx }) => unwrap(await ctx.services.ledger.checkpoint())),

  inclusionProof: auditEventReadable.query(async ({ ctx, input }) =>
    unwrap(await ctx.services.ledger.inclusionProof(input.eventId, input.treeSize), () => eventNotFound(input.eventId)),
  ),

  consistencyProof: authedProcedure
    .input(z.strictObject({ fromSize: treeSize, toSize: treeSize }))
    .query(async ({ ctx, input }) => unwrap(await ctx.services.ledger.consistencyProof(input.fromSize, input.toSize))),

  publicKey: publicProcedure.query(({ ctx }) => ctx.services.ledger.publicKey()),
});

function eventNotFound(eventId: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `No audit event ${eventId} that you may read is in the ledger.` });
}

/** The value, or the issue as the tRPC error the contract promises. */
function unwrap<T>(result: LedgerResult<T>, notFound?: () => TRPCError): T {
  if (result.ok) return result.value;
  const { error } = result;
  if (error.code === 'NOT_FOUND') throw notFound?.() ?? new TRPCError({ code: 'NOT_FOUND', message: error.message });
  throw domainError(error);
}

/** The replication contract: pull, push and the live stream, for all ten collections. */
import { COLLECTIONS } from '@steward/domain';
import { z } from 'zod';
import { Access } from '../../sync/access.ts';
import { checkpointSchema, openCheckpoint, sealCheckpoint } from '../../sync/checkpoint.ts';
import { pull } from '../../sync/pull.ts';
import { push } from '../../sync/push.ts';
import { streamChanges } from '../../sync/stream.ts';
import { authedProcedure, domainError, router } from '../trpc.ts';

export const MAX_PULL_LIMIT = 1_000;
export const MAX_PUSH_ROWS = 500;

const collection = z.enum(COLLECTIONS, { error: `must be one of ${COLLECTIONS.join(', ')}` });

export const syncRouter = router({
  pull: authedProcedure
    .input(z.strictObject({ collection, checkpoint: checkpointSchema.nullable(), limit: z.int().min(1).max(MAX_PULL_LIMIT).default(200) }))
    .query(async ({ ctx, input }) => {
      const { services, principal } = ctx;
      const access = new Access(services.db, principal, services.now());
      let checkpoint = null;
      if (input.checkpoint !== null) {
        const opened = openCheckpoint(input.checkpoint, services.checkpointKey, access.actorId);
        if (!opened.ok) throw domainError(opened.error);
        checkpoint = opened.value;
      }
      const result = await pull(services, access, input.collection, checkpoint, input.limit);
      return { documents: result.documents, checkpoint: sealCheckpoint(result.checkpoint, services.checkpointKey, access.actorId) };
    }),

  push: authedProcedure
    .input(
      z.strictObject({
        collection,
        rows: z.array(z.strictObject({ assumedMasterState: z.unknown().nullable(), newDocumentState: z.unknown() })).max(MAX_PUSH_ROWS),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await push(ctx.services, new Access(ctx.services.db, ctx.principal, ctx.services.now()), input.collection, input.rows);
      return { conflicts: result.conflicts, rejections: result.rejections };
    }),

  stream: authedProcedure
    .input(z.strictObject({ collections: z.array(collection).max(COLLECTIONS.length).optional() }).optional())
    .subscription(({ ctx, input, signal }) => streamChanges(ctx.services, ctx.principal, input?.collections ?? COLLECTIONS, signal)),
});

/**
 * The REST API's inputs and outputs as zod schemas: the handlers parse with
 * them and openapi.ts generates the document from them, so what is
 * documented and what is enforced cannot drift apart. Documents themselves
 * are the domain's COLLECTION_SCHEMAS, unchanged.
 */
import { COLLECTION_ACCESS, COLLECTION_SCHEMAS, type CollectionName } from '@steward/domain';
import { z } from 'zod';
import { MAX_PULL_LIMIT } from '../../trpc/routers/sync.ts';

export const DEFAULT_PAGE_LIMIT = 100;
/** Node refuses request lines over 16 KiB; a cursor (a sealed checkpoint) is a few hundred bytes for one tenant. */
export const MAX_CURSOR_LENGTH = 12_000;

/** Every `error.code` the API answers with, whatever the status. */
export const REST_ERROR_CODES = ['INVALID', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'QUOTA_EXCEEDED', 'IMMUTABLE', 'RATE_LIMITED', 'INTERNAL'] as const;
export type RestErrorCode = (typeof REST_ERROR_CODES)[number];

export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(REST_ERROR_CODES),
      message: z.string().meta({ description: 'For a person: what was refused and why.' }),
      current: z.record(z.string(), z.unknown()).optional().meta({ description: 'With CONFLICT: the document as stored now (its `revision` is the one to build on).' }),
    }),
  })
  .meta({ description: 'Every error has this shape.' });

export const listQuerySchema = z.strictObject({
  cursor: z.string().min(1).max(MAX_CURSOR_LENGTH).optional().meta({ description: 'The `cursor` of the previous page; omit to start from the beginning.' }),
  limit: z.coerce.number<string>().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PAGE_LIMIT).meta({ description: 'Most documents in the page.' }),
});

export const evictionSchema = z
  .strictObject({ id: z.string(), _deleted: z.literal(true), _evicted: z.literal(true) })
  .meta({ description: 'A document you held that has left your read scope (a role was revoked): drop your copy. It carries none of its data.' });

export const writeReceiptSchema = z
  .strictObject({ id: z.string(), revision: z.int().min(1), updatedAt: z.string() })
  .meta({ description: 'What a write returns when your credential may write but not read the collection.' });

/** A collection's document schema, e.g. `User` for `users`. */
export function componentName(collection: CollectionName): string {
  const noun = COLLECTION_ACCESS[collection].noun;
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}

export function pageSchema(collection: CollectionName) {
  return z
    .strictObject({
      documents: z.array(z.union([COLLECTION_SCHEMAS[collection], evictionSchema])),
      cursor: z.string().meta({ description: 'Pass as `?cursor=` for the next page. A page shorter than `limit` means you are caught up; keep the cursor to fetch later changes.' }),
    })
    .meta({ description: `Changes to ${collection} you may read, in change order (the same pages as tRPC sync.pull).` });
}

export function writtenSchema(collection: CollectionName) {
  return z.union([COLLECTION_SCHEMAS[collection], writeReceiptSchema]);
}

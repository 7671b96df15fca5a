/**
 * The sync server's API as the console sees it: types only, inferred from
 * the server's router so a contract change breaks this build, not a user.
 */
import type { AppRouter } from '@steward/sync-server';
import type { TRPCClient } from '@trpc/client';

export type ApiClient = TRPCClient<AppRouter>;

export type LoginInput = Parameters<ApiClient['auth']['login']['mutate']>[0];
export type LoginResult = Awaited<ReturnType<ApiClient['auth']['login']['mutate']>>;
export type PullInput = Parameters<ApiClient['sync']['pull']['query']>[0];
export type PullResult = Awaited<ReturnType<ApiClient['sync']['pull']['query']>>;
/** Opaque to the console: it only ever hands back what the server gave it. */
export type PullCheckpoint = PullResult['checkpoint'];
export type ServerDocument = PullResult['documents'][number];
export type PushInput = Parameters<ApiClient['sync']['push']['mutate']>[0];
export type PushRow = PushInput['rows'][number];
export type PushResult = Awaited<ReturnType<ApiClient['sync']['push']['mutate']>>;
export type Rejection = PushResult['rejections'][number];
export type CollectionName = PullInput['collection'];
/** One item of `sync.stream`: 'RESYNC', or changes in one collection. */
export type StreamItem = 'RESYNC' | { readonly collection: CollectionName; readonly documents: readonly ServerDocument[]; readonly checkpoint: PullCheckpoint };

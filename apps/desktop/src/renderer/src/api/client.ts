/**
 * The tRPC client for one server and (optionally) one session. Queries and
 * mutations carry the token in the Authorization header; the live stream is
 * server-sent events, and EventSource cannot send headers, so it carries the
 * token as a connection parameter (the server keeps query strings out of its logs).
 */
import type { AppRouter } from '@steward/sync-server';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { ApiClient } from './types.ts';

export function createApiClient(serverUrl: string, token?: string): ApiClient {
  const url = `${serverUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url, ...(token === undefined ? {} : { connectionParams: { token } }) }),
        false: httpLink({ url, headers: () => (token === undefined ? {} : { authorization: `Bearer ${token}` }) }),
      }),
    ],
  });
}

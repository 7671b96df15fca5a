/**
 * Request context. The inner part (services + principal) is what procedures
 * use and what tests build directly; the adapter part reads the
 * Authorization header of a Fastify request and resolves it to a principal.
 */
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { resolveApiKey } from '../auth/api-keys.ts';
import { resolveSession } from '../auth/login.ts';
import { API_KEY_PREFIX } from '../auth/tokens.ts';
import type { Services } from '../services.ts';
import type { Principal } from '../sync/principal.ts';

export interface Context {
  readonly services: Services;
  /** null: no or an invalid credential (public procedures only). */
  readonly principal: Principal | null;
  /** The bearer credential as sent, so logout can revoke exactly it. */
  readonly bearer: string | null;
}

export function createContextInner(services: Services, principal: Principal | null, bearer: string | null = null): Context {
  return { services, principal, bearer };
}

export function bearerOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header.trim());
  return match?.[1] ?? null;
}

/** A session token or an API key (told apart by their prefixes); null when unknown, expired or revoked. */
export async function resolvePrincipal(services: Services, bearer: string | null): Promise<Principal | null> {
  if (bearer === null) return null;
  const now = new Date(services.now());
  if (bearer.startsWith(API_KEY_PREFIX)) {
    const key = await resolveApiKey(services.db, bearer, now);
    return key === null ? null : { kind: 'apiKey', keyId: key.id, tenantId: key.tenantId, permissions: key.permissions, ratePerMinute: key.ratePerMinute };
  }
  const session = await resolveSession(services.db, bearer, now);
  return session === null ? null : { kind: 'user', userId: session.userId, deviceId: session.deviceId };
}

/**
 * The credential comes in the Authorization header, or — for the live stream,
 * since a browser's EventSource cannot send headers — as the `token`
 * connection parameter (server.ts keeps query strings out of the logs).
 */
export function contextFactory(services: Services) {
  return async ({ req, info }: CreateFastifyContextOptions): Promise<Context> => {
    const param = info.connectionParams?.['token'];
    const bearer = bearerOf(req.headers.authorization) ?? (param === undefined ? null : bearerOf(`Bearer ${param}`));
    return createContextInner(services, await resolvePrincipal(services, bearer), bearer);
  };
}

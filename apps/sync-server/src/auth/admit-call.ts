/**
 * What every authenticated call must pass, whichever edge it arrives at
 * (tRPC or the REST API): a known principal, and for an API key one token
 * from its per-minute budget plus an `apiKey.use` audit event in the key's
 * tenant. A value, never a throw, so each edge maps a refusal once to its
 * own error shape (tRPC error, HTTP status with Retry-After).
 */
import { recordAuditEvents } from '../ledger/record.ts';
import type { Services } from '../services.ts';
import type { Principal } from '../sync/principal.ts';

export type CallRefusal =
  | { readonly code: 'UNAUTHORIZED'; readonly message: string }
  | { readonly code: 'RATE_LIMITED'; readonly message: string; readonly retryAfterSeconds: number };

export type Admission = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly refusal: CallRefusal };

/** `call` names what was called in the audit event (a tRPC path, or `GET /api/v1/users`). */
export async function admitCall(services: Services, principal: Principal | null, call: string): Promise<Admission> {
  if (principal === null) return { ok: false, refusal: { code: 'UNAUTHORIZED', message: 'Sign in first: the request has no valid session token or API key.' } };
  if (principal.kind === 'apiKey') {
    const decision = services.apiKeyLimiter.take(principal.keyId, principal.ratePerMinute, Date.parse(services.now()));
    if (!decision.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return { ok: false, refusal: { code: 'RATE_LIMITED', message: `This API key is limited to ${principal.ratePerMinute} requests a minute; retry in ${retryAfterSeconds} s.`, retryAfterSeconds } };
    }
    await recordAuditEvents(services, [
      { tenantId: principal.tenantId, actorId: principal.keyId, actorType: 'apiKey', action: 'apiKey.use', resourceType: 'apiKey', resourceId: principal.keyId, outcome: 'success', context: { procedure: call }, pii: false },
    ]);
  }
  return { ok: true, principal };
}

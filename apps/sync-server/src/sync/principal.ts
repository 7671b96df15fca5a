/** Who is calling, as authenticated by the server (never as claimed by a client). */
export type Principal =
  | { readonly kind: 'user'; readonly userId: string; readonly deviceId: string | null }
  | { readonly kind: 'apiKey'; readonly keyId: string; readonly tenantId: string; readonly permissions: readonly string[]; readonly ratePerMinute: number };

/** The id the audit trail and the write rules know the principal by. */
export function actorIdOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.keyId;
}

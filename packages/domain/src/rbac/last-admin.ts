/**
 * A tenant always keeps an administrator. An admin here is a user holding
 * tenant-admin in that tenant, directly or through a role that inherits it,
 * with an assignment in force and (when users are known) an active account.
 * Platform-wide grants do not count: the vendor's staff are not the tenant's
 * admin, and relying on them is the lock-out this rule prevents. For the
 * platform itself (tenantId null) the same rule keeps a platform-admin.
 *
 * Only changes that make things worse are refused: when a tenant already has
 * no admin (say the last grant expired), fixing other things stays possible.
 */
import type { DomainIssue } from '../errors.ts';
import { adminRoleIdFor } from './built-in-roles.ts';
import { formatIsoInstant, toMillis, type Instant } from './instant.ts';
import { isInForce, type TenantPolicy } from './policy.ts';

export interface AdminHolders {
  /** Users who administer the tenant at `now`. */
  readonly now: readonly string[];
  /** Of those, users with at least one admin grant that never expires. */
  readonly indefinitely: readonly string[];
  /** When the last admin grant in force ends (epoch ms); Infinity if one never does. */
  readonly lastUntilMs: number;
}

export function adminHolders(policy: TenantPolicy, now: Instant): AdminHolders {
  const nowMs = toMillis(now);
  const adminRoleId = adminRoleIdFor(policy.tenantId);
  const holders = new Set<string>();
  const lasting = new Set<string>();
  let lastUntilMs = Number.NEGATIVE_INFINITY;
  for (const [userId, assignments] of policy.assignmentsByUser) {
    for (const a of assignments) {
      if (a.tenantId !== policy.tenantId || a.grants === null || a.role === null) continue;
      if (!a.role.closure.has(adminRoleId) || !isInForce(a, nowMs)) continue;
      holders.add(userId);
      if (a.expiresAt === null) lasting.add(userId);
      lastUntilMs = Math.max(lastUntilMs, a.expiresAtMs);
    }
  }
  return { now: [...holders].sort(), indefinitely: [...lasting].sort(), lastUntilMs };
}

/** Compares the tenant before and after a change; refuses one that leaves it without an admin. */
export function checkLastAdmin(before: TenantPolicy, after: TenantPolicy, now: Instant): DomainIssue<'FORBIDDEN'>[] {
  const was = adminHolders(before, now);
  const will = adminHolders(after, now);
  const scope = before.tenantId === null ? 'the platform' : `tenant ${before.tenantId}`;
  const details = { tenantId: before.tenantId, adminRoleId: adminRoleIdFor(before.tenantId), adminsBefore: was.now };
  if (was.now.length > 0 && will.now.length === 0) {
    return [{
      code: 'FORBIDDEN',
      message: `This would leave ${scope} without an administrator: ${listUsers(was.now)} ${was.now.length === 1 ? 'is' : 'are'} the only admin${was.now.length === 1 ? '' : 's'} now. Grant the admin role to someone else first.`,
      details: { reason: 'last-admin', ...details },
    }];
  }
  if (was.indefinitely.length > 0 && will.indefinitely.length === 0 && Number.isFinite(will.lastUntilMs)) {
    return [{
      code: 'FORBIDDEN',
      message: `After this change every admin grant in ${scope} expires, the last at ${formatIsoInstant(will.lastUntilMs)}, and the tenant would then have no administrator. Keep at least one admin grant without an expiry.`,
      details: { reason: 'last-admin-expiring', lastExpiresAt: formatIsoInstant(will.lastUntilMs), ...details },
    }];
  }
  return [];
}

function listUsers(userIds: readonly string[]): string {
  return userIds.map((id) => `user ${id}`).join(', ');
}

/**
 * Small builders for RBAC tests: readable ids, sensible defaults, one fixed
 * clock. Not part of the module's API (index.ts does not export it).
 */
import { BUILT_IN_ROLES } from './built-in-roles.ts';
import { formatIsoInstant, parseIsoInstant } from './instant.ts';
import type { RoleAssignmentLike, RoleLike, UserLike } from './types.ts';

export const TENANT = 'tenant-a';
export const OTHER_TENANT = 'tenant-b';

/** The tests' "now": 2025-06-01T12:00:00.000Z. */
export const NOW = parseIsoInstant('2025-06-01T12:00:00.000Z');
export const DAY = 86_400_000;

export function iso(ms: number): string {
  return formatIsoInstant(ms);
}

export function role(id: string, fields: Partial<RoleLike> = {}): RoleLike {
  return {
    id,
    tenantId: TENANT,
    name: id,
    scope: 'tenant',
    permissions: [],
    inherits: [],
    exclusiveWith: [],
    builtIn: false,
    ...fields,
  };
}

export function grant(id: string, userId: string, roleId: string, fields: Partial<RoleAssignmentLike> = {}): RoleAssignmentLike {
  return {
    id,
    userId,
    roleId,
    tenantId: TENANT,
    grantedBy: 'granter',
    validFrom: iso(NOW - 30 * DAY),
    expiresAt: null,
    reason: 'test',
    ...fields,
  };
}

export function user(id: string, status = 'active'): UserLike {
  return { id, status };
}

/** Built-ins plus the given roles, as a server would pass them. */
export function withBuiltIns(...roles: RoleLike[]): RoleLike[] {
  return [...BUILT_IN_ROLES, ...roles];
}

/** The `details.reason` of each issue, for compact assertions. */
export function reasons(issues: readonly { readonly details?: Readonly<Record<string, unknown>> }[]): unknown[] {
  return issues.map((i) => i.details?.['reason']);
}

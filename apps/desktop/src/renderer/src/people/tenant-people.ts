/**
 * Who belongs on a tenant's Users screen, and the search over them. A
 * person is listed under a tenant when their account is the tenant's or
 * when they hold (or held) a role there, so a contractor from elsewhere
 * with a grant here is not hidden.
 */
import type { RoleAssignment, Tenant, User } from '@steward/domain';

export function usersOfTenant(users: readonly User[], assignments: readonly RoleAssignment[], tenantId: string): User[] {
  const granted = new Set(assignments.filter((a) => a.tenantId === tenantId).map((a) => a.userId));
  return users
    .filter((u) => u.tenantId === tenantId || granted.has(u.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
}

/** Case- and accent-insensitive match on name and email; every word of the query must match. */
export function searchUsers(users: readonly User[], query: string): User[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...users];
  return users.filter((u) => {
    const text = fold(`${u.displayName} ${u.email}`);
    return words.every((w) => text.includes(w));
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Tenants sorted by name; the signed-in person's own tenant is the one to start on. */
export function sortedTenants(tenants: readonly Tenant[]): Tenant[] {
  return [...tenants].sort((a, b) => a.name.localeCompare(b.name));
}

export function initialTenantId(tenants: readonly Tenant[], ownTenantId: string | null, chosen: string | null): string | null {
  if (chosen !== null && tenants.some((t) => t.id === chosen)) return chosen;
  if (ownTenantId !== null && tenants.some((t) => t.id === ownTenantId)) return ownTenantId;
  return sortedTenants(tenants)[0]?.id ?? null;
}

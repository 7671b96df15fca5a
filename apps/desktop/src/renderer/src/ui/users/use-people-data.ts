/**
 * What both the Users and the Roles screens read from the replica: tenants,
 * users, roles and role assignments, live, with a directory that names
 * their ids. null while the replica is first read.
 */
import { compileTenantPolicy, type Role, type RoleAssignment, type RoleLike, type Tenant, type TenantPolicy, type User } from '@steward/domain';
import { useMemo, useState } from 'react';
import { createDirectory, type Directory } from '../../people/directory.ts';
import { rolesInTenant } from '../../people/roles-in-tenant.ts';
import { initialTenantId, usersOfTenant } from '../../people/tenant-people.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import type { SessionUser } from '../../session/session.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { useNow } from '../use-now.ts';
import { useDocuments } from '../use-replica.tsx';

export interface PeopleData {
  readonly tenants: readonly Tenant[];
  readonly users: readonly User[];
  /** Stored roles of every tenant the replica holds (built-ins come from rolesInTenant). */
  readonly roles: readonly Role[];
  readonly assignments: readonly RoleAssignment[];
  readonly directory: Directory;
}

export function usePeopleData(db: ReplicaDatabase): { readonly data: PeopleData | null; readonly error: string | null } {
  const tenants = useDocuments(db, 'tenants');
  const users = useDocuments(db, 'users');
  const roles = useDocuments(db, 'roles');
  const assignments = useDocuments(db, 'roleAssignments');
  const error = tenants.error ?? users.error ?? roles.error ?? assignments.error;
  const data = useMemo((): PeopleData | null => {
    if (tenants.docs === null || users.docs === null || roles.docs === null || assignments.docs === null) return null;
    const allRoles = [...rolesInTenant(roles.docs, null), ...roles.docs];
    return {
      tenants: tenants.docs,
      users: users.docs,
      roles: roles.docs,
      assignments: assignments.docs,
      directory: createDirectory({ users: users.docs, roles: allRoles, tenants: tenants.docs, assignments: assignments.docs }),
    };
  }, [tenants.docs, users.docs, roles.docs, assignments.docs]);
  return { data, error };
}

/** One tenant's roles (built-ins included), its compiled policy, and its people. */
export interface TenantPeopleView {
  readonly roles: readonly RoleLike[];
  readonly policy: TenantPolicy;
  readonly people: readonly User[];
}

export interface TenantPeople {
  readonly me: SessionUser | null;
  readonly data: PeopleData | null;
  readonly error: string | null;
  /** The tenant shown: the one chosen, else the person's own, else the first. */
  readonly tenantId: string | null;
  readonly chooseTenant: (tenantId: string) => void;
  /** The clock ticks every 30 s and is read afresh whenever the data changes, so a grant made a moment ago counts as in force. */
  readonly nowMs: number;
  readonly view: TenantPeopleView | null;
}

/** usePeopleData narrowed to the tenant the screen shows, as the Users and Roles screens both need it. */
export function useTenantPeople(db: ReplicaDatabase): TenantPeople {
  const { sessionStore } = useAppServices();
  const me = useSlice(sessionStore, (s) => s.session?.user ?? null);
  const { data, error } = usePeopleData(db);
  const [chosenTenant, chooseTenant] = useState<string | null>(null);
  const tick = useNow(30_000);
  const nowMs = useMemo(() => (data === null ? tick : Math.max(tick, Date.now())), [tick, data]);
  const tenantId = data === null ? null : initialTenantId(data.tenants, me?.tenantId ?? null, chosenTenant);
  const view = useMemo((): TenantPeopleView | null => {
    if (data === null || tenantId === null) return null;
    const roles = rolesInTenant(data.roles, tenantId);
    return {
      roles,
      policy: compileTenantPolicy(roles, data.assignments, tenantId, { users: data.users }),
      people: usersOfTenant(data.users, data.assignments, tenantId),
    };
  }, [data, tenantId]);
  return { me, data, error, tenantId, chooseTenant, nowMs, view };
}

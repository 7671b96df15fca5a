/**
 * What both the Users and the Roles screens read from the replica: tenants,
 * users, roles and role assignments, live, with a directory that names
 * their ids. null while the replica is first read.
 */
import type { Role, RoleAssignment, Tenant, User } from '@steward/domain';
import { useMemo } from 'react';
import { createDirectory, type Directory } from '../../people/directory.ts';
import { rolesInTenant } from '../../people/roles-in-tenant.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
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

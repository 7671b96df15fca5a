/**
 * Names for the ids the domain speaks in. The domain's messages say
 * "user 0190…", "tenant 0190…", "assignment 0190…" so that both ends
 * word a refusal the same way; a person reads names, so the console
 * swaps every id it knows for one.
 */
import type { RoleAssignment, RoleLike, Tenant, User } from '@steward/domain';

export interface Directory {
  userLabel(id: string): string;
  roleName(id: string): string;
  tenantName(id: string | null): string;
  /** Plain words for a domain message: known ids become names. */
  humanize(message: string): string;
}

export interface DirectorySources {
  readonly users: readonly Pick<User, 'id' | 'displayName' | 'email'>[];
  readonly roles: readonly Pick<RoleLike, 'id' | 'name'>[];
  readonly tenants: readonly Pick<Tenant, 'id' | 'name'>[];
  readonly assignments?: readonly Pick<RoleAssignment, 'id' | 'roleId' | 'userId'>[];
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID_IN_TEXT = new RegExp(`\\b(?:(user|tenant|role|assignment) )?(${UUID})\\b`, 'gi');

/** A short form of an id nobody has named: enough to tell two apart. */
export function shortId(id: string): string {
  return id.length > 13 ? `…${id.slice(-8)}` : id;
}

export function createDirectory({ users, roles, tenants, assignments = [] }: DirectorySources): Directory {
  const userNames = new Map(users.map((u) => [u.id, u.displayName.trim() === '' ? u.email : u.displayName]));
  const roleNames = new Map(roles.map((r) => [r.id, r.name]));
  const tenantNames = new Map(tenants.map((t) => [t.id, t.name]));
  const assignmentById = new Map(assignments.map((a) => [a.id, a]));
  const userLabel = (id: string): string => userNames.get(id) ?? `user ${shortId(id)}`;
  const roleName = (id: string): string => roleNames.get(id) ?? `role ${shortId(id)}`;
  const tenantName = (id: string | null): string => (id === null ? 'the platform' : (tenantNames.get(id) ?? `tenant ${shortId(id)}`));

  const nameFor = (kind: string | undefined, id: string): string | null => {
    const k = kind?.toLowerCase();
    if ((k === undefined || k === 'user') && userNames.has(id)) return userLabel(id);
    if ((k === undefined || k === 'tenant') && tenantNames.has(id)) return tenantName(id);
    if ((k === undefined || k === 'role') && roleNames.has(id)) return kind === undefined ? `"${roleName(id)}"` : `${kind} "${roleName(id)}"`;
    const a = assignmentById.get(id);
    if ((k === undefined || k === 'assignment') && a !== undefined) return `the "${roleName(a.roleId)}" grant of ${userLabel(a.userId)}`;
    return null;
  };

  return {
    userLabel,
    roleName,
    tenantName,
    humanize: (message) => message.replace(ID_IN_TEXT, (whole, kind: string | undefined, id: string) => nameFor(kind, id.toLowerCase()) ?? whole),
  };
}

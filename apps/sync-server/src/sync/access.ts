/**
 * What a principal may read, computed from the roles the server holds now.
 * One Access per request: what it reads is loaded once and reused.
 *
 * A decision about the principal itself (`may`, `readScope`) needs only part
 * of a tenant's state: the tenant's and the platform's roles (the role graph),
 * the principal's own assignments and the principal's own user record (an
 * inactive user holds nothing). `can` looks up the actor's assignments and
 * nothing else, so a policy compiled from that part answers exactly as the
 * policy of the full TenantState would — at a fraction of the reads: one
 * query for the principal's assignments, one for the roles, one for its user
 * record, where the full state reads six collections per tenant.
 */
import { can, COLLECTION_ACCESS, tenantStateOf, type CollectionName, type Role, type RoleAssignment, type TenantPolicy, type TenantState, type User } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import { readCollection, readLiveDocument, type ReadScope } from '../store/documents.ts';
import { actorIdOf, type Principal } from './principal.ts';
import { apiKeyGrant, loadTenantState } from './tenant-states.ts';

/** Tenants per roles query (bind parameters stay far below either database's limit). */
const ROLE_QUERY_TENANTS = 500;

export class Access {
  readonly principal: Principal;
  readonly actorId: string;
  readonly #db: Db;
  readonly #now: string;
  readonly #states = new Map<string | null, Promise<TenantState>>();
  readonly #policies = new Map<string | null, Promise<TenantPolicy>>();
  readonly #tenantRoles = new Map<string, Promise<readonly Role[]>>();
  #tenants: Promise<readonly string[] | 'all'> | undefined;
  #assignments: Promise<readonly RoleAssignment[]> | undefined;
  #platformRoles: Promise<readonly Role[]> | undefined;
  #user: Promise<User | undefined> | undefined;

  constructor(db: Db, principal: Principal, now: string) {
    this.#db = db;
    this.principal = principal;
    this.actorId = actorIdOf(principal);
    this.#now = now;
  }

  /** The tenants where the principal holds an assignment in force now; 'all' with a platform-wide grant. */
  tenants(): Promise<readonly string[] | 'all'> {
    this.#tenants ??= this.#loadTenants();
    return this.#tenants;
  }

  async #loadTenants(): Promise<readonly string[] | 'all'> {
    if (this.principal.kind === 'apiKey') return [this.principal.tenantId];
    const now = this.#now;
    const inForce = (await this.#ownAssignments()).filter((a) => a.validFrom <= now && (a.expiresAt === null || a.expiresAt > now));
    if (inForce.some((a) => a.tenantId === null)) return 'all';
    return [...new Set(inForce.map((a) => a.tenantId).filter((t): t is string => t !== null))].sort();
  }

  /** Every live assignment naming the principal, in any tenant or platform-wide. */
  #ownAssignments(): Promise<readonly RoleAssignment[]> {
    this.#assignments ??= readCollection(this.#db, 'roleAssignments', { tenants: 'all', platform: true }, { subjectId: this.actorId }).then((docs) => docs.map((d) => d.body as RoleAssignment));
    return this.#assignments;
  }

  /** The full state of a tenant (write rules, usage): every collection a write check reads. */
  state(tenantId: string | null): Promise<TenantState> {
    let state = this.#states.get(tenantId);
    if (state === undefined) {
      state = loadTenantState(this.#db, tenantId, this.#now, this.principal);
      this.#states.set(tenantId, state);
    }
    return state;
  }

  async may(permission: string, tenantId: string | null): Promise<boolean> {
    const policy = await this.#policy(tenantId);
    return can(policy, { userId: this.actorId }, permission, { tenantId }, this.#now);
  }

  /**
   * The policy `may` decides with: the full state's when it is loaded anyway, else one compiled
   * by the same function (tenantStateOf) from the part of the state that can change the answer
   * for this principal: the roles (tenant's and platform-wide), the principal's own assignments
   * in this tenant or platform-wide, and its user record when it is one of this tenant's (or a
   * platform-wide) users — exactly the records of those kinds loadTenantState would pass for it.
   */
  #policy(tenantId: string | null): Promise<TenantPolicy> {
    const loaded = this.#states.get(tenantId);
    if (loaded !== undefined) return loaded.then((state) => state.policy);
    let policy = this.#policies.get(tenantId);
    if (policy === undefined) {
      policy = this.#compilePolicy(tenantId);
      this.#policies.set(tenantId, policy);
    }
    return policy;
  }

  async #compilePolicy(tenantId: string | null): Promise<TenantPolicy> {
    const [platformRoles, tenantRoles, assignments, user] = await Promise.all([this.#loadPlatformRoles(), tenantId === null ? [] : this.#rolesOf([tenantId]).then((r) => r.get(tenantId) ?? []), this.#ownAssignments(), this.#ownUser()]);
    const inTenant = (doc: { readonly tenantId: string | null }): boolean => doc.tenantId === null || doc.tenantId === tenantId;
    const roles = [...tenantRoles, ...platformRoles];
    const own = assignments.filter(inTenant);
    const key = this.principal.kind === 'apiKey' && this.principal.tenantId === tenantId ? apiKeyGrant(this.principal, this.#now) : undefined;
    const docs = {
      tenant: null,
      roles: key === undefined ? roles : [...roles, key.role],
      assignments: key === undefined ? own : [...own, key.assignment],
      users: user !== undefined && inTenant(user) ? [user] : [],
      workflows: [],
      reportRuns: [],
    };
    return tenantStateOf(tenantId, docs, this.#now).policy;
  }

  #loadPlatformRoles(): Promise<readonly Role[]> {
    this.#platformRoles ??= readCollection(this.#db, 'roles', { tenants: [], platform: true }).then((docs) => docs.map((d) => d.body as Role));
    return this.#platformRoles;
  }

  /** The roles of each tenant (platform-wide ones not included); the ones not loaded yet in one query. */
  async #rolesOf(tenantIds: readonly string[]): Promise<Map<string, readonly Role[]>> {
    const missing = tenantIds.filter((t) => !this.#tenantRoles.has(t));
    for (let i = 0; i < missing.length; i += ROLE_QUERY_TENANTS) {
      const chunk = missing.slice(i, i + ROLE_QUERY_TENANTS);
      const loading = readCollection(this.#db, 'roles', { tenants: chunk, platform: false }).then((docs) => {
        const byTenant = new Map<string, Role[]>(chunk.map((t) => [t, []]));
        for (const doc of docs) if (doc.tenantId !== null) byTenant.get(doc.tenantId)?.push(doc.body as Role);
        return byTenant;
      });
      for (const t of chunk) this.#tenantRoles.set(t, loading.then((byTenant) => byTenant.get(t) ?? []));
    }
    const out = new Map<string, readonly Role[]>();
    for (const t of tenantIds) out.set(t, await (this.#tenantRoles.get(t) ?? []));
    return out;
  }

  #ownUser(): Promise<User | undefined> {
    this.#user ??= readLiveDocument(this.#db, 'users', this.actorId).then((doc) => doc?.body as User | undefined);
    return this.#user;
  }

  /** Whether a document of this tenant is within the principal's tenants at all. */
  async inTenantScope(tenantId: string | null): Promise<boolean> {
    const tenants = await this.tenants();
    if (tenantId === null) return tenants === 'all';
    return tenants === 'all' || tenants.includes(tenantId);
  }

  /** Which documents of a collection the principal may read. */
  async readScope(collection: CollectionName): Promise<ReadScope> {
    const permission = COLLECTION_ACCESS[collection].read;
    const tenants = await this.tenants();
    // Built-in and other platform-wide roles are everyone's vocabulary; other platform records are staff-only.
    const platformReadable = collection === 'roles' || (await this.may(permission, null));
    if (tenants === 'all' && platformReadable && (await this.may(permission, null))) return { tenants: 'all', platform: true };
    const list = tenants === 'all' ? await this.#allTenantIds() : tenants;
    if (list.length > 1) await this.#rolesOf(list);
    const readable: string[] = [];
    for (const tenantId of list) if (await this.may(permission, tenantId)) readable.push(tenantId);
    return { tenants: readable, platform: platformReadable };
  }

  async #allTenantIds(): Promise<string[]> {
    return (await readCollection(this.#db, 'tenants', { tenants: 'all', platform: false })).map((d) => d.id).sort();
  }
}

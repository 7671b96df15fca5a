/**
 * What a principal may read, computed from the roles the server holds now.
 * One Access per request: tenant states are loaded once and reused.
 */
import { can, COLLECTION_ACCESS, type CollectionName, type RoleAssignment, type TenantState } from '@steward/domain';
import type { Db } from '../db/dialect.ts';
import { readCollection, type ReadScope } from '../store/documents.ts';
import { actorIdOf, type Principal } from './principal.ts';
import { loadTenantState } from './tenant-states.ts';

export class Access {
  readonly principal: Principal;
  readonly actorId: string;
  readonly #db: Db;
  readonly #now: string;
  readonly #states = new Map<string | null, Promise<TenantState>>();
  #tenants: Promise<readonly string[] | 'all'> | undefined;

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
    const mine = (await readCollection(this.#db, 'roleAssignments', { tenants: 'all', platform: true }, { subjectId: this.principal.userId })).map((d) => d.body as RoleAssignment);
    const now = this.#now;
    const inForce = mine.filter((a) => a.validFrom <= now && (a.expiresAt === null || a.expiresAt > now));
    if (inForce.some((a) => a.tenantId === null)) return 'all';
    return [...new Set(inForce.map((a) => a.tenantId).filter((t): t is string => t !== null))].sort();
  }

  state(tenantId: string | null): Promise<TenantState> {
    let state = this.#states.get(tenantId);
    if (state === undefined) {
      state = loadTenantState(this.#db, tenantId, this.#now, this.principal);
      this.#states.set(tenantId, state);
    }
    return state;
  }

  async may(permission: string, tenantId: string | null): Promise<boolean> {
    const state = await this.state(tenantId);
    return can(state.policy, { userId: this.actorId }, permission, { tenantId }, this.#now);
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
    const readable: string[] = [];
    for (const tenantId of list) if (await this.may(permission, tenantId)) readable.push(tenantId);
    return { tenants: readable, platform: platformReadable };
  }

  async #allTenantIds(): Promise<string[]> {
    return (await readCollection(this.#db, 'tenants', { tenants: 'all', platform: false })).map((d) => d.id).sort();
  }
}

/**
 * Turns the roster (demo-roster.ts) into tenants, users, custom roles and
 * role assignments. Rules the seed keeps even though it writes as the
 * system, so the demo never shows what the server would refuse:
 *
 * - separation of duties: each person works under one built-in role, so
 *   nobody holds the auditor role with tenant-admin or compliance-officer;
 * - no escalation: a role is granted by the tenant's admin when the admin
 *   holds every permission it carries, otherwise by platform staff;
 * - seats: the users holding seats (active or invited) fit each plan.
 */
import {
  BUILT_IN_ROLE_IDS,
  BUILT_IN_ROLES,
  auditActionOf,
  type AuditEvent,
  type Role,
  type RoleAssignment,
  type User,
} from '@steward/domain';
import { assignmentDoc, tenantDoc, userDoc, type BuiltInRoleKey } from './builders.ts';
import { DAY_MS, HOUR_MS, flagsFor, iso, makeEvent, tenantAdminMayGrant, withinHour, type DemoContext, type DemoJob, type DemoPerson, type DemoTenant } from './demo-model.ts';
import { DEMO_TENANT_SPECS, FIRST_NAMES, LAST_NAMES, type CustomRoleSpec, type RosterEntry, type TenantSpec } from './demo-roster.ts';

export const PLATFORM_ADMIN_EMAIL = 'platform@steward.example';

export const ROLE_OF_JOB: Readonly<Record<DemoJob, BuiltInRoleKey>> = { admin: 'tenantAdmin', officer: 'complianceOfficer', auditor: 'auditor', member: 'member' };

export interface DemoPeople {
  readonly platformAdmin: DemoPerson;
  readonly tenants: readonly DemoTenant[];
  /** Every documented demo account (platform@…, then admin@, officer@, auditor@, member@ per tenant). */
  readonly accounts: readonly DemoPerson[];
}

export function buildPeople(ctx: DemoContext): DemoPeople {
  const names = shuffledNames(ctx);
  const platformJoined = ctx.nowMs - 700 * DAY_MS - withinHour(ctx);
  const platformAdmin = person(ctx, null, PLATFORM_ADMIN_EMAIL, 'Robin Hale', 'admin', platformJoined, null, 'active');
  const accounts: DemoPerson[] = [platformAdmin];
  const tenants = DEMO_TENANT_SPECS.map((spec) => buildTenant(ctx, spec, platformAdmin, names));
  for (const tenant of tenants) accounts.push(...tenant.people.filter((p) => p.user.email.startsWith(`${p.job}@`)));
  return { platformAdmin, tenants, accounts };
}

/** The platform admin's grant: platform-wide (tenantId null), granted by themself at setup. */
export function platformAssignment(ctx: DemoContext, admin: DemoPerson): RoleAssignment {
  return assignmentDoc(ctx.idAt(admin.joinedMs), null, admin.user.id, BUILT_IN_ROLE_IDS.platformAdmin, admin.user.id, iso(admin.joinedMs), {
    validFrom: iso(admin.joinedMs),
    reason: 'Platform operations on-call (initial setup)',
  });
}

function buildTenant(ctx: DemoContext, spec: TenantSpec, platformAdmin: DemoPerson, names: () => [string, string]): DemoTenant {
  const createdMs = ctx.nowMs - spec.createdDaysAgo * DAY_MS - withinHour(ctx);
  const tenantId = ctx.idAt(createdMs);
  const doc = { ...tenantDoc(tenantId, spec.slug, spec.name, spec.plan, iso(createdMs), spec.quotaOverrides), branding: { primaryColor: spec.primaryColor }, featureFlags: spec.featureFlags, retentionDays: spec.retentionDays };

  // The roster opens with the admin who set the tenant up; everyone else joined after them.
  let setUpMs = createdMs;
  const people = spec.roster.map((entry, i) => {
    const joinedMs = Math.max(createdMs + (spec.createdDaysAgo - entry.joinedDaysAgo) * DAY_MS, setUpMs) + ctx.random.int(1, 8) * HOUR_MS + withinHour(ctx);
    if (i === 0) setUpMs = joinedMs;
    const leftMs = entry.leftDaysAgo === undefined ? null : ctx.nowMs - entry.leftDaysAgo * DAY_MS + withinHour(ctx);
    const [first, last] = names();
    const email = entry.demo === true ? `${entry.job}@${spec.slug}.example` : `${first}.${last}@${spec.slug}.example`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    return person(ctx, tenantId, email, `${first} ${last}`, entry.job, joinedMs, leftMs, entry.status ?? 'active');
  });
  // Platform staff granted the first admin their role; the admin grants what they hold themselves.
  const firstAdmin = people.find((p) => p.job === 'admin') ?? platformAdmin;

  const roles = spec.roles.map((r) => customRole(ctx, tenantId, r, createdMs + 7 * DAY_MS));
  const roleByKey = new Map(spec.roles.map((r, i) => [r.key, { spec: r, doc: roles[i] }] as const));
  const assignments: RoleAssignment[] = [];
  spec.roster.forEach((entry, i) => {
    const who = people[i];
    if (who === undefined) return;
    const roleId = BUILT_IN_ROLE_IDS[ROLE_OF_JOB[entry.job]];
    const granter = who !== firstAdmin && tenantAdminMayGrant(builtInRole(roleId)) ? firstAdmin : platformAdmin;
    assignments.push(grant(ctx, tenantId, who, roleId, granter, who.joinedMs, entry.expiresInDays, jobReason(entry)));
    for (const custom of entry.custom ?? []) {
      const role = roleByKey.get(custom.role);
      if (role?.doc === undefined) throw new Error(`demo roster: unknown custom role ${custom.role} in ${spec.slug}`);
      // Some weeks after both the person and the role existed, and well before a lapsed grant's end.
      const latest = ctx.nowMs + Math.min(custom.expiresInDays ?? 0, 0) * DAY_MS - 20 * DAY_MS;
      const grantedAt = Math.min(Math.max(who.joinedMs, Date.parse(role.doc.updatedAt)) + ctx.random.int(5, 40) * DAY_MS + withinHour(ctx), latest);
      const by = tenantAdminMayGrant(role.spec) ? firstAdmin : platformAdmin;
      assignments.push(grant(ctx, tenantId, who, role.doc.id, by, grantedAt, custom.expiresInDays, custom.reason));
    }
  });
  return {
    slug: spec.slug,
    doc,
    people,
    roles,
    assignments,
    regimes: spec.regimes,
    eventShare: spec.eventShare,
    historyDays: spec.historyDays,
    utcOffsetHours: spec.utcOffsetHours,
  };
}

function person(ctx: DemoContext, tenantId: string | null, email: string, displayName: string, job: DemoJob, joinedMs: number, leftMs: number | null, status: User['status']): DemoPerson {
  const changedMs = leftMs ?? joinedMs;
  const user: User = { ...userDoc(ctx.idAt(joinedMs), tenantId, email, displayName, iso(changedMs), status), mfaEnabled: status === 'active' ? ctx.random.chance(0.85) || job !== 'member' : false };
  return { user, job, joinedMs, leftMs, deviceId: ctx.idAt(joinedMs + HOUR_MS) };
}

function customRole(ctx: DemoContext, tenantId: string, spec: CustomRoleSpec, createdMs: number): Role {
  const at = createdMs + ctx.random.int(0, 20) * DAY_MS + withinHour(ctx);
  return {
    id: ctx.idAt(at),
    tenantId,
    revision: 1,
    updatedAt: iso(at),
    _deleted: false,
    name: spec.name,
    description: spec.description,
    scope: 'tenant',
    permissions: [...spec.permissions],
    inherits: [...spec.inherits],
    exclusiveWith: [...spec.exclusiveWith],
    builtIn: false,
  };
}

function grant(ctx: DemoContext, tenantId: string, who: DemoPerson, roleId: string, by: DemoPerson, fromMs: number, expiresInDays: number | undefined, reason: string): RoleAssignment {
  const expiresMs = expiresInDays === undefined ? null : ctx.nowMs + expiresInDays * DAY_MS + ctx.random.int(0, 6) * HOUR_MS + withinHour(ctx);
  return assignmentDoc(ctx.idAt(fromMs), tenantId, who.user.id, roleId, by.user.id, iso(fromMs), {
    validFrom: iso(fromMs),
    expiresAt: expiresMs === null ? null : iso(expiresMs),
    reason,
  });
}

function builtInRole(id: string): { permissions: readonly string[]; inherits: readonly string[] } {
  return BUILT_IN_ROLES.find((r) => r.id === id) ?? { permissions: ['*'], inherits: [] };
}

function jobReason(entry: RosterEntry): string {
  if (entry.expiresInDays !== undefined) return 'Contractor: access for the length of the engagement';
  const reasons: Record<DemoJob, string> = {
    admin: 'Administers the tenant',
    officer: 'Compliance team',
    auditor: 'Independent audit engagement',
    member: 'Joined the team',
  };
  return reasons[entry.job];
}

/** First and last names in a seeded order, handed out once each. */
function shuffledNames(ctx: DemoContext): () => [string, string] {
  const firsts = shuffled(ctx, FIRST_NAMES);
  const lasts = shuffled(ctx, LAST_NAMES);
  let next = 0;
  return () => {
    const pair: [string, string] = [firsts[next % firsts.length] ?? 'Alex', lasts[next % lasts.length] ?? 'Doe'];
    next += 1;
    return pair;
  };
}

function shuffled<T>(ctx: DemoContext, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = ctx.random.int(0, i);
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) [out[i], out[j]] = [b, a];
  }
  return out;
}

/**
 * The audit events the people's history left inside the tenant's window: a
 * new hire's account, a grant, an account disabled. Older ones are past the
 * window (or the plan's retention) and so not in the trail.
 */
export function peopleEvents(ctx: DemoContext, tenant: DemoTenant, platformAdmin: DemoPerson): AuditEvent[] {
  const oldest = ctx.nowMs - tenant.historyDays * DAY_MS;
  const admin = tenant.people.find((p) => p.job === 'admin') ?? platformAdmin;
  const events: AuditEvent[] = [];
  const base = { tenantId: tenant.doc.id, actorType: 'user', outcome: 'success' } as const;
  for (const p of tenant.people) {
    if (p.joinedMs > oldest) {
      events.push(makeEvent(ctx, p.joinedMs, { ...base, actorId: admin.user.id, action: auditActionOf('users', 'create'), resourceType: 'user', resourceId: p.user.id, context: { collection: 'users', revision: 1, email: p.user.email, status: 'invited' }, pii: true, complianceFlags: flagsFor(tenant, ['GDPR.art30', 'HIPAA']) }));
    }
    if (p.leftMs !== null && p.leftMs > oldest) {
      events.push(makeEvent(ctx, p.leftMs, { ...base, actorId: admin.user.id, action: auditActionOf('users', 'update'), resourceType: 'user', resourceId: p.user.id, context: { collection: 'users', revision: 2, fields: ['status'], status: 'disabled', reason: 'Left the company' }, pii: false, complianceFlags: flagsFor(tenant, ['SOX', 'SOC2', 'HIPAA']) }));
    }
  }
  for (const a of tenant.assignments) {
    const atMs = Date.parse(a.validFrom);
    if (atMs <= oldest) continue;
    events.push(makeEvent(ctx, atMs, { ...base, actorId: a.grantedBy, action: auditActionOf('roleAssignments', 'create'), resourceType: 'roleAssignment', resourceId: a.id, context: { collection: 'roleAssignments', revision: 1, roleId: a.roleId, userId: a.userId, reason: a.reason }, pii: false, complianceFlags: flagsFor(tenant, ['SOX', 'SOC2', 'ISO27001', 'HIPAA']) }));
  }
  return events;
}

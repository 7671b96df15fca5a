/**
 * Access review: who holds which role in each tenant, since when, granted by
 * whom, and which grants run out soon — what a reviewer signs off each
 * quarter. Evaluated at the end of the period. Platform-wide grants (vendor
 * staff) are listed too, under "Platform-wide": they give power in every
 * tenant, so a tenant's review that left them out would be incomplete.
 */
import { parseIsoInstant, type RoleAssignment, type User } from '@steward/domain';
import { live, type Directory, type ReportData } from '../data.ts';
import { DAY_MS } from '../period.ts';
import { column, plural, section, sortRows, type TemplateContext, type TemplateOutput } from './context.ts';
import type { CellValue } from '../model.ts';

export type GrantState = 'in force' | 'expiring soon' | 'expired' | 'not yet valid' | 'inactive user';

/** The state of a grant at `atMs`; "expiring soon" when it ends within `soonMs`. */
export function grantState(assignment: Pick<RoleAssignment, 'validFrom' | 'expiresAt'>, user: Pick<User, 'status' | '_deleted'> | undefined, atMs: number, soonMs: number): GrantState {
  const expiresMs = assignment.expiresAt === null ? Number.POSITIVE_INFINITY : parseIsoInstant(assignment.expiresAt);
  if (expiresMs <= atMs) return 'expired';
  if (parseIsoInstant(assignment.validFrom) > atMs) return 'not yet valid';
  if (user !== undefined && (user._deleted || user.status !== 'active')) return 'inactive user';
  return expiresMs - atMs <= soonMs ? 'expiring soon' : 'in force';
}

/** Assignments in the scope's tenants plus the platform-wide ones, live, filtered by the report's role and user lists. */
export function scopedAssignments(data: ReportData, directory: Directory, filters: { roleIds?: readonly string[]; userIds?: readonly string[] }): RoleAssignment[] {
  const tenants = new Set(directory.tenants.map((t) => t.id));
  const roleIds = filters.roleIds ?? [];
  const userIds = filters.userIds ?? [];
  return live(data.roleAssignments).filter(
    (a) => (a.tenantId === null || tenants.has(a.tenantId)) && (roleIds.length === 0 || roleIds.includes(a.roleId)) && (userIds.length === 0 || userIds.includes(a.userId)),
  );
}

export function accessReview(ctx: TemplateContext<'access-review'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const { includeExpired, expiringWithinDays } = parameters.filters;
  const soonMs = expiringWithinDays * DAY_MS;
  const users = new Map((ctx.data.users ?? []).map((u) => [u.id, u]));
  const holders: CellValue[][] = [];
  const expiring: CellValue[][] = [];
  for (const a of scopedAssignments(ctx.data, dir, parameters.filters)) {
    const user = users.get(a.userId);
    const state = grantState(a, user, period.toMs, soonMs);
    if (state === 'expired' && !includeExpired) continue;
    const tenant = dir.tenantName(a.tenantId);
    holders.push([tenant, dir.userLabel(a.userId), user?.status ?? 'unknown', dir.roleName(a.roleId), a.validFrom, dir.userLabel(a.grantedBy), a.expiresAt, state, a.reason, a.id]);
    if (state === 'expiring soon' && a.expiresAt !== null) {
      const daysLeft = Math.floor((parseIsoInstant(a.expiresAt) - period.toMs) / DAY_MS);
      expiring.push([tenant, dir.userLabel(a.userId), dir.roleName(a.roleId), a.expiresAt, daysLeft, dir.userLabel(a.grantedBy), a.id]);
    }
  }
  sortRows(holders, [0, 1, 3, 4, 9]);
  sortRows(expiring, [3, 0, 1, 2, 6]);
  return {
    title: 'Access review',
    sections: [
      section(
        'holders',
        'Role holders',
        `Every role grant in scope as of ${period.to}: ${plural(holders.length, 'grant')}${includeExpired ? ', expired ones included' : '; expired grants are left out (filter includeExpired)'}.`,
        [
          column('tenant', 'Tenant'),
          column('user', 'User'),
          column('userStatus', 'User status'),
          column('role', 'Role'),
          column('since', 'Since', 'timestamp'),
          column('grantedBy', 'Granted by'),
          column('expiresAt', 'Expires', 'timestamp'),
          column('state', 'State'),
          column('reason', 'Reason'),
          column('assignmentId', 'Assignment'),
        ],
        holders,
        holdersChart(holders),
      ),
      section(
        'expiring',
        `Expiring within ${plural(expiringWithinDays, 'day')}`,
        `Grants in force that end within ${plural(expiringWithinDays, 'day')} of ${period.to}: renew them or let them lapse.`,
        [
          column('tenant', 'Tenant'),
          column('user', 'User'),
          column('role', 'Role'),
          column('expiresAt', 'Expires', 'timestamp'),
          column('daysLeft', 'Days left', 'number'),
          column('grantedBy', 'Granted by'),
          column('assignmentId', 'Assignment'),
        ],
        expiring,
      ),
    ],
  };
}

/** Holders per role, split by state: how concentrated each role is. */
function holdersChart(rows: readonly (readonly CellValue[])[]) {
  const states = ['in force', 'expiring soon', 'not yet valid', 'inactive user', 'expired'] as const;
  const roles = [...new Set(rows.map((r) => String(r[3])))].sort();
  const series = states
    .map((state) => ({ name: state, values: roles.map((role) => rows.filter((r) => r[3] === role && r[7] === state).length) }))
    .filter((s) => s.values.some((v) => v > 0));
  return roles.length === 0 ? null : { kind: 'bar' as const, stacked: true, title: 'Grants per role', categoryLabel: 'Role', valueLabel: 'Grants', categories: roles, series };
}

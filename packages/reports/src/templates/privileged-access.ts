/**
 * Privileged access: who administers each tenant, who holds wildcard
 * permissions (a wildcard also grants every action added later), and grants
 * whose expiry has passed but whose document is still there — harmless to
 * RBAC, which ignores them, but a finding for an auditor, because nobody
 * cleaned up, and re-editing the expiry would silently revive the power.
 */
import {
  BUILT_IN_ROLE_IDS,
  compileRoleGraph,
  parseIsoInstant,
  permissionsOfSet,
  type CompiledRole,
  type RoleAssignment,
  type RoleGraph,
} from '@steward/domain';
import { DAY_MS } from '../period.ts';
import type { CellValue } from '../model.ts';
import { grantState, scopedAssignments } from './access-review.ts';
import { column, plural, section, sortRows, type TemplateContext, type TemplateOutput } from './context.ts';

const ADMIN_ROLE_IDS: readonly string[] = [BUILT_IN_ROLE_IDS.platformAdmin, BUILT_IN_ROLE_IDS.tenantAdmin];

/** The wildcard permissions a role grants, inherited ones included ("*", "audit:*"). */
export function wildcardsOf(role: CompiledRole): string[] {
  return permissionsOfSet(role.effective).filter((p) => p === '*' || p.endsWith(':*'));
}

export function privilegedAccess(ctx: TemplateContext<'privileged-access'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const designated = parameters.filters.roleIds;
  const users = new Map((ctx.data.users ?? []).map((u) => [u.id, u]));
  const graphs = new Map<string | null, RoleGraph>();
  const graphOf = (tenantId: string | null): RoleGraph => {
    let graph = graphs.get(tenantId);
    if (graph === undefined) graphs.set(tenantId, (graph = compileRoleGraph(dir.roles, tenantId)));
    return graph;
  };
  const admins: CellValue[][] = [];
  const wildcards: CellValue[][] = [];
  const expired: CellValue[][] = [];
  for (const a of scopedAssignments(ctx.data, dir, {})) {
    const user = users.get(a.userId);
    const role = graphOf(a.tenantId).roles.get(a.roleId);
    const state = grantState(a, user, period.toMs, 0);
    const held = role === undefined ? [] : [...role.closure];
    const adminVia = held.filter((id) => ADMIN_ROLE_IDS.includes(id) || designated.includes(id));
    const wild = role === undefined ? [] : wildcardsOf(role);
    const base = (a: RoleAssignment): CellValue[] => [dir.tenantName(a.tenantId), dir.userLabel(a.userId), dir.roleName(a.roleId)];
    if (state === 'expired') {
      const expiredMs = parseIsoInstant(a.expiresAt ?? '');
      expired.push([...base(a), a.expiresAt, Math.floor((period.toMs - expiredMs) / DAY_MS), adminVia.length > 0 || wild.length > 0, dir.userLabel(a.grantedBy), a.id]);
      continue;
    }
    const tail: CellValue[] = [a.validFrom, a.expiresAt, state, user?.mfaEnabled ?? null, dir.userLabel(a.grantedBy), a.id];
    if (adminVia.length > 0) admins.push([...base(a), adminVia.map((id) => dir.roleName(id)).sort().join(', '), ...tail]);
    if (wild.length > 0) wildcards.push([...base(a), wild.join(', '), ...tail]);
  }
  for (const rows of [admins, wildcards]) sortRows(rows, [0, 1, 2, 4, 9]);
  sortRows(expired, [0, 3, 1, 2, 7]);
  const grantColumns = (third: string, thirdLabel: string) => [
    column('tenant', 'Tenant'),
    column('user', 'User'),
    column('role', 'Role'),
    column(third, thirdLabel),
    column('since', 'Since', 'timestamp'),
    column('expiresAt', 'Expires', 'timestamp'),
    column('state', 'State'),
    column('mfa', 'MFA', 'boolean'),
    column('grantedBy', 'Granted by'),
    column('assignmentId', 'Assignment'),
  ];
  const designatedNote = designated.length === 0 ? '' : ` and the designated role${designated.length === 1 ? '' : 's'} ${designated.map((id) => dir.roleName(id)).join(', ')}`;
  return {
    title: 'Privileged access',
    sections: [
      section('admins', 'Administrators', `Grants in force or about to start, as of ${period.to}, of an admin role${designatedNote}, directly or through inheritance: ${plural(admins.length, 'grant')}.`, grantColumns('adminVia', 'Admin through'), admins),
      section('wildcards', 'Wildcard permission holders', `Grants whose role holds a wildcard permission ("*" or "resource:*"), which also covers actions added later: ${plural(wildcards.length, 'grant')}.`, grantColumns('wildcards', 'Wildcards'), wildcards),
      section(
        'expired-present',
        'Expired grants still present',
        `Grants whose expiry has passed but which were never revoked: they grant nothing now, yet editing the expiry would revive them. ${plural(expired.length, 'grant')} to clean up.`,
        [
          column('tenant', 'Tenant'),
          column('user', 'User'),
          column('role', 'Role'),
          column('expiredAt', 'Expired', 'timestamp'),
          column('daysSince', 'Days since', 'number'),
          column('privileged', 'Privileged', 'boolean'),
          column('grantedBy', 'Granted by'),
          column('assignmentId', 'Assignment'),
        ],
        expired,
      ),
    ],
  };
}

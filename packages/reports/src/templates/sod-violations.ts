/**
 * Separation-of-duties violations. The write rules refuse them, yet they
 * still arise — a role edited to inherit another, an exclusion added after
 * the grants, data imported or restored — so an auditor asks for proof that
 * none exist, or a list of those that do. Three kinds:
 *
 * - a user holding two mutually exclusive roles in one tenant (the domain's
 *   `conflictsHeldBy`, at the end of the period, future grants included);
 * - a workflow request approved by its own requester, within the period;
 * - a role whose own inheritance combines two exclusive roles (it can never
 *   be granted without a violation).
 */
import { compileTenantPolicy, conflictsHeldBy, exclusivePairsWithin, type RoleAssignment } from '@steward/domain';
import { live } from '../data.ts';
import type { CellValue } from '../model.ts';
import { withinPeriod } from '../period.ts';
import { scopedAssignments } from './access-review.ts';
import { column, plural, section, sortRows, type TemplateContext, type TemplateOutput } from './context.ts';

export function sodViolations(ctx: TemplateContext<'sod-violations'>): TemplateOutput {
  const { directory: dir, period, parameters } = ctx;
  const { userIds } = parameters.filters;
  const users = live(ctx.data.users);
  const assignments = scopedAssignments(ctx.data, dir, {});
  const byId = new Map<string, RoleAssignment>(assignments.map((a) => [a.id, a]));
  const held: CellValue[][] = [];
  const unassignable: CellValue[][] = [];
  const seenRoles = new Set<string>();
  for (const tenant of dir.tenants) {
    const policy = compileTenantPolicy(dir.roles, assignments, tenant.id, { users });
    for (const userId of policy.assignmentsByUser.keys()) {
      if (userIds.length > 0 && !userIds.includes(userId)) continue;
      for (const conflict of conflictsHeldBy(policy, userId, period.toMs).values()) {
        const [first, second] = conflict.assignmentIds.map((id) => byId.get(id));
        held.push([
          tenant.name,
          dir.userLabel(userId),
          conflict.roleNames[0],
          conflict.roleNames[1],
          first === undefined ? null : dir.roleName(first.roleId),
          first === undefined ? null : dir.userLabel(first.grantedBy),
          second === undefined ? null : dir.roleName(second.roleId),
          second === undefined ? null : dir.userLabel(second.grantedBy),
          conflict.assignmentIds.join(', '),
        ]);
      }
    }
    for (const role of policy.graph.roles.values()) {
      if (seenRoles.has(role.id)) continue;
      seenRoles.add(role.id);
      for (const pair of exclusivePairsWithin(role, policy.graph)) unassignable.push([dir.tenantName(role.tenantId), role.name, ...pair.map((r) => r.name).sort(), role.id]);
    }
  }
  const tenantIds = new Set(dir.tenants.map((t) => t.id));
  const workflows = new Map(live(ctx.data.workflows).map((w) => [w.id, w]));
  const selfApproved: CellValue[][] = [];
  for (const run of live(ctx.data.workflowRuns)) {
    if (run.tenantId === null || !tenantIds.has(run.tenantId)) continue;
    if (userIds.length > 0 && !userIds.includes(run.requesterId)) continue;
    for (const approval of run.approvals) {
      if (approval.approverId !== run.requesterId || !withinPeriod(period, approval.at)) continue;
      const workflow = workflows.get(run.workflowId);
      const step = workflow?.steps.find((s) => s.id === approval.stepId);
      selfApproved.push([dir.tenantName(run.tenantId), workflow?.name ?? run.workflowId, run.subject.summary, dir.userLabel(run.requesterId), step?.name ?? approval.stepId, approval.decision, approval.at, run.id]);
    }
  }
  sortRows(held, [0, 1, 2, 3]);
  sortRows(selfApproved, [0, 6, 7]);
  sortRows(unassignable, [0, 1, 2, 3]);
  const total = held.length + selfApproved.length + unassignable.length;
  return {
    title: 'Separation-of-duties violations',
    sections: [
      section(
        'exclusive-roles-held',
        'Mutually exclusive roles held together',
        `Users holding two roles that exclude each other (directly or through inheritance), as of ${period.to}; grants not yet in force count, as they will conflict when they start. ${plural(held.length, 'violation')}.`,
        [
          column('tenant', 'Tenant'),
          column('user', 'User'),
          column('roleA', 'Role A'),
          column('roleB', 'Role B'),
          column('grantA', 'Role A granted as'),
          column('grantedByA', 'A granted by'),
          column('grantB', 'Role B granted as'),
          column('grantedByB', 'B granted by'),
          column('assignmentIds', 'Assignments'),
        ],
        held,
      ),
      section(
        'self-approvals',
        'Requests decided by their own requester',
        `Workflow decisions in the period recorded by the person who made the request. ${plural(selfApproved.length, 'decision')}.`,
        [
          column('tenant', 'Tenant'),
          column('workflow', 'Workflow'),
          column('subject', 'Request'),
          column('requester', 'Requester and approver'),
          column('step', 'Step'),
          column('decision', 'Decision'),
          column('at', 'Decided at', 'timestamp'),
          column('runId', 'Run'),
        ],
        selfApproved,
      ),
      section(
        'unassignable-roles',
        'Roles that combine exclusive roles',
        `Roles whose own inheritance holds two mutually exclusive roles: any grant of them is a violation. ${plural(unassignable.length, 'pair')}. ${total === 0 ? 'No violation found.' : ''}`.trim(),
        [column('tenant', 'Defined in'), column('role', 'Role'), column('roleA', 'Combines'), column('roleB', 'With'), column('roleId', 'Role id')],
        unassignable,
      ),
    ],
  };
}

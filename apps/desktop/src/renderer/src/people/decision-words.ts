/**
 * The domain's `explain` decision in plain words, with names: which grant
 * and which role give a permission (and through which inheritance), or,
 * for a refusal, what each of the person's grants lacks — and which roles
 * of the tenant would give it.
 */
import { permissionSetAllows, type Decision, type DenialReason, type RoleAssignment, type TenantPolicy } from '@steward/domain';
import type { Directory } from './directory.ts';

export interface DecisionWords {
  readonly allowed: boolean;
  readonly headline: string;
  readonly lines: readonly string[];
  /** Roles of the tenant that include the permission (for "who could"), by name. */
  readonly rolesWithIt: readonly string[];
}

export interface WordingContext {
  readonly directory: Directory;
  readonly policy: TenantPolicy;
  /** The stored assignments, for the reason each was granted with. */
  readonly assignments: readonly RoleAssignment[];
  /** How a date reads on screen. */
  readonly formatDate: (iso: string) => string;
  /** How an expiry reads ("2027-06-30, end of day"). */
  readonly formatExpiry: (iso: string) => string;
}

export function decisionWords(decision: Decision, ctx: WordingContext): DecisionWords {
  const { directory } = ctx;
  const who = directory.userLabel(decision.userId);
  const where = directory.tenantName(decision.tenantId);
  const rolesWithIt = [...ctx.policy.graph.roles.values()].filter((r) => permissionSetAllows(r.effective, decision.permission)).map((r) => r.name);
  if (decision.allowed) {
    const grant = describeGrant(decision.assignmentId, ctx);
    const role = `"${directory.roleName(decision.roleId)}"`;
    const holder = `"${directory.roleName(decision.viaRoleId)}"`;
    const covers = decision.matchedPermission === decision.permission ? `lists ${decision.permission}` : `lists ${decision.matchedPermission}, which covers ${decision.permission}`;
    const chain = decision.inheritancePath.map((id) => `"${directory.roleName(id)}"`).join(' inherits ');
    const how = decision.viaRoleId === decision.roleId ? `${role} ${covers}.` : `${chain}; ${holder} ${covers}.`;
    return { allowed: true, headline: `Yes — ${who} may ${decision.permission} in ${where}.`, lines: [`It comes from ${grant}.`, how], rolesWithIt };
  }
  const lines = decision.reasons.map((r) => reasonWords(r, decision, ctx));
  return { allowed: false, headline: `No — ${who} may not ${decision.permission} in ${where}.`, lines, rolesWithIt };
}

function describeGrant(assignmentId: string, ctx: WordingContext): string {
  const a = ctx.assignments.find((x) => x.id === assignmentId);
  if (a === undefined) return `a grant of "${ctx.directory.roleName(assignmentId)}"`;
  const parts = [`granted by ${ctx.directory.userLabel(a.grantedBy)} on ${ctx.formatDate(a.validFrom)}`];
  parts.push(a.expiresAt === null ? 'no end date' : `until ${ctx.formatExpiry(a.expiresAt)}`);
  const scope = a.tenantId === null ? ' (platform-wide)' : '';
  return `the "${ctx.directory.roleName(a.roleId)}" grant${scope} — ${parts.join(', ')}, reason: “${a.reason}”`;
}

function reasonWords(reason: DenialReason, decision: Decision, ctx: WordingContext): string {
  const { directory } = ctx;
  const grant = 'roleId' in reason ? `The "${directory.roleName(reason.roleId)}" grant` : '';
  switch (reason.code) {
    case 'no-assignment':
      return `${directory.userLabel(decision.userId)} holds no role in ${directory.tenantName(decision.tenantId)}.`;
    case 'role-lacks-permission':
      return `${grant} does not include ${decision.permission}.`;
    case 'expired':
      return `${grant} would include it, but it expired on ${ctx.formatExpiry(reason.expiresAt)}.`;
    case 'not-yet-valid':
      return `${grant} would include it, but it only starts on ${ctx.formatDate(reason.validFrom)}.`;
    case 'inactive-user':
      return `${grant} gives nothing: the account of ${directory.userLabel(decision.userId)} is not active.`;
    case 'unknown-role':
      return `${grant} names a role that does not exist here (or was deleted), so it gives nothing.`;
    case 'platform-role-in-tenant':
      return `${grant} gives a platform role inside one tenant, where it gives nothing.`;
    case 'invalid-dates':
      return `${grant} has dates that cannot be read, so it gives nothing.`;
    default:
      return directory.humanize(reason.message);
  }
}

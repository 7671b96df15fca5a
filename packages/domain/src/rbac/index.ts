/**
 * RBAC: permissions with wildcards, roles inheriting through a DAG,
 * tenant-scoped assignments that may expire, explainable decisions, and the
 * invariants every write keeps (no escalation, separation of duties, a tenant
 * always keeps an admin).
 *
 * What the sync server and the desktop call:
 *
 *   compileTenantPolicy(roles, assignments, tenantId, { users })  once per change of roles/assignments/users
 *   can(policy, { userId }, permission, { tenantId }, nowMs)      boolean; the hot path
 *   checkPermission(policy, actor, permission, resource, now)     [] or one explained FORBIDDEN/INVALID issue (middleware)
 *   explain(policy, actor, permission, resource, now)             which assignment and role granted it, or why nothing did
 *   checkAssignmentChange({ actorId, before, after, roles, assignments, users, now })   grant, edit or revoke
 *   checkRoleChange({ actorId, before, after, roles, assignments, users, now })         create, edit or delete a role
 *   checkApproval(policy, { approverId, run, step, now })                              a workflow approve/reject decision
 *
 * Every check returns DomainIssue[] ([] = allowed), never throws, and takes
 * the clock as an argument (epoch ms, or an ISO-8601 string with a zone).
 * `policy.issues` lists bad data (cycles, unknown roles, malformed
 * permissions, unreadable dates) for the console; checks fail closed on it.
 */
export {
  checkApproval,
  checkRequesterNotApprover,
  type ApprovalCheck,
  type ApprovalRequestLike,
  type ApprovalRunLike,
  type ApprovalStepLike,
} from './approval.ts';
export { checkAssignmentChange, type AssignmentChange } from './assignment-change.ts';
export {
  AUDITOR_ROLE,
  BUILT_IN_ROLE_IDS,
  BUILT_IN_ROLES,
  COMPLIANCE_OFFICER_ROLE,
  MEMBER_ROLE,
  PLATFORM_ADMIN_ROLE,
  TENANT_ADMIN_ROLE,
  adminRoleIdFor,
} from './built-in-roles.ts';
export { PERMISSION_CATALOGUE, PERMISSIONS, RESOURCES, isCataloguedPermission, type CataloguedPermission, type Resource } from './catalogue.ts';
export { checkEscalation, type EscalationAction, type GrantedRole, type Granter } from './escalation.ts';
export { checkPermission, denialIssue, explain, type AllowedDecision, type Decision, type DeniedDecision, type DenialReason } from './explain.ts';
export { formatIsoInstant, parseIsoInstant, toMillis, type Instant } from './instant.ts';
export { adminHolders, checkLastAdmin, type AdminHolders } from './last-admin.ts';
export {
  ALL_PERMISSIONS,
  implies,
  isWellFormedPermission,
  parsePermission,
  permissionIssues,
  type ParsedPermission,
  type PermissionIssue,
  type PermissionProblem,
} from './permission.ts';
export {
  EMPTY_PERMISSION_SET,
  missingPermissions,
  permissionSetAllows,
  permissionSetOf,
  permissionsOfSet,
  unionOfPermissionSets,
  type PermissionSet,
} from './permission-set.ts';
export {
  can,
  compileTenantPolicy,
  heldPermissions,
  heldRoleIds,
  isInForce,
  type Actor,
  type AssignmentProblem,
  type CompiledAssignment,
  type PolicyOptions,
  type ResourceRef,
  type TenantPolicy,
} from './policy.ts';
export { checkRoleChange, type RoleChange } from './role-change.ts';
export { compileRoleGraph, isRoleUsableIn, type CompiledRole, type RoleGraph, type RoleGraphProblem } from './role-graph.ts';
export {
  areMutuallyExclusive,
  checkSeparationOfDuties,
  conflictsHeldBy,
  exclusivePairsWithin,
  type HeldConflict,
  type SeparationOptions,
} from './separation-of-duties.ts';
export { ACTIVE_USER_STATUS, isActiveUser, type RoleAssignmentLike, type RoleLike, type RoleScope, type UserLike } from './types.ts';

/**
 * The permission grammar, and the one matching rule every check uses.
 *
 *   permission := "*"                    every action on every resource
 *               | resource ":" "*"       every action on one resource ("audit:*")
 *               | resource ":" action     one action ("audit:review")
 *   resource, action := [a-z][a-z0-9]*(-[a-z0-9]+)*      lowercase kebab-case
 *
 * Cross-resource action wildcards ("*:read") are refused: they would silently
 * reach resources added later (a future "secrets:read" is not "reading" in the
 * sense an admin meant), and the same verb means different things on different
 * resources. Grant "*" or list each resource. "*:*" is refused too: the one
 * spelling of "everything" is "*", so a permission set has a single canonical
 * form and two sets can be compared as strings.
 */
import { err, ok, type DomainIssue, type Result } from '../errors.ts';

export const ALL_PERMISSIONS = '*';

export type ParsedPermission =
  | { readonly kind: 'all' }
  | { readonly kind: 'resource'; readonly resource: string }
  | { readonly kind: 'exact'; readonly resource: string; readonly action: string };

/** Why a permission string was refused; `details.reason` of the INVALID issue. */
export type PermissionProblem =
  | 'empty'
  | 'whitespace'
  | 'uppercase'
  | 'missing-separator'
  | 'too-many-separators'
  | 'missing-resource'
  | 'missing-action'
  | 'cross-resource-wildcard'
  | 'misplaced-wildcard'
  | 'bad-character';

export type PermissionIssue = DomainIssue<'INVALID'> & {
  readonly details: { readonly reason: PermissionProblem; readonly permission: string };
};

const SEGMENT = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEGMENT_SOURCE = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
/** Whole-string test of the grammar, used on hot paths where a Result would allocate. */
const WELL_FORMED = new RegExp(`^(?:\\*|${SEGMENT_SOURCE}:(?:\\*|${SEGMENT_SOURCE}))$`);

export function isWellFormedPermission(text: string): boolean {
  return WELL_FORMED.test(text);
}

export function parsePermission(text: string): Result<ParsedPermission, PermissionIssue> {
  const problem = findProblem(text);
  if (problem !== null) return err(permissionIssue(text, problem));
  if (text === ALL_PERMISSIONS) return ok({ kind: 'all' });
  const [resource = '', action = ''] = text.split(':');
  return ok(action === '*' ? { kind: 'resource', resource } : { kind: 'exact', resource, action });
}

/** Does holding `granted` allow `required`? Malformed strings on either side never match. */
export function implies(granted: string, required: string): boolean {
  const g = parsePermission(granted);
  const r = parsePermission(required);
  if (!g.ok || !r.ok) return false;
  const held = g.value;
  const need = r.value;
  if (held.kind === 'all') return true;
  if (need.kind === 'all') return false;
  if (held.kind === 'resource') return held.resource === need.resource;
  return need.kind === 'exact' && held.resource === need.resource && held.action === need.action;
}

/** One INVALID issue per malformed permission, in input order. */
export function permissionIssues(permissions: Iterable<string>): PermissionIssue[] {
  const issues: PermissionIssue[] = [];
  for (const p of permissions) {
    const problem = findProblem(p);
    if (problem !== null) issues.push(permissionIssue(p, problem));
  }
  return issues;
}

function findProblem(text: string): PermissionProblem | null {
  if (text.length === 0) return 'empty';
  if (/\s/.test(text)) return 'whitespace';
  if (/[A-Z]/.test(text)) return 'uppercase';
  if (text === ALL_PERMISSIONS) return null;
  const parts = text.split(':');
  if (parts.length === 1) return text.includes('*') ? 'misplaced-wildcard' : 'missing-separator';
  if (parts.length > 2) return 'too-many-separators';
  const [resource = '', action = ''] = parts;
  if (resource === '') return 'missing-resource';
  if (action === '') return 'missing-action';
  if (resource === '*') return 'cross-resource-wildcard';
  if (resource.includes('*') || (action !== '*' && action.includes('*'))) return 'misplaced-wildcard';
  if (!SEGMENT.test(resource) || (action !== '*' && !SEGMENT.test(action))) return 'bad-character';
  return null;
}

function permissionIssue(permission: string, reason: PermissionProblem): PermissionIssue {
  const shown = JSON.stringify(permission);
  const messages: Record<PermissionProblem, string> = {
    empty: 'A permission cannot be empty; write it as resource:action, for example "audit:read".',
    whitespace: `Permission ${shown} contains whitespace; write it as resource:action with no spaces, for example "audit:read".`,
    uppercase: `Permission ${shown} must be lowercase: ${JSON.stringify(permission.toLowerCase())}.`,
    'missing-separator': `Permission ${shown} names no action; write "${permission}:read" for one action or "${permission}:*" for every action.`,
    'too-many-separators': `Permission ${shown} has more than one ":"; a permission is exactly resource:action.`,
    'missing-resource': `Permission ${shown} names no resource before the ":".`,
    'missing-action': `Permission ${shown} names no action after the ":".`,
    'cross-resource-wildcard':
      permission === '*:*'
        ? 'Permission "*:*" is written "*".'
        : `Permission ${shown} is not supported: an action wildcard across resources would also grant resources added later. List each resource (for example "audit:read", "report:read") or grant "*".`,
    'misplaced-wildcard': `Permission ${shown} uses "*" inside a name; "*" stands alone ("*") or as a whole action ("audit:*").`,
    'bad-character': `Permission ${shown} may use only lowercase letters, digits and single hyphens, each name starting with a letter.`,
  };
  return { code: 'INVALID', message: messages[reason], details: { reason, permission } };
}

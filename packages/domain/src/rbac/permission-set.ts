/**
 * A compiled set of permissions for fast checks: exact grants in a `Set`,
 * resource wildcards ("audit:*") as a set of resource names, and one flag for
 * "*". Malformed permissions are left out (they grant nothing), so every
 * member is well formed.
 */
import { ALL_PERMISSIONS, isWellFormedPermission, parsePermission } from './permission.ts';

export interface PermissionSet {
  /** Holds "*". */
  readonly all: boolean;
  /** Resources held with every action ("audit" for "audit:*"). */
  readonly resources: ReadonlySet<string>;
  /** Exact "resource:action" grants. */
  readonly exact: ReadonlySet<string>;
}

export const EMPTY_PERMISSION_SET: PermissionSet = Object.freeze({
  all: false,
  resources: new Set<string>(),
  exact: new Set<string>(),
});

export function permissionSetOf(permissions: Iterable<string>): PermissionSet {
  let all = false;
  const resources = new Set<string>();
  const exact = new Set<string>();
  for (const text of permissions) {
    const parsed = parsePermission(text);
    if (!parsed.ok) continue;
    const p = parsed.value;
    if (p.kind === 'all') all = true;
    else if (p.kind === 'resource') resources.add(p.resource);
    else exact.add(text);
  }
  return Object.freeze({ all, resources, exact });
}

export function unionOfPermissionSets(sets: Iterable<PermissionSet>): PermissionSet {
  let all = false;
  const resources = new Set<string>();
  const exact = new Set<string>();
  for (const set of sets) {
    all ||= set.all;
    for (const r of set.resources) resources.add(r);
    for (const e of set.exact) exact.add(e);
  }
  return Object.freeze({ all, resources, exact });
}

/**
 * Does the set allow `required`? The hot path of every check: an exact hit
 * costs one `Set` lookup; the regex runs only when a wildcard could answer,
 * so "*" or "audit:*" never vouch for a malformed string.
 */
export function permissionSetAllows(set: PermissionSet, required: string): boolean {
  if (set.exact.has(required)) return true;
  if (!set.all && set.resources.size === 0) return false;
  if (!isWellFormedPermission(required)) return false;
  if (set.all) return true;
  const colon = required.indexOf(':');
  return colon > 0 && set.resources.has(required.slice(0, colon));
}

/** The set as sorted permission strings, without members another member already implies. */
export function permissionsOfSet(set: PermissionSet): string[] {
  if (set.all) return [ALL_PERMISSIONS];
  const wildcards = [...set.resources].map((r) => `${r}:*`);
  const exact = [...set.exact].filter((p) => !set.resources.has(p.slice(0, p.indexOf(':'))));
  return [...wildcards, ...exact].sort();
}

/**
 * The permissions in `needed` that `held` does not cover, deduplicated, in
 * input order. Wildcards must be matched by wildcards: "audit:*" is covered
 * only by "audit:*" or "*", never by listing today's audit actions, because a
 * wildcard also grants actions added later. Malformed needed permissions are
 * skipped: they grant nothing, so holding them is not required.
 */
export function missingPermissions(held: PermissionSet, needed: Iterable<string>): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const p of needed) {
    if (seen.has(p)) continue;
    seen.add(p);
    if (isWellFormedPermission(p) && !permissionSetAllows(held, p)) missing.push(p);
  }
  return missing;
}

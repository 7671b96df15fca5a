/** Small helpers shared by the write checks (assignment and role changes). */
import type { DomainIssue } from '../errors.ts';
import { checkPermission } from './explain.ts';
import type { Instant } from './instant.ts';
import type { TenantPolicy } from './policy.ts';

export function isLive(doc: { readonly _deleted?: boolean | undefined } | null): boolean {
  return doc !== null && doc._deleted !== true;
}

/** The collection with document `id` replaced by `doc` (or removed when it is null or deleted). */
export function withReplaced<T extends { readonly id: string; readonly _deleted?: boolean | undefined }>(
  docs: readonly T[],
  id: string,
  doc: T | null,
): T[] {
  const rest = docs.filter((d) => d.id !== id);
  return doc !== null && isLive(doc) ? [...rest, doc] : rest;
}

/** Checks that the actor may do `permission` in the policy's tenant; the refusal explains why not. */
export function requirePermission(policy: TenantPolicy, actorId: string, permission: string, now: Instant): DomainIssue[] {
  return checkPermission(policy, { userId: actorId }, permission, { tenantId: policy.tenantId }, now);
}

/** Checks that a change keeps the document's id; INVALID otherwise. */
export function checkSameDocument(kind: string, before: { readonly id: string } | null, after: { readonly id: string } | null): DomainIssue<'INVALID'>[] {
  if (before === null && after === null) {
    return [{ code: 'INVALID', message: `A ${kind} change needs the document before or after it; both are missing.`, details: { reason: 'empty-change' } }];
  }
  if (before !== null && after !== null && before.id !== after.id) {
    return [{ code: 'INVALID', message: `A ${kind} change must keep the document id (${before.id} became ${after.id}).`, details: { reason: 'id-changed', before: before.id, after: after.id } }];
  }
  return [];
}

/** IMMUTABLE issues for identity fields an edit may not change. */
export function checkUnchangedFields<T extends object>(kind: string, before: T | null, after: T | null, fields: readonly (keyof T & string)[]): DomainIssue<'IMMUTABLE'>[] {
  if (before === null || after === null) return [];
  return fields
    .filter((f) => before[f] !== after[f])
    .map((field) => ({
      code: 'IMMUTABLE' as const,
      message: `A ${kind}'s ${field} cannot be changed; revoke it and create a new one, so the audit trail shows both.`,
      details: { reason: 'identity-field-changed', field },
    }));
}

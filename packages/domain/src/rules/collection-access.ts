/**
 * What each collection means to RBAC: the resource its documents belong to,
 * the permission that reads them, and how a write is classified. Both ends
 * use this table, so a permission name is written once.
 */
import type { CollectionName } from '../schema/collections.ts';

export type WriteOperation = 'create' | 'update' | 'delete';

export interface CollectionAccess {
  /** The RBAC resource (`tenant`, `user`, …). */
  readonly resource: 'tenant' | 'user' | 'role' | 'audit' | 'workflow' | 'report';
  /** The permission that reads the collection's documents. */
  readonly read: string;
  /** The name audit events use for a document of this collection (`roleAssignment.create`). */
  readonly noun: string;
}

export const COLLECTION_ACCESS: Readonly<Record<CollectionName, CollectionAccess>> = Object.freeze({
  tenants: { resource: 'tenant', read: 'tenant:read', noun: 'tenant' },
  users: { resource: 'user', read: 'user:read', noun: 'user' },
  roles: { resource: 'role', read: 'role:read', noun: 'role' },
  roleAssignments: { resource: 'role', read: 'role:read', noun: 'roleAssignment' },
  auditEvents: { resource: 'audit', read: 'audit:read', noun: 'auditEvent' },
  auditReviews: { resource: 'audit', read: 'audit:read', noun: 'auditReview' },
  workflows: { resource: 'workflow', read: 'workflow:read', noun: 'workflow' },
  workflowRuns: { resource: 'workflow', read: 'workflow:read', noun: 'workflowRun' },
  reports: { resource: 'report', read: 'report:read', noun: 'report' },
  reportRuns: { resource: 'report', read: 'report:read', noun: 'reportRun' },
});

/** A write is a create (nothing live before), a delete (nothing live after) or an update. */
export function operationOf(before: { readonly _deleted: boolean } | null, after: { readonly _deleted: boolean }): WriteOperation {
  const wasLive = before !== null && !before._deleted;
  if (!wasLive) return 'create';
  return after._deleted ? 'delete' : 'update';
}

/** The audit action for a write, e.g. `roleAssignment.delete`. */
export function auditActionOf(collection: CollectionName, operation: WriteOperation): string {
  return `${COLLECTION_ACCESS[collection].noun}.${operation}`;
}

/**
 * Everything the approvals screen reads from the replica, live: runs,
 * workflow definitions, and the people, roles and grants that decide who
 * may approve what — sorted into inbox, own requests, other pending runs
 * and history for the signed-in person.
 */
import type { Workflow } from '@steward/domain';
import { useMemo } from 'react';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { selectRuns, type RunSelection } from '../../workflows/inbox.ts';
import { policiesByTenant } from '../../workflows/policies.ts';
import { useDocuments } from '../use-replica.tsx';

export interface WorkflowData {
  readonly selection: RunSelection;
  readonly workflows: readonly Workflow[];
  readonly workflowsById: ReadonlyMap<string, Workflow>;
  /** "Ada Lovelace <ada@acme.example>". */
  readonly userLabel: (id: string) => string;
  /** "Ada Lovelace": for dense tables (the label is in the tooltip). */
  readonly userName: (id: string) => string;
  readonly tenantName: (id: string | null) => string;
}

export type WorkflowDataState = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: string } | { readonly status: 'ready'; readonly data: WorkflowData };

export function useWorkflowData(db: ReplicaDatabase, userId: string, nowMs: number): WorkflowDataState {
  const runs = useDocuments(db, 'workflowRuns');
  const workflows = useDocuments(db, 'workflows');
  const users = useDocuments(db, 'users');
  const roles = useDocuments(db, 'roles');
  const grants = useDocuments(db, 'roleAssignments');
  const tenants = useDocuments(db, 'tenants');
  const error = [runs, workflows, users, roles, grants, tenants].find((d) => d.error !== null)?.error ?? null;

  const data = useMemo((): WorkflowData | null => {
    if (runs.docs === null || workflows.docs === null || users.docs === null || roles.docs === null || grants.docs === null || tenants.docs === null) return null;
    const now = new Date(nowMs).toISOString();
    const tenantIds = runs.docs.flatMap((r) => (r.tenantId === null ? [] : [r.tenantId]));
    const policies = policiesByTenant({ roles: roles.docs, roleAssignments: grants.docs, users: users.docs }, tenantIds, now);
    const people = new Map(users.docs.map((u) => [u.id, u]));
    const tenantNames = new Map(tenants.docs.map((t) => [t.id, t.name]));
    return {
      selection: selectRuns({ runs: runs.docs, workflows: workflows.docs, policies, userId, now }),
      workflows: workflows.docs,
      workflowsById: new Map(workflows.docs.map((w) => [w.id, w])),
      userLabel: (id) => {
        const person = people.get(id);
        return person === undefined ? `Unknown user ${id.slice(-6)}` : `${person.displayName} <${person.email}>`;
      },
      userName: (id) => people.get(id)?.displayName ?? `Unknown user ${id.slice(-6)}`,
      tenantName: (id) => (id === null ? 'Platform-wide' : (tenantNames.get(id) ?? 'Unknown tenant')),
    };
  }, [runs.docs, workflows.docs, users.docs, roles.docs, grants.docs, tenants.docs, userId, nowMs]);

  if (error !== null) return { status: 'error', error };
  return data === null ? { status: 'loading' } : { status: 'ready', data };
}

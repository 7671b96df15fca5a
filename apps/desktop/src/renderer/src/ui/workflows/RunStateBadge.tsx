import type { WorkflowRun } from '@steward/domain';

const TONE: Readonly<Record<WorkflowRun['state'], string>> = { pending: 'badge-pending', approved: 'badge-success', completed: 'badge-success', rejected: 'badge-denied', cancelled: 'badge-neutral' };

export function RunStateBadge({ state }: { readonly state: WorkflowRun['state'] }) {
  return <span className={`badge ${TONE[state]}`}>{state}</span>;
}

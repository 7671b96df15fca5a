/** One run in full: what was asked, by whom, where it stands, every decision and history entry, and the decision form while it waits. */
import type { DomainIssue, Workflow, WorkflowRun } from '@steward/domain';
import type { LocalWriter } from '../../replica/local-writes.ts';
import { stepAwaitingDecision } from '../../workflows/decide.ts';
import { requestedAt } from '../../workflows/inbox.ts';
import { formatLongTime, formatTime } from '../format.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';
import type { ChangeTracker } from '../sync/use-change-tracker.ts';

interface Props {
  readonly run: WorkflowRun;
  readonly workflow: Workflow | undefined;
  readonly blockers: readonly DomainIssue[];
  readonly userId: string;
  readonly writer: LocalWriter;
  readonly changes: ChangeTracker;
  readonly userLabel: (id: string) => string;
  readonly userName: (id: string) => string;
  readonly tenantName: (id: string | null) => string;
}

const EVENT_LABELS: Readonly<Record<string, string>> = { requested: 'Requested', 'step.approved': 'Approved', 'step.rejected': 'Rejected', completed: 'Completed' };

export function RunDetails({ run, workflow, blockers, userId, writer, changes, userLabel, userName, tenantName }: Props) {
  const step = stepAwaitingDecision(run, workflow);
  const stepNames = new Map((workflow?.steps ?? []).map((s) => [s.id, s.name]));
  const fields: [string, string][] = [
    ['Workflow', workflow?.name ?? 'Unknown workflow'],
    ['Tenant', tenantName(run.tenantId)],
    ['Requested by', `${userLabel(run.requesterId)}${run.requesterId === userId ? ' (you)' : ''}`],
    ['Requested', formatLongTime(requestedAt(run))],
    ['Subject', `${run.subject.type} ${run.subject.id}`],
    ['Waiting on', step === null ? '—' : `${step.name} (${step.minApprovals} approval${step.minApprovals === 1 ? '' : 's'})`],
  ];
  return (
    <aside className="details run-details" aria-label="Request details">
      <h2>
        <span>{run.subject.summary || 'Untitled request'}</span> <RunStateBadge state={run.state} /> <ChangeStatusBadge status={changes.statusOf('workflowRuns', run.id)} withReason />
      </h2>
      <dl>
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {run.state === 'pending' && (
        <>
          <h3>Your decision</h3>
          <DecisionForm key={run.id} run={run} workflow={workflow} blockers={blockers} userId={userId} writer={writer} changes={changes} userName={userName} />
        </>
      )}
      <h3>Decisions</h3>
      {run.approvals.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <ol className="approval-chain" aria-label="Approver chain">
          {run.approvals.map((a) => (
            <li key={`${a.stepId}|${a.approverId}`}>
              <span className={`badge ${a.decision === 'approve' ? 'badge-success' : 'badge-denied'}`}>{a.decision === 'approve' ? 'Approved' : 'Rejected'}</span> {stepNames.get(a.stepId) ?? a.stepId} · {userLabel(a.approverId)} · <time dateTime={a.at} title={formatLongTime(a.at)}>{formatTime(a.at)}</time>
              {a.comment !== '' && <q>{a.comment}</q>}
            </li>
          ))}
        </ol>
      )}
      <h3>History</h3>
      <ol className="run-timeline">
        {run.history.map((h) => (
          <li key={`${h.at}|${h.actorId}|${h.event}`}>
            <time dateTime={h.at} title={formatLongTime(h.at)}>{formatTime(h.at)}</time> <strong>{EVENT_LABELS[h.event] ?? h.event}</strong> by {userLabel(h.actorId)}
            {h.note !== '' && <q>{h.note}</q>}
          </li>
        ))}
      </ol>
    </aside>
  );
}


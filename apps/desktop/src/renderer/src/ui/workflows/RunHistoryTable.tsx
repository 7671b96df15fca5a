/** Decided runs: who asked, the approver chain with each decision and its time, the outcome. */
import type { Workflow, WorkflowRun } from '@steward/domain';
import { historyRowOf } from '../../workflows/run-history.ts';
import type { ChangeStatus } from '../../replica/change-status.ts';
import { formatLongTime, formatTime } from '../format.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';

interface Props {
  readonly runs: readonly WorkflowRun[];
  readonly workflowsById: ReadonlyMap<string, Workflow>;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly statusOf: (id: string) => ChangeStatus | null;
  readonly userLabel: (id: string) => string;
  readonly userName: (id: string) => string;
  readonly tenantName: (id: string | null) => string;
}

const Time = ({ at }: { readonly at: string }) => (
  <time dateTime={at} title={formatLongTime(at)}>
    {formatTime(at)}
  </time>
);

export function RunHistoryTable({ runs, workflowsById, selectedId, onSelect, statusOf, userLabel, userName, tenantName }: Props) {
  return (
    <div className="table-scroll">
      <table className="data-table run-history" aria-label="Run history">
        <thead>
          <tr>
            <th scope="col">Closed</th>
            <th scope="col">Request</th>
            <th scope="col">Requested by</th>
            <th scope="col">Approver chain</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const row = historyRowOf(run, workflowsById.get(run.workflowId));
            return (
              <tr key={row.runId} className={row.runId === selectedId ? 'selected' : undefined}>
                <td className="nowrap">
                  <Time at={row.closedAt} />
                </td>
                <td>
                  <button type="button" className="link-button" aria-current={row.runId === selectedId ? 'true' : undefined} onClick={() => onSelect(row.runId)}>
                    {row.summary || 'Untitled request'}
                  </button>
                  <div className="muted small">
                    {row.workflowName} · {tenantName(row.tenantId)}
                  </div>
                </td>
                <td>
                  <span title={userLabel(row.requesterId)}>{userName(row.requesterId)}</span>
                  <div className="muted small">
                    <Time at={row.requestedAt} />
                  </div>
                </td>
                <td>
                  {row.chain.length === 0 ? (
                    <span className="muted">No decisions</span>
                  ) : (
                    <ol className="chain">
                      {row.chain.map((link) => (
                        <li key={`${link.stepName}|${link.approverId}`}>
                          <span className={`badge ${link.decision === 'approve' ? 'badge-success' : 'badge-denied'}`}>{link.decision === 'approve' ? 'Approved' : 'Rejected'}</span> <span title={`${link.stepName}: ${userLabel(link.approverId)}`}>{userName(link.approverId)}</span> · <Time at={link.at} />
                          {link.comment !== '' && <q className="small">{link.comment}</q>}
                        </li>
                      ))}
                    </ol>
                  )}
                </td>
                <td>
                  <RunStateBadge state={row.state} /> <ChangeStatusBadge status={statusOf(row.runId)} withReason />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

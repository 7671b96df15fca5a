/** A list of runs to pick from: what is asked, by whom, when; arrow keys move between them. */
import type { WorkflowRun } from '@steward/domain';
import type { KeyboardEvent } from 'react';
import type { ChangeStatus } from '../../replica/change-status.ts';
import { requestedAt } from '../../workflows/inbox.ts';
import { formatLongTime, formatTime } from '../format.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';

export interface RunListItem {
  readonly run: WorkflowRun;
  readonly workflowName: string;
  /** A short line under the summary, e.g. why the person cannot decide it. */
  readonly note?: string;
}

interface Props {
  readonly label: string;
  readonly items: readonly RunListItem[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly statusOf: (id: string) => ChangeStatus | null;
  readonly userLabel: (id: string) => string;
  readonly tenantName: (id: string | null) => string;
}

function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.run-item')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (next !== undefined) {
    event.preventDefault();
    next.focus();
    next.click();
  }
}

export function RunList({ label, items, selectedId, onSelect, statusOf, userLabel, tenantName }: Props) {
  return (
    <ul className="run-list" aria-label={label} onKeyDown={moveFocus}>
      {items.map(({ run, workflowName, note }) => {
        const at = requestedAt(run);
        return (
          <li key={run.id}>
            <button type="button" className={`run-item${run.id === selectedId ? ' selected' : ''}`} aria-current={run.id === selectedId ? 'true' : undefined} onClick={() => onSelect(run.id)}>
              <span className="run-item-head">
                <strong className="run-summary">{run.subject.summary || 'Untitled request'}</strong>
                <RunStateBadge state={run.state} />
                <ChangeStatusBadge status={statusOf(run.id)} />
              </span>
              <span className="run-item-meta">
                {workflowName} · {tenantName(run.tenantId)} · {userLabel(run.requesterId)} · <time dateTime={at} title={formatLongTime(at)}>{formatTime(at)}</time>
              </span>
              {note !== undefined && note !== '' && <span className="run-item-note">{note}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

import { useId, useState } from 'react';
import type { Directory } from '../../people/directory.ts';
import type { ReconcileDecisions } from '../../reconcile/decisions.ts';
import { collectionLabel, fieldRows, formatValue, itemTitle, operationOfItem } from '../../reconcile/item-view.ts';
import type { DocumentState, ReconcileItem } from '../../reconcile/reconcile-item.ts';
import { formatLongTime, formatTime } from '../format.ts';
import { DecisionIssues } from './DecisionIssues.tsx';
import { useDecisionRunner } from './use-decision-runner.ts';
import { EditForm } from './EditForm.tsx';

const CODE_WORDS: Readonly<Record<string, string>> = {
  FORBIDDEN: 'Not allowed',
  QUOTA_EXCEEDED: 'Over the plan’s limit',
  INVALID: 'Not valid',
  IMMUTABLE: 'Cannot be changed',
  CONFLICT: 'Changed on the server',
};

type Mode = 'view' | 'edit' | 'discard';

/** One refused change: why, what it was against the server's state, and the three ways out. */
export function RejectionDetails({
  item,
  directory,
  decisions,
  onDecided,
}: {
  readonly item: ReconcileItem;
  readonly directory: Directory;
  readonly decisions: ReconcileDecisions;
  readonly onDecided: (item: ReconcileItem, what: string) => void;
}) {
  const titleId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const { busy, issues, run } = useDecisionRunner(item, onDecided);
  const rows = fieldRows(item);
  const operation = operationOfItem(item);
  const serverGone = item.server === null || item.server['_deleted'] === true;


  return (
    <article className="reconcile-details" aria-labelledby={titleId} data-kind="rejection" data-code={item.code}>
      <header className="reconcile-details-head">
        <span className="pill pill-bad">{item.code}</span>
        <h2 id={titleId}>{itemTitle(item, directory)}</h2>
      </header>
      <p className="muted reconcile-when">
        {collectionLabel(item.collection)} in {directory.tenantName(item.tenantId)} · refused <time dateTime={item.at} title={formatLongTime(item.at)}>{formatTime(item.at)}</time>
      </p>
      <div className="reconcile-reason" data-testid="reconcile-reason">
        <strong>{CODE_WORDS[item.code] ?? item.code}.</strong> {directory.humanize(item.reason)}
      </div>

      <h3 className="sync-section-title">Your change and the server’s version</h3>
      {rows.length === 0 ? (
        <p className="muted">{operation === 'delete' ? 'You deleted this record.' : 'The server already holds the same values.'}</p>
      ) : (
        <table className="reconcile-fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Your change</th>
              <th scope="col">On the server now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.field} data-field={row.field}>
                <th scope="row">{row.field}</th>
                <td className={row.changedHere ? 'value-mine' : undefined}>{formatValue(row.mine, directory)}</td>
                <td>{serverGone ? <span className="muted">{operation === 'create' ? 'not created' : 'deleted'}</span> : formatValue(row.theirs, directory)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <DecisionIssues issues={issues} directory={directory} />

      {mode === 'edit' ? (
        <EditForm
          item={item}
          busy={busy}
          directory={directory}
          onCancel={() => setMode('view')}
          onSubmit={(doc: DocumentState) => void run(() => decisions.resubmit(item.id, doc), 'Your edited change was saved locally and will be sent to the server')}
        />
      ) : mode === 'discard' ? (
        <div className="reconcile-confirm" role="group" aria-label="Confirm discarding">
          <p>Discard this change? The server’s version stays as it is; the refusal and your decision stay in the audit log.</p>
          <div className="reconcile-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => decisions.discard(item.id), 'The change was discarded')}>
              Discard change
            </button>
            <button type="button" disabled={busy} onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="reconcile-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => decisions.reapply(item.id), 'The change was re-applied and will be sent to the server')} title="Apply the same change again, once its cause is fixed">
            Re-apply
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('edit')}>
            Edit and re-submit
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('discard')}>
            Discard…
          </button>
        </div>
      )}
    </article>
  );
}

import { changedFields, isServerSet, type ConflictChoices, type FieldConflict, type ResolutionSide } from '@steward/domain';
import { useEffect, useId, useState } from 'react';
import type { Directory } from '../../people/directory.ts';
import { currentConflict, type ReconcileDecisions } from '../../reconcile/decisions.ts';
import { collectionLabel, formatValue, itemTitle } from '../../reconcile/item-view.ts';
import type { ReconcileItem } from '../../reconcile/reconcile-item.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { formatLongTime, formatTime } from '../format.ts';
import { DecisionIssues } from './DecisionIssues.tsx';
import { useDecisionRunner } from './use-decision-runner.ts';

const SIDES: readonly { readonly side: ResolutionSide; readonly label: string }[] = [
  { side: 'base', label: 'Base (before both)' },
  { side: 'mine', label: 'Mine (this device)' },
  { side: 'theirs', label: 'Theirs (server)' },
];

/**
 * A field changed both here and on the server: base / mine / theirs per
 * field, and a choice for each. The fields are worked out again from the
 * replica's current state, so a choice always answers the conflict as it
 * stands now; fields changed on one side only were merged without asking.
 */
export function ConflictDetails({
  db,
  item,
  directory,
  decisions,
  onDecided,
}: {
  readonly db: ReplicaDatabase;
  readonly item: ReconcileItem;
  readonly directory: Directory;
  readonly decisions: ReconcileDecisions;
  readonly onDecided: (item: ReconcileItem, what: string) => void;
}) {
  const titleId = useId();
  const [fields, setFields] = useState<readonly FieldConflict[] | null>(null);
  const [stale, setStale] = useState(false);
  const [choices, setChoices] = useState<Record<string, ResolutionSide>>({});
  const { busy, issues, run } = useDecisionRunner(item, onDecided);

  useEffect(() => {
    let live = true;
    const sub = db.collections[item.collection].findOne(item.documentId).$.subscribe(() => {
      currentConflict(db, item)
        .then((conflict) => {
          if (!live) return;
          setStale(conflict === null);
          setFields(conflict === null ? item.fields : conflict.conflicts);
        })
        .catch(() => live && setFields(item.fields));
    });
    return () => {
      live = false;
      sub.unsubscribe();
    };
  }, [db, item]);


  const shown = fields ?? item.fields;
  const conflicting = new Set(shown.map((f) => f.field));
  const mergedAlone = changedFields(item.base, item.attempted).filter((field) => !conflicting.has(field) && !isServerSet(item.collection, field) && field !== '_deleted');
  const undecided = shown.filter((f) => choices[f.field] === undefined).length;
  const chosen: ConflictChoices = Object.fromEntries(
    shown.flatMap((f): [string, ResolutionSide][] => {
      const side = choices[f.field];
      return side === undefined ? [] : [[f.field, side]];
    }),
  );

  return (
    <article className="reconcile-details" aria-labelledby={titleId} data-kind="conflict">
      <header className="reconcile-details-head">
        <span className="pill pill-warn">Conflict</span>
        <h2 id={titleId}>{itemTitle(item, directory)}</h2>
      </header>
      <p className="muted reconcile-when">
        {collectionLabel(item.collection)} in {directory.tenantName(item.tenantId)} · met <time dateTime={item.at} title={formatLongTime(item.at)}>{formatTime(item.at)}</time>
      </p>
      <div className="reconcile-reason">{directory.humanize(item.reason)}</div>
      {stale && (
        <p className="notice" role="status">
          The server’s version has changed since this conflict was met, so it no longer stands as shown. Discard your change, or look at the record again and make the change anew.
        </p>
      )}

      <fieldset className="conflict-choices" disabled={busy || stale}>
        <legend className="sync-section-title">Choose a version for each field</legend>
        <table className="reconcile-fields conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              {SIDES.map(({ side, label }) => (
                <th key={side} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((conflict) => (
              <tr key={conflict.field} data-field={conflict.field}>
                <th scope="row">{conflict.field}</th>
                {SIDES.map(({ side, label }) => {
                  const value = conflict[side];
                  const unavailable = side === 'base' && value === undefined;
                  return (
                    <td key={side} className={choices[conflict.field] === side ? 'choice chosen' : 'choice'}>
                      <label>
                        <input
                          type="radio"
                          name={`${titleId}-${conflict.field}`}
                          value={side}
                          disabled={unavailable}
                          checked={choices[conflict.field] === side}
                          onChange={() => setChoices({ ...choices, [conflict.field]: side })}
                          aria-label={`${conflict.field}: ${label}`}
                        />
                        <span className="choice-value">{unavailable ? 'none (new on both sides)' : formatValue(value, directory)}</span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      {mergedAlone.length > 0 && <p className="muted">Merged without asking (changed only here): {mergedAlone.join(', ')}.</p>}

      <DecisionIssues issues={issues} directory={directory} />
      <div className="reconcile-actions">
        <button type="button" className="primary" disabled={busy || stale || undecided > 0} onClick={() => void run(() => decisions.choose(item.id, chosen), 'Your choices were saved locally and will be sent to the server')}>
          {undecided > 0 ? `Choose ${undecided} more` : 'Apply choices'}
        </button>
        <button type="button" disabled={busy} onClick={() => setChoices(Object.fromEntries(shown.map((f) => [f.field, 'theirs' as const])))}>
          Take all of theirs
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => decisions.discard(item.id), 'Your side of the conflict was discarded; the server’s version stays')}>
          Discard my change
        </button>
      </div>
    </article>
  );
}

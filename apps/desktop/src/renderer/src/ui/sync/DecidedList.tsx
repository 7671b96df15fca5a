import type { Directory } from '../../people/directory.ts';
import { itemTitle } from '../../reconcile/item-view.ts';
import type { DecisionKind, ReconcileItem } from '../../reconcile/reconcile-item.ts';
import { formatLongTime, formatTime } from '../format.ts';

const DECISION_WORDS: Readonly<Record<DecisionKind, string>> = {
  reapply: 'Re-applied',
  resubmit: 'Edited and re-submitted',
  discard: 'Discarded',
  choose: 'Chosen per field',
};

/** Items already decided on this device, newest first: what was refused, and what the officer did. */
export function DecidedList({ items, directory }: { readonly items: readonly ReconcileItem[]; readonly directory: Directory }) {
  if (items.length === 0) return null;
  return (
    <details className="decided-list">
      <summary>Decided on this device ({items.length})</summary>
      <table className="reconcile-fields">
        <thead>
          <tr>
            <th scope="col">Change</th>
            <th scope="col">Why</th>
            <th scope="col">Decision</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-decision={item.decision?.kind}>
              <td>{itemTitle(item, directory)}</td>
              <td>{item.kind === 'conflict' ? 'Conflict' : item.code}</td>
              <td>{item.decision === null ? '—' : DECISION_WORDS[item.decision.kind]}</td>
              <td>{item.decision === null ? '—' : <time dateTime={item.decision.at} title={formatLongTime(item.decision.at)}>{formatTime(item.decision.at)}</time>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

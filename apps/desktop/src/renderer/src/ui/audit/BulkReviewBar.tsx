import { useMemo, useState } from 'react';
import type { AuditRow } from '../../audit/audit-row.ts';
import { reviewChangeStatus } from '../../audit/review-status.ts';
import { useReviewsContext } from '../../audit/use-reviews.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { formatCount } from '../format.ts';
import { useRecordReviews } from './use-record-reviews.ts';

/**
 * For the rows ticked in the table: "Mark N reviewed", then what became of
 * the reviews just written — saved locally, synced, or rejected (why).
 */
export function BulkReviewBar({ db, rows }: { readonly db: ReplicaDatabase; readonly rows: readonly AuditRow[] }) {
  const { auditView } = useAppServices();
  const selected = useSlice(auditView, (s) => s.selected);
  const record = useRecordReviews(db);
  const { byId, sync } = useReviewsContext();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<{ readonly reviewIds: readonly string[]; readonly refused: ReadonlyMap<string, string> } | null>(null);
  const chosen = useMemo(() => (selected.size === 0 ? [] : rows.filter((row) => selected.has(row.id))), [rows, selected]);

  const summary = useMemo(() => {
    if (last === null) return null;
    const counts = { 'saved-locally': 0, synced: 0, rejected: 0, conflict: 0 };
    const reasons = new Set<string>();
    for (const id of last.reviewIds) {
      // A review refused and withdrawn from the replica is still reported, from the refusal.
      const status = reviewChangeStatus(byId.get(id) ?? { id, revision: 0 }, sync);
      counts[status.kind] += 1;
      if (status.kind === 'rejected') reasons.add(status.reason);
    }
    return { counts, rejected: counts.rejected + last.refused.size, reasons: [...reasons, ...last.refused.values()] };
  }, [last, byId, sync]);

  if (chosen.length === 0 && summary === null) return null;
  const mark = async (): Promise<void> => {
    setBusy(true);
    const outcome = await record(chosen, { state: 'reviewed', note: '' });
    setBusy(false);
    setLast({ reviewIds: outcome.saved.map((saved) => saved.reviewId), refused: outcome.refused });
    auditView.getState().clearSelection();
  };

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk review">
      {chosen.length > 0 && (
        <>
          <span>{formatCount(chosen.length)} selected</span>
          <button type="button" className="primary" disabled={busy} onClick={() => void mark()}>
            Mark {formatCount(chosen.length)} reviewed
          </button>
          <button type="button" onClick={() => auditView.getState().clearSelection()}>
            Clear selection
          </button>
        </>
      )}
      {summary !== null && (
        <span className="bulk-status" aria-live="polite" data-saved-locally={summary.counts['saved-locally']} data-synced={summary.counts.synced} data-rejected={summary.rejected}>
          Last bulk review: {summary.counts['saved-locally'] > 0 && <span className="change-status change-saved-locally">{summary.counts['saved-locally']} saved locally</span>}
          {summary.counts.synced > 0 && <span className="change-status change-synced">{summary.counts.synced} synced</span>}
          {summary.rejected > 0 && (
            <span className="change-status change-rejected" title={summary.reasons.join('\n')}>
              {summary.rejected} rejected ({summary.reasons[0]})
            </span>
          )}
          <button type="button" className="link-button" onClick={() => setLast(null)}>
            Dismiss
          </button>
        </span>
      )}
    </div>
  );
}

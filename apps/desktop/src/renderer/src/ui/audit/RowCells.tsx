/**
 * The two cells that read more than the row: the bulk-selection checkbox
 * (the view store) and the review mark (the reviews collection). Each
 * subscribes to its own event only, so ticking a box or syncing a review
 * redraws a cell, not 50,000 rows.
 */
import { markOf, REVIEW_STATE_LABEL, reviewChangeStatus } from '../../audit/review-status.ts';
import { CHANGE_STATUS_LABELS } from '../../replica/change-status.ts';
import { useReviewsContext } from '../../audit/use-reviews.ts';
import { useAppServices, useSlice } from '../app-services.ts';

export function SelectCell({ id }: { readonly id: string }) {
  const { auditView } = useAppServices();
  const selected = useSlice(auditView, (s) => s.selected.has(id));
  return (
    <input
      type="checkbox"
      className="row-select"
      checked={selected}
      tabIndex={-1}
      aria-label="Select for review"
      onClick={(event) => event.stopPropagation()}
      onChange={() => auditView.getState().toggleSelected(id)}
    />
  );
}

export function ReviewCell({ id }: { readonly id: string }) {
  const { byEvent, sync } = useReviewsContext();
  const latest = byEvent.get(id)?.[0];
  if (latest === undefined) return null;
  const status = reviewChangeStatus(latest, sync);
  return (
    <span className="review-cell">
      <span className={`review-mark review-${markOf(latest.state)}`}>{REVIEW_STATE_LABEL[latest.state]}</span>
      {status.kind !== 'synced' && (
        // Compact in the row (the details panel and the bulk bar say it in full); the words are there for screen readers and as a tooltip.
        <span className={`change-status change-icon change-${status.kind}`} title={CHANGE_STATUS_LABELS[status.kind]}>
          <span aria-hidden="true">{status.kind === 'saved-locally' ? 'local' : 'refused'}</span>
          <span className="audit-sr-only">{CHANGE_STATUS_LABELS[status.kind]}</span>
        </span>
      )}
    </span>
  );
}

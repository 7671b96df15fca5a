import { REVIEW_STATES, LIMITS, type AuditReview } from '@steward/domain';
import { useId, useMemo, useState } from 'react';
import type { AuditRow } from '../../audit/audit-row.ts';
import { REVIEW_STATE_LABEL, reviewChangeStatus, type ReviewState } from '../../audit/review-status.ts';
import { ChangeStatusBadge } from '../sync/ChangeStatusBadge.tsx';
import { useReviewsContext } from '../../audit/use-reviews.ts';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { formatLongTime } from '../format.ts';
import { useRecordReviews } from './use-record-reviews.ts';

const ACTION_LABEL: Readonly<Record<ReviewState, string>> = { reviewed: 'Mark reviewed', flagged: 'Record finding', 'follow-up': 'Mark for follow-up' };

/**
 * The officer's review of one event: its reviews so far (newest first, each
 * with its change status), and a form to add one. Reviews are append-only,
 * so "changing" a review records a new one that supersedes it.
 */
export function ReviewPanel({ db, row, userNames }: { readonly db: ReplicaDatabase; readonly row: AuditRow; readonly userNames: ReadonlyMap<string, string> }) {
  const { byEvent, byId, sync } = useReviewsContext();
  const record = useRecordReviews(db);
  // The review just written shows at once, before the replica's live view catches up with it.
  const [justWritten, setJustWritten] = useState<AuditReview | null>(null);
  const stored = byEvent.get(row.id);
  const reviews = useMemo(() => (justWritten === null || byId.has(justWritten.id) ? (stored ?? []) : [justWritten, ...(stored ?? [])]), [justWritten, byId, stored]);
  const [state, setState] = useState<ReviewState>('reviewed');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = { note: useId(), group: useId() };
  const needsNote = state !== 'reviewed' && note.trim() === '';

  const submit = async (): Promise<void> => {
    setBusy(true);
    setRefusal(null);
    const outcome = await record([row], { state, note });
    setBusy(false);
    const refused = outcome.refused.get(row.id);
    if (refused !== undefined) setRefusal(refused);
    else {
      setJustWritten(outcome.saved[0]?.review ?? null);
      setNote('');
      setState('reviewed');
    }
  };

  return (
    <section className="review-panel" aria-labelledby={`${ids.group}-title`}>
      <h3 id={`${ids.group}-title`}>Review</h3>
      {reviews.length === 0 ? (
        <p className="muted">Not reviewed yet.</p>
      ) : (
        <ol className="review-history" aria-label="Reviews of this event">
          {reviews.map((review, i) => {
            const status = reviewChangeStatus(review, sync);
            return (
              <li key={review.id} className={i === 0 ? 'review-entry current' : 'review-entry superseded'}>
                <div className="review-entry-head">
                  <span className={`review-mark review-${review.state === 'reviewed' ? 'reviewed' : 'finding'}`}>{REVIEW_STATE_LABEL[review.state]}</span>
                  <ChangeStatusBadge status={status} withReason />
                  {i > 0 && <span className="muted">superseded</span>}
                </div>
                {review.note !== '' && <p className="review-note">{review.note}</p>}
                <p className="muted review-meta">
                  {userNames.get(review.reviewerId) ?? 'You'} · {formatLongTime(review.createdAt)}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      <form
        className="review-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && !needsNote) void submit();
        }}
      >
        <fieldset>
          <legend>Assessment</legend>
          {REVIEW_STATES.map((value) => (
            <label key={value} className="check">
              <input type="radio" name={`${ids.group}-state`} value={value} checked={state === value} onChange={() => setState(value)} />
              {REVIEW_STATE_LABEL[value]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.note}>{state === 'reviewed' ? 'Note (optional)' : 'Finding note'}</label>
          <textarea id={ids.note} rows={3} maxLength={LIMITS.note} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {refusal !== null && (
          <p className="review-refusal" role="alert">
            Not saved: {refusal}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || needsNote} title={needsNote ? 'A finding needs a note saying what was found.' : undefined}>
          {ACTION_LABEL[state]}
        </button>
      </form>
    </section>
  );
}

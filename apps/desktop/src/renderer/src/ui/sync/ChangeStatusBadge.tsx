import { CHANGE_STATUS_LABELS, changeStatusTitle, type ChangeStatus } from '../../replica/change-status.ts';
import { useAppServices } from '../app-services.ts';
import './sync-badges.css';

const same = (reason: string): string => reason;

/**
 * "Saved locally", "Synced", "Rejected" or "Conflict" for one change, where it
 * was made. Rejected and conflicting changes are buttons to the Sync center;
 * `withReason` also shows the server's reason (through `humanize`, which
 * turns ids into names).
 */
export function ChangeStatusBadge({
  status,
  withReason = false,
  humanize = same,
}: {
  readonly status: ChangeStatus | null;
  readonly withReason?: boolean;
  readonly humanize?: (reason: string) => string;
}) {
  const { navigation } = useAppServices();
  if (status === null) return null;
  const label = CHANGE_STATUS_LABELS[status.kind];
  const title = changeStatusTitle(status.kind === 'rejected' ? { ...status, reason: humanize(status.reason) } : status);
  const className = `change-badge change-badge-${status.kind}`;
  const needsDecision = status.kind === 'rejected' || status.kind === 'conflict';
  return (
    <span className="change-badge-group">
      {needsDecision ? (
        <button type="button" className={className} data-change-status={status.kind} title={title} onClick={() => navigation.getState().go('sync')}>
          {label}
          <span className="change-badge-hint">: open the Sync center</span>
        </button>
      ) : (
        <span className={className} data-change-status={status.kind} title={title}>
          {label}
        </span>
      )}
      {withReason && status.kind === 'rejected' && <span className="change-reason">{humanize(status.reason)}</span>}
    </span>
  );
}

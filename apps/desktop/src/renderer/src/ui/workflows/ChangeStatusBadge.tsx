import { describeStatus, type ChangeStatus } from '../../workflows/change-status.ts';
import { useAppServices } from '../app-services.ts';

/** "Saved locally", "Synced", "Rejected (reason)" or "Conflict" for one local change; the last two lead to the Sync center. */
export function ChangeStatusBadge({ status }: { readonly status: ChangeStatus | null }) {
  const { navigation } = useAppServices();
  if (status === null) return null;
  const badge = (
    <span className={`change-status change-${status.kind}`} data-change-status={status.kind}>
      {describeStatus(status)}
    </span>
  );
  if (status.kind !== 'rejected' && status.kind !== 'conflict') return badge;
  return (
    <span className="change-status-group">
      {badge}
      <button type="button" className="link-button small" onClick={() => navigation.getState().go('sync')}>
        Resolve in the Sync center
      </button>
    </span>
  );
}

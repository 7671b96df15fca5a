import { describeStatus, type ChangeStatus } from '../../workflows/change-status.ts';

/** "Saved locally", "Synced" or "Rejected (reason)" for one local change. */
export function ChangeStatusBadge({ status }: { readonly status: ChangeStatus | null }) {
  if (status === null) return null;
  return (
    <span className={`change-status change-${status.kind}`} data-change-status={status.kind}>
      {describeStatus(status)}
    </span>
  );
}

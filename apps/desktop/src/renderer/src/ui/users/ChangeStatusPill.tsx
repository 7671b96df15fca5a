import { changeStatusLabel, changeStatusOf, type LocalChange } from '../../people/change-status.ts';
import type { Directory } from '../../people/directory.ts';
import { useAppServices, useSlice } from '../app-services.ts';

/** "Saved locally", "Synced" or "Rejected" for a change made here, kept current from the sync store. */
export function ChangeStatusPill({ change, directory, withReason = false }: { readonly change: LocalChange; readonly directory: Directory; readonly withReason?: boolean }) {
  const { syncStatus, navigation } = useAppServices();
  const pending = useSlice(syncStatus, (s) => s.pending);
  const rejections = useSlice(syncStatus, (s) => s.rejections);
  const openItems = useSlice(syncStatus, (s) => s.openItems);
  const status = changeStatusOf(change, { pending, rejections, openItems });
  const title =
    status.kind === 'saved-locally'
      ? status.sending
        ? 'In the local replica; sent, waiting for the server’s answer'
        : 'In the local replica; it goes to the server when the console is online'
      : status.kind === 'synced'
        ? 'The server accepted this change'
        : status.kind === 'conflict'
          ? 'Changed here and on the server: choose in the Sync center'
          : `${directory.humanize(status.reason)} (open the Sync center to re-apply, edit or discard)`;
  const label = changeStatusLabel(status);
  const needsDecision = status.kind === 'rejected' || status.kind === 'conflict';
  return (
    <span className="people-change-status">
      {needsDecision ? (
        <button type="button" className={`pill change-pill people-change-${status.kind}`} data-status={status.kind} title={title} onClick={() => navigation.getState().go('sync')}>
          {label}
          <span className="visually-hidden">: open the Sync center</span>
        </button>
      ) : (
        <span className={`pill change-pill people-change-${status.kind}`} data-status={status.kind} title={title}>
          {label}
        </span>
      )}
      {withReason && status.kind === 'rejected' && <span className="change-reason">{directory.humanize(status.reason)}</span>}
    </span>
  );
}

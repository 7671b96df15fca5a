import { initialProgress, pendingCount } from '../replica/sync-status.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { formatAgo, formatClock, formatCount, formatDuration } from './format.ts';
import { useNow } from './use-now.ts';
import './sync/sync-badges.css';

const CONNECTION_LABEL = { connecting: 'Connecting', online: 'Online', offline: 'Offline' } as const;

/** Online or not, initial-sync progress, last sync, and the pending / rejected / conflict counts — in one line of the header, always. */
export function SyncStatus() {
  const { syncStatus, navigation } = useAppServices();
  const connection = useSlice(syncStatus, (s) => s.connection);
  const lastSyncAt = useSlice(syncStatus, (s) => s.lastSyncAt);
  const lastError = useSlice(syncStatus, (s) => s.lastError);
  const initialSyncMs = useSlice(syncStatus, (s) => s.initialSyncMs);
  const pending = useSlice(syncStatus, pendingCount);
  const { rejected, conflicts } = useSlice(syncStatus, (s) => s.reconcile);
  const done = useSlice(syncStatus, (s) => initialProgress(s).done);
  const total = useSlice(syncStatus, (s) => initialProgress(s).total);
  const received = useSlice(syncStatus, (s) => initialProgress(s).received);
  const now = useNow(10_000);
  const syncing = total > 0 && done < total;

  return (
    <div className="sync-status" data-connection={connection} data-initial-sync-ms={initialSyncMs ?? undefined} aria-live="polite">
      <span className={`connection connection-${connection}`} title={lastError ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      {syncing ? (
        <span className="initial-sync">
          <progress max={total} value={done} aria-label="Initial sync progress" />
          <span>
            Initial sync · {done}/{total} collections · {formatCount(received)} documents
          </span>
        </span>
      ) : (
        <span className="last-sync" title={initialSyncMs === null ? undefined : `Initial sync took ${formatDuration(initialSyncMs)}`}>
          {lastSyncAt === null ? 'Not synced yet' : `Synced ${formatAgo(lastSyncAt, now)} (${formatClock(lastSyncAt)})`}
        </span>
      )}
      <span className={pending > 0 ? 'pill pill-warn' : 'pill'} data-count="pending" title="Local changes waiting for the server">
        {formatCount(pending)} pending
      </span>
      <button
        type="button"
        className={rejected > 0 ? 'pill pill-bad' : 'pill'}
        data-count="rejected"
        title="Changes the server refused, waiting for your decision in the Sync center"
        onClick={() => navigation.getState().go('sync')}
      >
        {formatCount(rejected)} rejected
      </button>
      <button
        type="button"
        className={conflicts > 0 ? 'pill pill-warn' : 'pill'}
        data-count="conflicts"
        title="Changes made here and on the server to the same fields, waiting for your choice in the Sync center"
        onClick={() => navigation.getState().go('sync')}
      >
        {formatCount(conflicts)} {conflicts === 1 ? 'conflict' : 'conflicts'}
      </button>
    </div>
  );
}

import { pendingCount } from '../../replica/sync-status.ts';
import { useAppServices, useSlice } from '../app-services.ts';
import { formatAgo, formatClock, formatCount } from '../format.ts';
import { useNow } from '../use-now.ts';

/** The three counts that matter, large: waiting to be sent, refused, in conflict — and whether the server is reachable. */
export function SyncSummary() {
  const { syncStatus } = useAppServices();
  const pending = useSlice(syncStatus, pendingCount);
  const { rejected, conflicts } = useSlice(syncStatus, (s) => s.reconcile);
  const connection = useSlice(syncStatus, (s) => s.connection);
  const lastSyncAt = useSlice(syncStatus, (s) => s.lastSyncAt);
  const lastError = useSlice(syncStatus, (s) => s.lastError);
  const now = useNow(10_000);
  return (
    <div className="sync-summary" aria-label="Sync counts">
      <div className={`sync-count ${pending > 0 ? 'sync-count-warn' : ''}`} data-count="pending">
        <span className="sync-count-value">{formatCount(pending)}</span>
        <span className="sync-count-label">pending</span>
        <span className="sync-count-hint">saved locally, not yet taken by the server</span>
      </div>
      <div className={`sync-count ${rejected > 0 ? 'sync-count-bad' : ''}`} data-count="rejected">
        <span className="sync-count-value">{formatCount(rejected)}</span>
        <span className="sync-count-label">rejected</span>
        <span className="sync-count-hint">refused by the server, waiting for you</span>
      </div>
      <div className={`sync-count ${conflicts > 0 ? 'sync-count-warn' : ''}`} data-count="conflicts">
        <span className="sync-count-value">{formatCount(conflicts)}</span>
        <span className="sync-count-label">{conflicts === 1 ? 'conflict' : 'conflicts'}</span>
        <span className="sync-count-hint">changed here and on the server</span>
      </div>
      <div className="sync-count sync-connection" data-connection={connection}>
        <span className="sync-count-label">{connection === 'online' ? 'Online' : connection === 'offline' ? 'Offline' : 'Connecting'}</span>
        <span className="sync-count-hint">
          {connection === 'offline' && lastError !== null ? lastError : lastSyncAt === null ? 'Not synced yet' : `Last heard from the server ${formatAgo(lastSyncAt, now)} (${formatClock(lastSyncAt)})`}
        </span>
      </div>
    </div>
  );
}

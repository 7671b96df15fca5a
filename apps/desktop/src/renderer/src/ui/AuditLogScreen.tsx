import { useMemo, type ReactNode } from 'react';
import { filterAuditRows, hasFilters } from '../audit/audit-filters.ts';
import type { AuditRow } from '../audit/audit-row.ts';
import { useAuditRows } from '../audit/use-audit-rows.ts';
import { AuditReviewsContext, useAuditReviews } from '../audit/use-reviews.ts';
import type { ReplicaDatabase } from '../replica/database.ts';
import { initialProgress } from '../replica/sync-status.ts';
import { useAppServices, useSlice } from './app-services.ts';
import { AuditTable } from './AuditTable.tsx';
import { AuditToolbar } from './AuditToolbar.tsx';
import { BulkReviewBar } from './audit/BulkReviewBar.tsx';
import './audit/audit-log.css';
import { EventDetails } from './EventDetails.tsx';
import { formatCount } from './format.ts';
import { StateMessage } from './StateMessage.tsx';
import { WithReplica } from './use-replica.tsx';

const NO_ROWS: readonly AuditRow[] = [];

/** Opens the replica first: the audit log reads nothing from the network. */
export function AuditLogScreen() {
  return <WithReplica>{(db) => <AuditLog db={db} />}</WithReplica>;
}

function AuditLog({ db }: { readonly db: ReplicaDatabase }) {
  const { auditView, syncStatus } = useAppServices();
  const { rows, choices, complete, total, error, tenantNames, userNames } = useAuditRows(db);
  const reviews = useAuditReviews(db);
  const filters = useSlice(auditView, (s) => s.filters);
  const activeId = useSlice(auditView, (s) => s.activeId);
  const syncing = useSlice(syncStatus, (s) => initialProgress(s).done < initialProgress(s).total);
  const received = useSlice(syncStatus, (s) => s.collections.auditEvents?.received ?? 0);
  const shown = useMemo(() => (rows === null ? [] : filterAuditRows(rows, filters)), [rows, filters]);
  const active = useMemo(() => shown.find((row) => row.id === activeId) ?? null, [shown, activeId]);

  let body: ReactNode;
  if (error !== null) body = <StateMessage title="The audit log could not be read" tone="error"><p>{error}</p></StateMessage>;
  else if (rows === null || (rows.length === 0 && !complete)) body = <StateMessage title="Reading the audit log from this device…" tone="loading" />;
  else if (rows.length === 0 && syncing)
    body = (
      <StateMessage title="Fetching audit events from the server…" tone="loading">
        <p>{formatCount(received)} received so far. They appear here as they arrive, and stay available offline.</p>
      </StateMessage>
    );
  else if (rows.length === 0) body = <StateMessage title="No audit events yet" tone="empty"><p>Nothing in your scope has been recorded so far.</p></StateMessage>;
  else if (shown.length === 0 && hasFilters(filters) && !complete)
    body = (
      <StateMessage title={`None of the newest ${formatCount(rows.length)} events match these filters`} tone="loading">
        <p>The other {formatCount(total - rows.length)} are still being read from this device; matches among them will appear here.</p>
      </StateMessage>
    );
  else if (shown.length === 0 && hasFilters(filters))
    body = (
      <StateMessage title="No events match these filters" tone="empty">
        <button type="button" onClick={() => auditView.getState().clearFilters()}>
          Clear filters
        </button>
      </StateMessage>
    );
  else body = <AuditTable rows={rows} />;

  return (
    <section className="audit-log" aria-labelledby="audit-log-title" aria-busy={!complete}>
      <div className="screen-title">
        <h1 id="audit-log-title">Audit log</h1>
        {syncing && rows !== null && rows.length > 0 && <span className="muted">Still syncing: more events are arriving.</span>}
        {!complete && rows !== null && rows.length > 0 && (
          <span className="muted reading-rest" role="status">
            Showing the newest {formatCount(rows.length)} of {formatCount(total)} events while the rest are read from this device
            {hasFilters(filters) ? '; filters and their menus cover only these so far' : ''}…
          </span>
        )}
      </div>
      <AuditToolbar choices={choices} shown={shown.length} total={total} tenantNames={tenantNames} />
      <AuditReviewsContext.Provider value={reviews}>
        {reviews.error !== null && (
          <p className="review-refusal" role="alert">
            Reviews are not shown: {reviews.error}
          </p>
        )}
        <BulkReviewBar db={db} rows={rows ?? NO_ROWS} />
        <div className={active === null ? 'audit-body' : 'audit-body with-details'}>
          {body}
          {active !== null && <EventDetails db={db} row={active} tenantNames={tenantNames} userNames={userNames} />}
        </div>
      </AuditReviewsContext.Provider>
    </section>
  );
}

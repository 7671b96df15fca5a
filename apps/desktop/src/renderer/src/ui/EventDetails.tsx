import type { AuditRow } from '../audit/audit-row.ts';
import type { ReplicaDatabase } from '../replica/database.ts';
import { LedgerBadge } from './audit/LedgerBadge.tsx';
import { ReviewPanel } from './audit/ReviewPanel.tsx';
import { formatLongTime } from './format.ts';

const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export interface EventDetailsProps {
  readonly db: ReplicaDatabase;
  readonly row: AuditRow;
  readonly tenantNames: ReadonlyMap<string, string>;
  readonly userNames: ReadonlyMap<string, string>;
}

/** Everything the replica holds about one event, whether the ledger proves it, and the officer's review of it. */
export function EventDetails({ db, row, tenantNames, userNames }: EventDetailsProps) {
  const { doc } = row;
  const tenantId = typeof doc['tenantId'] === 'string' ? doc['tenantId'] : '';
  const fields: [string, string][] = [
    ['Occurred', `${formatLongTime(row.occurredAt)} (${row.occurredAt})`],
    ['Observed by client', text(doc['observedAt'])],
    ['Actor', `${row.actor} · ${row.actorType}`],
    ['Actor id', text(doc['actorId'])],
    ['Action', row.action],
    ['Resource', `${row.resourceType} ${row.resourceId}`],
    ['Outcome', row.outcome],
    ['Tenant', tenantId === '' ? 'platform-wide' : `${tenantNames.get(tenantId) ?? 'unknown tenant'} (${tenantId})`],
    ['Compliance flags', row.flags.length === 0 ? '—' : row.flags.join(', ')],
    ['Personal data', row.pii ? 'yes' : 'no'],
    ['Ledger index', text(doc['ledgerIndex'])],
    ['Event id', row.id],
  ];
  return (
    <aside className="details" aria-label="Event details">
      <h2>
        <code>{row.action}</code> <span className={`badge badge-${row.outcome}`}>{row.outcome}</span>
      </h2>
      <LedgerBadge row={row} />
      <ReviewPanel key={row.id} db={db} row={row} userNames={userNames} />
      <h3>Event</h3>
      <dl>
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Context</h3>
      <pre>{JSON.stringify(doc['context'] ?? {}, null, 2)}</pre>
    </aside>
  );
}

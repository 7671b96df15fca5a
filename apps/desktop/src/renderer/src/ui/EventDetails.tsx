import type { AuditRow } from '../audit/audit-row.ts';
import { formatLongTime } from './format.ts';

const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Everything the replica holds about one event, for the officer reviewing it. */
export function EventDetails({ row, tenantNames }: { readonly row: AuditRow; readonly tenantNames: ReadonlyMap<string, string> }) {
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

/**
 * Turns committed audit events into deliveries. Every write already has an
 * audit event, so the audit events' change log is the one stream of "what
 * happened"; `webhook_scan` holds how far it has been turned into
 * deliveries. The scan reads settled changes only (the pull's never-skip
 * rule, ADR 3), advances the position in the same transaction as the
 * inserts, and holds a lock while it does, so on PostgreSQL one process
 * scans at a time and each event is enqueued once per matching
 * subscription (the unique key makes a repeat a no-op regardless).
 */
import { parseDocument, type AuditEvent } from '@steward/domain';
import { sql, type Transaction } from 'kysely';
import type { ChangeCursor } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { Services } from '../../services.ts';
import { latestCursor, readChanges } from '../../store/documents.ts';
import { matchesFilter, type WebhookFilter } from './filter.ts';
import { filterOf } from './store.ts';

const SCAN_BATCH = 500;
const ALL_TENANTS = { tenants: 'all', platform: false } as const;

/** Where scanning starts on a database that never scanned: now. Earlier events precede every subscription. */
export async function ensureScanPosition(services: Services): Promise<void> {
  const start = (await latestCursor(services.db, services.dialect, 'auditEvents')) ?? { tx: '0', seq: 0 };
  await services.db.insertInto('webhook_scan').values({ id: 1, tx: start.tx, seq: start.seq }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

interface Subscriber extends WebhookFilter {
  readonly id: string;
  readonly tenantId: string;
  readonly createdAt: string;
}

/** The JSON body a receiver gets (and the signature covers). */
export function deliveryBody(deliveryId: string, event: AuditEvent, createdAt: string): string {
  return JSON.stringify({ id: deliveryId, type: event.action, createdAt, tenantId: event.tenantId, data: { event } });
}

/**
 * Enqueues deliveries for one batch of new audit events; true when there may be more.
 * Looks first without a transaction: on PostgreSQL the locking one takes a
 * transaction id, and while it runs every pull's settled horizon waits, so
 * it is opened only when there is something to enqueue.
 */
export async function enqueueBatch(services: Services): Promise<boolean> {
  const seen = await services.db.selectFrom('webhook_scan').select(['tx', 'seq']).where('id', '=', 1).executeTakeFirst();
  if (seen === undefined) return false;
  const pending = await readChanges(services.db, services.dialect, 'auditEvents', { tx: String(seen.tx), seq: Number(seen.seq) }, 1, ALL_TENANTS);
  if (pending.length === 0) return false;
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    const position = await lockPosition(services, trx);
    if (position === undefined) return false;
    const events = await readChanges(trx, services.dialect, 'auditEvents', position, SCAN_BATCH, ALL_TENANTS);
    const last = events.at(-1);
    if (last === undefined) return false;
    const subscribers = await activeSubscribers(trx);
    const rows = [];
    for (const stored of events) {
      // Only the tenant's own subscriptions (most tenants have none: skip parsing), and only for events from after they were made.
      const listening = subscribers.get(stored.tenantId ?? '');
      const parsed = listening === undefined ? undefined : parseDocument('auditEvents', stored.body);
      if (listening === undefined || parsed?.ok !== true) continue;
      const event = parsed.value;
      for (const subscriber of listening) {
        if (event.occurredAt < subscriber.createdAt || !matchesFilter(subscriber, event)) continue;
        const id = services.newId();
        rows.push({ id, subscription_id: subscriber.id, tenant_id: subscriber.tenantId, event_id: event.id, action: event.action, payload: deliveryBody(id, event, now), attempts: 0, next_attempt_at: now, last_status: null, last_error: null, created_at: now, delivered_at: null, dead_lettered_at: null });
      }
    }
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('webhook_deliveries').values(rows.slice(i, i + 100)).onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing()).execute();
    }
    await trx.updateTable('webhook_scan').set({ tx: last.cursor.tx, seq: last.cursor.seq }).where('id', '=', 1).execute();
    return events.length === SCAN_BATCH;
  });
}

/**
 * One scanner at a time. An advisory lock rather than FOR UPDATE on the row:
 * locking a row gives the transaction an id at once, and until it ends no
 * pull anywhere serves rows committed after it began; this way the id comes
 * only with the inserts, just before the commit.
 */
async function lockPosition(services: Services, trx: Transaction<Database>): Promise<ChangeCursor | undefined> {
  if (services.dialect.kind === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended('steward:webhook-scan:' || current_schema(), 0))`.execute(trx);
  const row = await trx.selectFrom('webhook_scan').select(['tx', 'seq']).where('id', '=', 1).executeTakeFirst();
  return row === undefined ? undefined : { tx: String(row.tx), seq: Number(row.seq) };
}

async function activeSubscribers(trx: Transaction<Database>): Promise<Map<string, Subscriber[]>> {
  const rows = await trx.selectFrom('webhook_subscriptions').select(['id', 'tenant_id', 'collections', 'actions', 'created_at']).where('active', '=', 1).execute();
  const byTenant = new Map<string, Subscriber[]>();
  for (const row of rows) {
    const list = byTenant.get(row.tenant_id) ?? [];
    list.push({ id: row.id, tenantId: row.tenant_id, createdAt: row.created_at, ...filterOf(row) });
    byTenant.set(row.tenant_id, list);
  }
  return byTenant;
}

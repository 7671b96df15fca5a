/**
 * An export's scope on the server: which tenant (by slug or id, if the
 * caller may export its audit events), which period, which filters — in the
 * one normal form of @steward/evidence (normalizeFilters, outOfScope: the
 * functions the bundle's verifier applies) — and the audit events in it,
 * read in ledger order.
 *
 * Period and filters are applied to the stored bodies in JavaScript, the
 * same on SQLite and PostgreSQL (`occurredAt` lives in the JSON body); rows
 * are read in ledger-index order in batches, so memory stays bounded.
 */
import { eventLeafHash, encodeHex, OUTCOMES, type AuditEvent } from '@steward/domain';
import { normalizeFilters, outOfScope, type ExportFilters, type ExportScope } from '@steward/evidence';
import { z } from 'zod';
import type { Db } from '../db/dialect.ts';
import { readCollection } from '../store/documents.ts';
import type { Access } from '../sync/access.ts';

export const EXPORT_PERMISSION = 'audit:export';

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'must be an ISO 8601 time' })
  .transform((text) => new Date(Date.parse(text)).toISOString());

export const filtersInput = z.strictObject({
  actions: z.array(z.string().min(1).max(128)).max(100).optional(),
  outcomes: z.array(z.enum(OUTCOMES)).max(OUTCOMES.length).optional(),
});

export const scopeFields = {
  /** The tenant's slug or id. */
  tenant: z.string().min(1).max(100),
  from: isoTime,
  to: isoTime,
  filters: filtersInput.optional(),
};

export const orderedPeriod = [(s: { from: string; to: string }): boolean => s.from < s.to, { error: '"from" must be before "to"' }] as const;

export const scopeInput = z.strictObject(scopeFields).refine(...orderedPeriod);

export interface ResolvedScope extends ExportScope {
  readonly tenantSlug: string | null;
}

export { normalizeFilters, type ExportFilters };

/**
 * The tenant named by `tenant` (slug or id), if the caller holds
 * audit:export in it; undefined otherwise — unknown and forbidden look the
 * same, so asking reveals nothing about other tenants.
 */
export async function exportableTenant(db: Db, access: Access, tenant: string): Promise<{ id: string; slug: string | null } | undefined> {
  const tenants = await readCollection(db, 'tenants', { tenants: 'all', platform: false });
  const found = tenants.find((t) => t.id === tenant || t.body['slug'] === tenant);
  if (found === undefined || !(await access.may(EXPORT_PERMISSION, found.id))) return undefined;
  const slug = found.body['slug'];
  return { id: found.id, slug: typeof slug === 'string' ? slug : null };
}

export interface ScopedEvent {
  readonly index: number;
  readonly event: AuditEvent;
}

const BATCH = 5_000;

/**
 * In-scope events with ledger index in (after, below), ascending, at most
 * `limit`. Each body is checked against its ledger leaf (`leafHashAt`): a
 * stored event that no longer hashes to what the ledger recorded is a
 * server integrity failure, reported rather than exported.
 */
export async function scopedEvents(
  db: Db,
  scope: ResolvedScope,
  range: { readonly after: number; readonly below: number; readonly limit: number },
  leafHashAt: (index: number) => Uint8Array,
): Promise<ScopedEvent[]> {
  const out: ScopedEvent[] = [];
  let after = range.after;
  for (;;) {
    const rows = await db
      .selectFrom('ledger_leaves as l')
      .innerJoin('documents as d', (join) => join.onRef('d.id', '=', 'l.event_id').on('d.collection', '=', 'auditEvents'))
      .select(['l.idx', 'd.body'])
      .where('d.tenant_id', '=', scope.tenantId)
      .where('l.idx', '>', after)
      .where('l.idx', '<', range.below)
      .orderBy('l.idx')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const index = Number(row.idx);
      // Stored bodies were validated by the domain schema when written.
      const event = JSON.parse(row.body) as AuditEvent;
      if (outOfScope(event, scope) !== undefined) continue;
      if (encodeHex(eventLeafHash(event)) !== encodeHex(leafHashAt(index))) {
        throw new Error(`ledger integrity failure: audit event ${event.id} (ledger index ${index}) no longer hashes to its ledger leaf`);
      }
      out.push({ index, event });
      if (out.length >= range.limit) return out;
    }
    if (rows.length < BATCH) return out;
    after = Number(rows[rows.length - 1]?.idx ?? range.below);
  }
}

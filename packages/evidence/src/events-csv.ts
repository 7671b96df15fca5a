/**
 * events.csv: the same events as events.jsonl, one row each, in the same
 * order, for spreadsheets. RFC 4180 (CRLF line ends, double-quoted cells
 * where needed) with a UTF-8 byte-order mark, which Excel needs to read
 * UTF-8. `complianceFlags` and `context` are their canonical JSON.
 *
 * A cell that starts with = + - @ or a tab / carriage return gets a leading
 * apostrophe, so a spreadsheet shows it as text instead of running it as a
 * formula (OWASP "CSV injection"): event fields are partly chosen by the
 * people whose actions are audited. The verifier regenerates the CSV from
 * events.jsonl with the same rule and compares bytes, so the CSV can be
 * trusted exactly as far as events.jsonl is.
 */
import { canonicalize, type LedgerPayload } from '@steward/domain';

export const CSV_COLUMNS = [
  'ledgerIndex',
  'id',
  'occurredAt',
  'observedAt',
  'tenantId',
  'actorType',
  'actorId',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'pii',
  'complianceFlags',
  'context',
] as const;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function row(event: LedgerPayload, ledgerIndex: number | null): string {
  return [
    ledgerIndex === null ? '' : String(ledgerIndex),
    event.id,
    event.occurredAt,
    event.observedAt ?? '',
    event.tenantId ?? '',
    event.actorType,
    event.actorId,
    event.action,
    event.resourceType,
    event.resourceId,
    event.outcome,
    event.pii ? 'true' : 'false',
    canonicalize(event.complianceFlags),
    canonicalize(event.context),
  ]
    .map(cell)
    .join(',');
}

/** events.csv for `events`; `ledgerIndexes[i]` is event i's ledger index, or null when it is not proven. */
export function formatEventsCsv(events: readonly LedgerPayload[], ledgerIndexes: readonly (number | null)[]): string {
  let out = `${BOM}${CSV_COLUMNS.join(',')}\r\n`;
  for (let i = 0; i < events.length; i++) out += `${row(events[i] as LedgerPayload, ledgerIndexes[i] ?? null)}\r\n`;
  return out;
}

/**
 * events.jsonl: one audit event per line, each line exactly the RFC 8785
 * canonical JSON of the event's ledger payload (the 13 hashed members, see
 * the domain's audit-leaf.ts) — not the stored document. So the line's
 * bytes are what the ledger hashed: leaf hash = SHA-256(0x00 ‖ line), which
 * an auditor can recompute with `printf` and `sha256sum`, and the storage
 * fields (revision, updatedAt, ledgerIndex, _deleted) stay out of the
 * evidence. An event's ledger index is in proofs.json and events.csv.
 */
import { eventCanonicalJson, leafHashUtf8, LEDGER_PAYLOAD_FIELDS, type LedgerPayload } from '@steward/domain';

/** events.jsonl from the events' canonical lines (eventCanonicalJson), "\n" after every line. */
export function formatEventsJsonl(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += `${line}\n`;
  return out;
}

/**
 * The event's leaf hash from its canonical line: SHA-256(0x00 ‖ JCS(payload)),
 * the domain's eventLeafHash rule, hashing the line that has already been
 * shown to be JCS(payload) instead of canonicalizing the event a second time.
 */
export function lineLeafHash(canonicalLine: string): Uint8Array {
  return leafHashUtf8(canonicalLine);
}

export interface ParsedEventLine {
  /** 1-based line number in events.jsonl. */
  readonly line: number;
  readonly event: LedgerPayload;
  /** The ledger leaf hash of the event, recomputed. */
  readonly leaf: Uint8Array;
}

export type EventsParse = { readonly ok: true; readonly events: ParsedEventLine[] } | { readonly ok: false; readonly problems: string[] };

const MAX_REPORTED = 5;

/**
 * Parses events.jsonl strictly: every line must be a JSON object holding
 * exactly the ledger payload members, written exactly as RFC 8785 writes it
 * (so the bytes on the line are the bytes the leaf hash covers).
 */
export function parseEventsJsonl(text: string): EventsParse {
  const problems: string[] = [];
  const events: ParsedEventLine[] = [];
  if (text.length > 0 && !text.endsWith('\n')) problems.push('the file does not end with a newline');
  const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const problem = lineProblem(line);
    if (typeof problem === 'string') {
      problems.push(`line ${i + 1}: ${problem}`);
      if (problems.length >= MAX_REPORTED) break;
    } else {
      events.push({ line: i + 1, event: problem, leaf: lineLeafHash(line) });
    }
  }
  return problems.length === 0 ? { ok: true, events } : { ok: false, problems };
}

function lineProblem(line: string): LedgerPayload | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const missing = LEDGER_PAYLOAD_FIELDS.filter((f) => !(f in record));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const typeProblem = memberTypeProblem(record);
  if (typeProblem !== undefined) return typeProblem;
  // Every member is present with the type the schema gives it.
  const event = record as unknown as LedgerPayload;
  let canonical: string;
  try {
    canonical = eventCanonicalJson(event);
  } catch (cause) {
    return `cannot be canonicalized: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  if (canonical !== line) {
    const extra = Object.keys(record).filter((k) => !(LEDGER_PAYLOAD_FIELDS as readonly string[]).includes(k));
    return extra.length > 0 ? `has members that are not hashed: ${extra.join(', ')}` : 'is not in RFC 8785 canonical form, so its bytes are not what the ledger hashed';
  }
  return event;
}

const STRING_MEMBERS = ['action', 'actorId', 'actorType', 'id', 'occurredAt', 'outcome', 'resourceId', 'resourceType'] as const;

/** The member types the audit event schema gives (values are checked by the scope check, not here). */
function memberTypeProblem(record: Record<string, unknown>): string | undefined {
  for (const name of STRING_MEMBERS) if (typeof record[name] !== 'string') return `"${name}" is not a string`;
  if (record['tenantId'] !== null && typeof record['tenantId'] !== 'string') return '"tenantId" is neither a string nor null';
  if (record['observedAt'] !== null && typeof record['observedAt'] !== 'string') return '"observedAt" is neither a string nor null';
  if (typeof record['pii'] !== 'boolean') return '"pii" is not true or false';
  const flags = record['complianceFlags'];
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string')) return '"complianceFlags" is not a list of strings';
  const context = record['context'];
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return '"context" is not a JSON object';
  return undefined;
}

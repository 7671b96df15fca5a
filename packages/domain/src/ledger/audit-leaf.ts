/**
 * What of an audit event goes into the ledger. The rule, which the server,
 * the desktop and every verifier must apply identically:
 *
 *   leaf hash = SHA-256(0x00 ‖ UTF-8(JCS(payload)))
 *   payload   = the event with exactly these members, all required:
 *               id, tenantId, actorId, actorType, action, resourceType,
 *               resourceId, outcome, occurredAt, observedAt, context, pii,
 *               complianceFlags
 *
 * (JCS is RFC 8785, see canonical-json.ts; 0x00 is RFC 9162's leaf prefix.)
 *
 * Left out, because they are not what happened but where the event is
 * stored: `revision` and `updatedAt` (set by the server's storage on every
 * write), `ledgerIndex` (known only after the append, so it cannot be inside
 * the hash that is appended) and `_deleted` (replication state; a retention
 * purge must not change what the ledger proved). A verifier given an event
 * as pulled or exported drops those four members and hashes the rest — with
 * any RFC 8785 implementation, e.g. in an auditor's own script.
 *
 * The payload is an allowlist, not "everything but": a member added to the
 * audit event schema later is not silently hashed, and audit-leaf.test.ts
 * fails until someone decides which list it belongs to. Changing the
 * allowlist changes every leaf hash, so it is a ledger format change.
 */
import { sha256Into } from '#sha256';
import type { AuditEvent } from '../schema/audit.ts';
import { encodeUtf8 } from '../crypto/encoding.ts';
import { withCanonicalWriter } from './canonical-json.ts';
import { NotCanonicalizable, acquireWriter, canonicalFailure, releaseWriter, type CanonicalWriter } from './canonical-writer.ts';
import { MerkleFrontier } from './merkle-frontier.ts';
import { HASH_SIZE, LEAF_PREFIX } from './merkle-hash.ts';

/** The members hashed into the ledger, in RFC 8785 (UTF-16 code unit) order. */
export const LEDGER_PAYLOAD_FIELDS = [
  'action',
  'actorId',
  'actorType',
  'complianceFlags',
  'context',
  'id',
  'observedAt',
  'occurredAt',
  'outcome',
  'pii',
  'resourceId',
  'resourceType',
  'tenantId',
] as const satisfies readonly (keyof AuditEvent)[];

/** Members set by the server around the append; never hashed. */
export const LEDGER_EXCLUDED_FIELDS = ['_deleted', 'ledgerIndex', 'revision', 'updatedAt'] as const satisfies readonly (keyof AuditEvent)[];

export type LedgerPayloadField = (typeof LEDGER_PAYLOAD_FIELDS)[number];

/** The hashed part of an audit event. */
export type LedgerPayload = Pick<AuditEvent, LedgerPayloadField>;

/**
 * The payload of `event`: exactly the hashed members, nothing else. Built
 * in canonical order so canonicalize() finds the members already sorted.
 * Accepts a full event (as stored, pulled or exported) or a bare payload.
 */
export function ledgerPayloadOf(event: LedgerPayload): LedgerPayload {
  return {
    action: event.action,
    actorId: event.actorId,
    actorType: event.actorType,
    complianceFlags: event.complianceFlags,
    context: event.context,
    id: event.id,
    observedAt: event.observedAt,
    occurredAt: event.occurredAt,
    outcome: event.outcome,
    pii: event.pii,
    resourceId: event.resourceId,
    resourceType: event.resourceType,
    tenantId: event.tenantId,
  };
}

/** The RFC 8785 text that is hashed for `event`. Throws DomainError('INVALID') if it is not I-JSON (e.g. a member is missing). */
export function eventCanonicalJson(event: LedgerPayload): string {
  return withCanonicalWriter((writer) => writePayload(writer, event), (bytes) => utf8.decode(bytes));
}

/** The event's ledger leaf hash (see the module comment). Throws DomainError('INVALID') as eventCanonicalJson does. */
export function eventLeafHash(event: LedgerPayload): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  eventLeafHashInto(event, out, 0);
  return out;
}

/** eventLeafHash written into out[offset, +32), for loops over many events that should not allocate per event. */
export function eventLeafHashInto(event: LedgerPayload, out: Uint8Array, offset: number): void {
  const writer = acquireWriter();
  try {
    writer.writeByte(LEAF_PREFIX);
    writePayload(writer, event);
    sha256Into(writer.view(), out, offset);
  } catch (cause) {
    throw canonicalFailure(cause);
  } finally {
    releaseWriter(writer);
  }
}

/**
 * The ledger root over `events`, in ledger order: what a verifier recomputes
 * from an export and compares with the signed checkpoint's root. Constant
 * memory, whatever the number of events. Throws as eventLeafHash does.
 */
export function eventsRoot(events: Iterable<LedgerPayload>): Uint8Array {
  const frontier = new MerkleFrontier();
  const leaf = new Uint8Array(HASH_SIZE);
  for (const event of events) {
    eventLeafHashInto(event, leaf, 0);
    frontier.append(leaf, 0);
  }
  return frontier.root();
}

const utf8 = new TextDecoder();

/** `{"action":`, `,"actorId":`, … — each member's name, pre-encoded, with the punctuation before it. */
const MEMBER_PREFIXES = LEDGER_PAYLOAD_FIELDS.map((field, i) => encodeUtf8(`${i === 0 ? '{' : ','}${JSON.stringify(field)}:`));
const CLOSE = encodeUtf8('}');

/**
 * Writes exactly what canonicalize(ledgerPayloadOf(event)) writes, without
 * building the payload object or sorting and quoting its member names on
 * every event: the names and their order are fixed, and reading each member
 * by name keeps the property loads monomorphic. Member values go through the
 * general writer. audit-leaf.test.ts checks the two agree on random events.
 */
function writePayload(writer: CanonicalWriter, event: LedgerPayload): void {
  member(writer, 0, event.action);
  member(writer, 1, event.actorId);
  member(writer, 2, event.actorType);
  member(writer, 3, event.complianceFlags);
  member(writer, 4, event.context);
  member(writer, 5, event.id);
  member(writer, 6, event.observedAt);
  member(writer, 7, event.occurredAt);
  member(writer, 8, event.outcome);
  member(writer, 9, event.pii);
  member(writer, 10, event.resourceId);
  member(writer, 11, event.resourceType);
  member(writer, 12, event.tenantId);
  writer.writeBytes(CLOSE);
}

/** Member `index` of LEDGER_PAYLOAD_FIELDS: its name, then its value. */
function member(writer: CanonicalWriter, index: number, value: unknown): void {
  writer.writeBytes(MEMBER_PREFIXES[index] as Uint8Array);
  try {
    writer.writeValue(value);
  } catch (cause) {
    if (cause instanceof NotCanonicalizable) cause.path.unshift(LEDGER_PAYLOAD_FIELDS[index] as LedgerPayloadField);
    throw cause;
  }
}

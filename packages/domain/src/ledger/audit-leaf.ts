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
import type { AuditEvent } from '../schema/audit.ts';
import { canonicalize } from './canonical-json.ts';
import { leafHashUtf8 } from './merkle-hash.ts';

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
  return canonicalize(ledgerPayloadOf(event));
}

/** The event's ledger leaf hash (see the module comment). Throws DomainError('INVALID') as eventCanonicalJson does. */
export function eventLeafHash(event: LedgerPayload): Uint8Array {
  return leafHashUtf8(eventCanonicalJson(event));
}

/**
 * The leaf rule for audit events: which members are hashed, that the server-
 * set ones never change the hash, and a pinned known answer an independent
 * verifier (another language, an auditor's script) can reproduce.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '#sha256';
import { DomainError } from '../errors.ts';
import { encodeHex, encodeUtf8 } from '../crypto/encoding.ts';
import { auditEventSchema, type AuditEvent } from '../schema/audit.ts';
import { DOCUMENT_ARBITRARIES } from '../schema/arbitraries.ts';
import { LEDGER_EXCLUDED_FIELDS, LEDGER_PAYLOAD_FIELDS, eventCanonicalJson, eventLeafHash, ledgerPayloadOf } from './audit-leaf.ts';
import { canonicalBytes, canonicalize } from './canonical-json.ts';
import { leafHash } from './merkle-hash.ts';

const EVENT: AuditEvent = {
  id: '01890a5d-ac96-774b-bcce-b302099a8057',
  tenantId: '3f1c2b8e-4d5a-4e6f-8a9b-0c1d2e3f4a5b',
  revision: 3,
  updatedAt: '2024-05-01T12:00:01.500Z',
  _deleted: false,
  actorId: '9b2e7c1a-5f3d-4b8e-a1c6-7d9f0e2b4c6a',
  actorType: 'user',
  action: 'role.assign',
  resourceType: 'roleAssignment',
  resourceId: 'ra-42',
  outcome: 'success',
  occurredAt: '2024-05-01T12:00:00.000Z',
  observedAt: null,
  context: { roleId: 'auditor', reason: 'quarterly review — Zoë', seats: 3 },
  pii: true,
  complianceFlags: ['SOX', 'GDPR.art30'],
  ledgerIndex: 41,
};

describe('the ledger payload', () => {
  it('sorts every audit event member into exactly one list: hashed or server-set', () => {
    const schemaFields = Object.keys(auditEventSchema.shape).sort();
    expect([...LEDGER_PAYLOAD_FIELDS, ...LEDGER_EXCLUDED_FIELDS].sort()).toEqual(schemaFields);
    expect(LEDGER_PAYLOAD_FIELDS.filter((f) => (LEDGER_EXCLUDED_FIELDS as readonly string[]).includes(f))).toEqual([]);
  });

  it('lists the hashed members in RFC 8785 order', () => {
    expect([...LEDGER_PAYLOAD_FIELDS].sort()).toEqual([...LEDGER_PAYLOAD_FIELDS]);
  });

  it('picks exactly the hashed members', () => {
    const payload = ledgerPayloadOf(EVENT);
    expect(Object.keys(payload)).toEqual([...LEDGER_PAYLOAD_FIELDS]);
    expect(ledgerPayloadOf(payload)).toEqual(payload);
  });

  it('hashes SHA-256(0x00 ‖ UTF-8(JCS(payload))), pinned for independent verifiers', () => {
    const text = eventCanonicalJson(EVENT);
    expect(text).toBe(
      '{"action":"role.assign","actorId":"9b2e7c1a-5f3d-4b8e-a1c6-7d9f0e2b4c6a","actorType":"user","complianceFlags":["SOX","GDPR.art30"],' +
        '"context":{"reason":"quarterly review — Zoë","roleId":"auditor","seats":3},"id":"01890a5d-ac96-774b-bcce-b302099a8057",' +
        '"observedAt":null,"occurredAt":"2024-05-01T12:00:00.000Z","outcome":"success","pii":true,"resourceId":"ra-42",' +
        '"resourceType":"roleAssignment","tenantId":"3f1c2b8e-4d5a-4e6f-8a9b-0c1d2e3f4a5b"}',
    );
    const bytes = encodeUtf8(text);
    const prefixed = new Uint8Array(bytes.length + 1);
    prefixed.set(bytes, 1);
    expect(eventLeafHash(EVENT)).toEqual(sha256(prefixed));
    expect(encodeHex(eventLeafHash(EVENT))).toBe(PINNED_LEAF_HASH);
  });

  it('does not change when the server sets revision, updatedAt, ledgerIndex or _deleted', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, fc.nat(), fc.nat(), fc.boolean(), (event, revision, index, deleted) => {
        const stored = { ...event, revision, ledgerIndex: index, _deleted: deleted, updatedAt: '2099-12-31T23:59:59.999Z' };
        expect(eventLeafHash(stored)).toEqual(eventLeafHash(event));
      }),
      { numRuns: 50 },
    );
  });

  it('changes when any hashed member changes', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, fc.constantFrom(...LEDGER_PAYLOAD_FIELDS), (event, field) => {
        const changed = { ...event, [field]: field === 'pii' ? !event.pii : field === 'context' ? { ...event.context, changed: 1 } : `${String(event[field])}x` };
        expect(eventLeafHash(changed)).not.toEqual(eventLeafHash(event));
      }),
      { numRuns: 100 },
    );
  });

  it('matches canonicalize on the payload for generated events', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, (event) => {
        const { revision: _r, updatedAt: _u, ledgerIndex: _l, _deleted: _d, ...rest } = event;
        expect(eventCanonicalJson(event)).toBe(canonicalize(rest));
      }),
      { numRuns: 50 },
    );
  });

  it('hashes what the general path hashes: leafHash(canonicalBytes(ledgerPayloadOf(event)))', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, (event) => {
        expect(eventLeafHash(event)).toEqual(leafHash(canonicalBytes(ledgerPayloadOf(event))));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a context that is not I-JSON with INVALID and the path into it', () => {
    const bad = { ...EVENT, context: { nested: { count: Number.NaN } } };
    expect(() => eventLeafHash(bad)).toThrow('cannot canonicalize $.context.nested.count: NaN is not a JSON number');
  });

  it('refuses an event missing a hashed member with INVALID naming it', () => {
    const { observedAt: _omitted, ...partial } = EVENT;
    expect(() => eventLeafHash(partial as AuditEvent)).toThrow(DomainError);
    expect(() => eventLeafHash(partial as AuditEvent)).toThrow('cannot canonicalize $.observedAt: undefined is not a JSON value (omit the member or use null)');
  });
});

/** Computed independently: python3 hashlib.sha256(b'\x00' + text.encode()).hexdigest(). */
const PINNED_LEAF_HASH = 'b81e55b1eb4f7795751ff227bac3dc0e8d80650bbac50836c3e7c3338bab91c2';

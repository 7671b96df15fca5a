import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../ledger/canonical-json.ts';
import { DOCUMENT_ARBITRARIES, timestampArb, uuidArb } from '../schema/arbitraries.ts';
import { COLLECTIONS, type CollectionName, type DocumentOf } from '../schema/collections.ts';
import { sameClientState, withAuthoritativeFields, type Authority } from './server-fields.ts';

const sameJson = (a: unknown, b: unknown): boolean => canonicalize(a) === canonicalize(b);
const authorityArb: fc.Arbitrary<Authority> = fc.record({ actorId: uuidArb, actorType: fc.constantFrom('user' as const, 'apiKey' as const), now: timestampArb });

describe('withAuthoritativeFields', () => {
  it.each(COLLECTIONS)('%s: a stored document sent back by anyone changes nothing (a replica re-sending what it pulled)', (collection: CollectionName) => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES[collection] as fc.Arbitrary<DocumentOf<CollectionName>>, authorityArb, (stored, authority) => {
        const after = withAuthoritativeFields(collection, stored, stored, authority);
        expect(sameClientState(stored as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>, sameJson)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a stored null (a server-written event has no client observation, an event not yet in the ledger no index) instead of filling it in', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, authorityArb, (event, authority) => {
        const stored = { ...event, observedAt: null, ledgerIndex: null };
        const after = withAuthoritativeFields('auditEvents', { ...stored, actorId: authority.actorId, observedAt: authority.now, ledgerIndex: 7 }, stored, authority);
        expect(after).toMatchObject({ actorId: stored.actorId, observedAt: null, ledgerIndex: null, occurredAt: stored.occurredAt });
      }),
      { numRuns: 30 },
    );
  });

  it('sets who and when on a new record from the authority, keeping the client clock only as an observation', () => {
    fc.assert(
      fc.property(DOCUMENT_ARBITRARIES.auditEvents, authorityArb, (event, authority) => {
        const after = withAuthoritativeFields('auditEvents', event, null, authority);
        expect(after).toMatchObject({ actorId: authority.actorId, actorType: authority.actorType, occurredAt: authority.now, observedAt: event.occurredAt, ledgerIndex: null, updatedAt: authority.now });
      }),
      { numRuns: 30 },
    );
  });
});

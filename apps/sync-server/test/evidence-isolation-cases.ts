/**
 * The isolation checks of evidence.prepare and evidence.events, shared by
 * isolation.test.ts (its ISOLATION_CASES rows for every procedure) and
 * evidence-isolation.test.ts (which also checks nothing moved or was recorded).
 */
import { expect } from 'vitest';
import type { IsolationWorld } from './isolation-world.ts';
import { WORLD } from './world.ts';

export const PERIOD = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const answered = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'answered', (e: unknown) => e);

export const EVIDENCE_ISOLATION_CASES: Record<'evidence.prepare' | 'evidence.events', { name: string; run: (w: IsolationWorld) => Promise<void> }[]> = {
  'evidence.prepare': [
    {
      name: 'an acme caller asking to export globex (by slug or id) gets the unknown-tenant answer, and globex records no export',
      run: async (w) => {
        const [bySlug, byId, none] = await Promise.all(['globex', WORLD.globex.id, 'no-such-tenant'].map((tenant) => answered(w.acmeAdmin.client.evidence.prepare.mutate({ tenant, ...PERIOD }))));
        for (const theirs of [bySlug, byId]) expect(theirs).toMatchObject({ data: { httpStatus: 404 } });
        expect(messageOf(bySlug).replace('globex', '<t>')).toBe(messageOf(none).replace('no-such-tenant', '<t>'));
        const withKey = await answered(w.h.client(w.acmeKey.key).evidence.prepare.mutate({ tenant: 'globex', ...PERIOD }));
        expect(withKey).toMatchObject({ data: { httpStatus: 404 } });
      },
    },
  ],
  'evidence.events': [
    {
      name: 'an acme caller cannot page globex events or proofs, even with a real checkpoint size',
      run: async (w) => {
        const { treeSize } = await w.acmeAdmin.client.ledger.checkpoint.query();
        const scope = { tenant: WORLD.globex.id, ...PERIOD };
        expect(await answered(w.acmeAdmin.client.evidence.events.query({ scope, treeSize }))).toMatchObject({ data: { httpStatus: 404 } });
      },
    },
  ],
};

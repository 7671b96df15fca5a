/**
 * Tenant isolation of evidence.prepare and evidence.events, in the shape of
 * test/isolation.test.ts's ISOLATION_CASES rows (which must list these two
 * procedures too): an acme caller aiming at globex gets the unknown-tenant
 * answer, learns nothing, and globex's stored state does not move — while
 * globex's own officer can export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.ts';
import { startHarness, type Harness } from './harness.ts';
import { buildIsolationWorld, signInAs, type IsolationWorld } from './isolation-world.ts';
import { storedRows } from './tenant-samples.ts';
import { WORLD, email } from './world.ts';

const PERIOD = { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const answered = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => 'answered', (e: unknown) => e);

const CASES: Record<'evidence.prepare' | 'evidence.events', { name: string; run: (w: IsolationWorld) => Promise<void> }[]> = {
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

describe.each(DATABASE_KINDS)('evidence isolation on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let w: IsolationWorld;
  beforeAll(async () => {
    h = await startHarness(kind);
    w = await buildIsolationWorld(h);
  });
  afterAll(() => h.close());

  for (const [procedure, checks] of Object.entries(CASES)) {
    for (const check of checks) {
      it(`${procedure}: ${check.name}`, async () => {
        const before = await storedRows(w.db, WORLD.globex.id);
        await check.run(w);
        expect(await storedRows(w.db, WORLD.globex.id)).toEqual(before);
        // A refused export records no export anywhere (an API key's use is recorded in its own tenant, acme).
        const exports = await w.db.selectFrom('documents').select('id').where('collection', '=', 'auditEvents').where('body', 'like', '%"action":"evidence.export"%').execute();
        expect(exports).toEqual([]);
      });
    }
  }

  it('globex\'s own officer can export globex: the refusals above are isolation, not a broken procedure', async () => {
    const officer = await signInAs(h, email('globex', 'officer'));
    const prepared = await officer.client.evidence.prepare.mutate({ tenant: 'globex', ...PERIOD });
    expect(prepared.scope.tenantId).toBe(WORLD.globex.id);
    const page = await officer.client.evidence.events.query({ scope: { tenant: 'globex', ...PERIOD }, treeSize: prepared.checkpoint.treeSize });
    expect(page.events.every((e) => e.tenantId === WORLD.globex.id)).toBe(true);
    expect(page.events).toHaveLength(prepared.count);
  });
});

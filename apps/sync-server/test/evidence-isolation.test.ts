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
import { EVIDENCE_ISOLATION_CASES, PERIOD, enrolSigner } from './evidence-isolation-cases.ts';
import { WORLD, email } from './world.ts';

describe.each(DATABASE_KINDS)('evidence isolation on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  let w: IsolationWorld;
  beforeAll(async () => {
    h = await startHarness(kind);
    w = await buildIsolationWorld(h);
  });
  afterAll(() => h.close());

  for (const [procedure, checks] of Object.entries(EVIDENCE_ISOLATION_CASES)) {
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
    const { signer } = await enrolSigner(officer.client);
    const prepared = await officer.client.evidence.prepare.mutate({ tenant: 'globex', ...PERIOD, signer });
    expect(prepared.scope.tenantId).toBe(WORLD.globex.id);
    const page = await officer.client.evidence.events.query({ scope: { tenant: 'globex', ...PERIOD }, treeSize: prepared.checkpoint.treeSize });
    expect(page.events.every((e) => e.tenantId === WORLD.globex.id)).toBe(true);
    expect(page.events).toHaveLength(prepared.count);
  });
});

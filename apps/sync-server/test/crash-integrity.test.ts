/** The crash test's integrity check finds damage when there is some (so its silence means something). */
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from './crash-integrity.ts';
import { startHarness } from './harness.ts';

describe('checkIntegrity', () => {
  it('passes a sound database and names an edited event, a lost leaf and a broken document', async () => {
    const h = await startHarness('sqlite');
    try {
      const { database } = h.steward;
      const { db } = database;
      expect((await checkIntegrity(database)).problems).toEqual([]);

      const event = await db.selectFrom('documents').select(['id', 'body']).where('collection', '=', 'auditEvents').executeTakeFirstOrThrow();
      const edited = { ...(JSON.parse(event.body) as Record<string, unknown>), action: 'tampered.action' };
      await db.updateTable('documents').set({ body: JSON.stringify(edited) }).where('collection', '=', 'auditEvents').where('id', '=', event.id).execute();
      expect((await checkIntegrity(database)).problems).toEqual(expect.arrayContaining([expect.stringMatching(/stored hash differs/), expect.stringMatching(/Merkle root from events/)]));
      await db.updateTable('documents').set({ body: event.body }).where('collection', '=', 'auditEvents').where('id', '=', event.id).execute();

      await db.deleteFrom('ledger_leaves').where('event_id', '=', event.id).execute();
      expect((await checkIntegrity(database)).problems).toEqual(expect.arrayContaining([expect.stringMatching(/ledger_head.size/), expect.stringMatching(/has no leaf for it/)]));

      const user = await db.selectFrom('documents').select('id').where('collection', '=', 'users').executeTakeFirstOrThrow();
      await db.updateTable('documents').set({ body: '{"id":' }).where('collection', '=', 'users').where('id', '=', user.id).execute();
      expect((await checkIntegrity(database)).problems).toContain(`users/${user.id}: body is not JSON`);
    } finally {
      await h.close();
    }
  });
});

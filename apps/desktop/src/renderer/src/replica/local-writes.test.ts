import { BUILT_IN_ROLE_IDS } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, NOW, OFFICER, assignmentId, grant, openWorld, type World } from '../reconcile/test-world.ts';
import { createLocalWriter } from './local-writes.ts';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Acme: assignment 1 makes ADMIN tenant admin, 2 OFFICER compliance officer, 3 MEMBER member. */
async function acme(): Promise<World> {
  world = await openWorld();
  return world;
}

describe('local writes', () => {
  it('applies a write the domain allows to the replica at once, with the actor as grantor', async () => {
    const { db } = await acme();
    const writer = createLocalWriter({ db, actorId: ADMIN, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(4), OFFICER, BUILT_IN_ROLE_IDS.member, { grantedBy: MEMBER, revision: 0 }));
    expect(result.ok ? [] : result.issues).toEqual([]);
    const stored = await db.collections.roleAssignments.findOne(assignmentId(4)).exec();
    expect(stored?.toJSON()).toMatchObject({ userId: OFFICER, roleId: BUILT_IN_ROLE_IDS.member, grantedBy: ADMIN, updatedAt: NOW });
  });

  it('refuses what the actor may not do, with the domain’s reason, and writes nothing', async () => {
    const { db } = await acme();
    const writer = createLocalWriter({ db, actorId: MEMBER, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(4), MEMBER, BUILT_IN_ROLE_IDS.tenantAdmin));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('FORBIDDEN');
    expect(await db.collections.roleAssignments.findOne(assignmentId(4)).exec()).toBeNull();
  });

  it('refuses revoking the last tenant admin before anything is sent', async () => {
    const { db } = await acme();
    const writer = createLocalWriter({ db, actorId: ADMIN, now: () => NOW });
    const issues = await writer.check('roleAssignments', grant(assignmentId(1), ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin, { _deleted: true }));
    expect(issues).toMatchObject([{ code: 'FORBIDDEN', details: { reason: 'last-admin' } }]);
  });

  it('deletes by keeping the last fields with the tombstone', async () => {
    const { db } = await acme();
    const writer = createLocalWriter({ db, actorId: ADMIN, now: () => NOW });
    const result = await writer.write('roleAssignments', grant(assignmentId(3), MEMBER, BUILT_IN_ROLE_IDS.member, { _deleted: true }));
    expect(result.ok).toBe(true);
    expect(await db.collections.roleAssignments.findOne(assignmentId(3)).exec()).toBeNull();
  });
});

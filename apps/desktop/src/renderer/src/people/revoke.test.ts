import { BUILT_IN_ROLE_IDS } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, NOW, assignmentId, grant, openWorld, type World } from '../reconcile/test-world.ts';
import { createLocalWriter } from '../replica/local-writes.ts';
import { REVOKE_ACTION, revokeWithReason } from './revoke.ts';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const EVENT = '01900000-0000-7000-8000-00000000e0e1';

describe('revokeWithReason', () => {
  it('revokes and records the reason as an audit event about the assignment', async () => {
    world = await openWorld();
    const { db } = world;
    const writer = createLocalWriter({ db, actorId: ADMIN, now: () => NOW });
    const member = grant(assignmentId(3), MEMBER, BUILT_IN_ROLE_IDS.member);
    const result = await revokeWithReason(writer, member, { reason: 'Left the engagement', actorId: ADMIN, eventId: EVENT, at: NOW });
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect((await db.collections.roleAssignments.findOne(assignmentId(3)).exec())).toBeNull();
    const event = (await db.collections.auditEvents.findOne(EVENT).exec())?.toJSON();
    expect(event).toMatchObject({ action: REVOKE_ACTION, resourceType: 'roleAssignment', resourceId: assignmentId(3), actorId: ADMIN, context: { reason: 'Left the engagement', userId: MEMBER, roleId: BUILT_IN_ROLE_IDS.member } });
  });

  it('writes neither the revoke nor its reason when the domain refuses the revoke (the last tenant admin)', async () => {
    world = await openWorld();
    const { db } = world;
    const writer = createLocalWriter({ db, actorId: ADMIN, now: () => NOW });
    const result = await revokeWithReason(writer, grant(assignmentId(1), ADMIN, BUILT_IN_ROLE_IDS.tenantAdmin), { reason: 'x', actorId: ADMIN, eventId: EVENT, at: NOW });
    expect(result.ok).toBe(false);
    expect(await db.collections.roleAssignments.findOne(assignmentId(1)).exec()).not.toBeNull();
    expect(await db.collections.auditEvents.findOne(EVENT).exec()).toBeNull();
  });
});

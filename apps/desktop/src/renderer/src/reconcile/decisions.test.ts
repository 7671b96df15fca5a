import { BUILT_IN_ROLE_IDS, fromRxDocument, toRxDocument, type AuditEvent, type User } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { createDecisions } from './decisions.ts';
import { ADMIN, MEMBER, NOW, OFFICER, assignmentId, grant, memberUser, openWorld, type World } from './test-world.ts';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function open(): Promise<World> {
  world = await openWorld();
  return world;
}

const decisionsFor = (w: World, actorId: string) => createDecisions({ db: w.db, reconcile: w.store, actorId, now: () => NOW });

async function auditEvents(w: World): Promise<AuditEvent[]> {
  const docs = await w.db.collections.auditEvents.find().exec();
  return docs.flatMap((doc) => {
    const parsed = fromRxDocument('auditEvents', doc.toJSON() as Record<string, unknown>);
    return parsed.ok ? [parsed.value] : [];
  });
}

async function userInReplica(w: World, id: string): Promise<User | null> {
  const doc = await w.db.collections.users.findOne(id).exec();
  if (doc === null) return null;
  const parsed = fromRxDocument('users', doc.toJSON() as Record<string, unknown>);
  return parsed.ok ? parsed.value : null;
}

/** The officer granted Member to themselves offline; the server refused it and sent a tombstone, which the replica took. */
async function refusedGrant(w: World) {
  const attempted = grant(assignmentId(9), OFFICER, BUILT_IN_ROLE_IDS.member, { revision: 0, grantedBy: OFFICER });
  const tombstone = { ...attempted, _deleted: true };
  await w.db.collections.roleAssignments.insert(toRxDocument(attempted));
  const stored = await w.db.collections.roleAssignments.findOne(attempted.id).exec();
  await stored?.remove();
  return w.store.record({
    kind: 'rejection',
    collection: 'roleAssignments',
    documentId: attempted.id,
    attempted,
    base: null,
    server: tombstone,
    code: 'FORBIDDEN',
    reason: 'You need role:assign in Acme to grant roles.',
    at: '2026-03-01T09:00:00.000Z',
  });
}

describe('reconcile decisions', () => {
  it('discard: records the audit event, takes the item off the list, and leaves the replica at the server’s state', async () => {
    const w = await open();
    const server = { ...memberUser, revision: 4 };
    await w.put('users', server);
    const item = await w.store.record({
      kind: 'rejection',
      collection: 'users',
      documentId: MEMBER,
      attempted: { ...server, displayName: 'Renamed offline', revision: 4 },
      base: server,
      server,
      code: 'FORBIDDEN',
      reason: 'You need user:update in Acme to change a user.',
      at: '2026-03-01T09:00:00.000Z',
    });
    const result = await decisionsFor(w, OFFICER).discard(item.id);
    expect(result).toMatchObject({ ok: true, item: { status: 'resolved', decision: { kind: 'discard', at: NOW } } });
    expect(await w.store.list()).toEqual([]);
    expect(await userInReplica(w, MEMBER)).toEqual(server);
    expect(await auditEvents(w)).toMatchObject([
      {
        action: 'reconcile.discard',
        resourceType: 'user',
        resourceId: MEMBER,
        actorId: OFFICER,
        tenantId: memberUser.tenantId,
        outcome: 'success',
        context: { collection: 'users', code: 'FORBIDDEN', reason: 'You need user:update in Acme to change a user.', itemId: item.id },
      },
    ]);
  });

  it('re-apply: refused again while the cause stands (nothing written, nothing audited), applied once it is fixed', async () => {
    const w = await open();
    const item = await refusedGrant(w);
    const still = await decisionsFor(w, OFFICER).reapply(item.id);
    expect(still.ok ? [] : still.issues.map((i) => i.code)).toEqual(['FORBIDDEN']);
    expect(await w.store.list()).toHaveLength(1);
    expect(await auditEvents(w)).toEqual([]);

    // The admin gives the officer the right to grant (tenant admin), and it has synced.
    await w.put('roleAssignments', grant(assignmentId(8), OFFICER, BUILT_IN_ROLE_IDS.tenantAdmin));
    const done = await decisionsFor(w, OFFICER).reapply(item.id);
    expect(done).toMatchObject({ ok: true, item: { decision: { kind: 'reapply' } } });
    const written = await w.db.collections.roleAssignments.findOne(item.documentId).exec();
    expect(written?.toJSON()).toMatchObject({ userId: OFFICER, roleId: BUILT_IN_ROLE_IDS.member, grantedBy: OFFICER });
    expect((await auditEvents(w)).map((e) => [e.action, e.resourceType, e.context['code']])).toEqual([['reconcile.reapply', 'roleAssignment', 'FORBIDDEN']]);
  });

  it('edit and re-submit: writes the edited document through the domain’s checks', async () => {
    const w = await open();
    const item = await refusedGrant(w);
    const decisions = decisionsFor(w, ADMIN);
    const bad = await decisions.resubmit(item.id, { ...item.attempted, id: assignmentId(7) });
    expect(bad.ok ? null : bad.issues[0]?.message).toBe('An edited change must keep the document it is about.');
    const invalid = await decisions.resubmit(item.id, { ...item.attempted, reason: 42 });
    expect(invalid.ok ? null : invalid.issues[0]?.code).toBe('INVALID');
    const result = await decisions.resubmit(item.id, { ...item.attempted, reason: 'Needs the member workflows for the audit' });
    expect(result.ok).toBe(true);
    expect((await w.db.collections.roleAssignments.findOne(item.documentId).exec())?.toJSON()).toMatchObject({ reason: 'Needs the member workflows for the audit', grantedBy: ADMIN });
    expect((await auditEvents(w)).map((e) => e.action)).toEqual(['reconcile.resubmit']);
  });

  it('choose per field: every conflicting field must be decided; the chosen document is written and audited', async () => {
    const w = await open();
    const base = { ...memberUser, revision: 3 };
    const theirs = { ...base, revision: 4, displayName: 'Their name', status: 'disabled' as const };
    await w.put('users', theirs);
    const item = await w.store.record({
      kind: 'conflict',
      collection: 'users',
      documentId: MEMBER,
      attempted: { ...base, displayName: 'My name', mfaEnabled: false },
      base,
      server: theirs,
      code: 'CONFLICT',
      reason: 'A field was changed both here and on the server: displayName.',
      fields: [{ field: 'displayName', base: base.displayName, mine: 'My name', theirs: 'Their name' }],
      at: '2026-03-01T09:00:00.000Z',
    });
    const decisions = decisionsFor(w, ADMIN);
    const undecided = await decisions.choose(item.id, {});
    expect(undecided.ok ? null : undecided.issues[0]?.message).toContain('still undecided: displayName');
    expect(await w.store.list()).toHaveLength(1);
    const result = await decisions.choose(item.id, { displayName: 'mine' });
    expect(result).toMatchObject({ ok: true, item: { decision: { kind: 'choose', choices: { displayName: 'mine' } } } });
    // Mine where chosen, the merge of the rest: their status, my MFA change.
    expect(await userInReplica(w, MEMBER)).toMatchObject({ displayName: 'My name', status: 'disabled', mfaEnabled: false, revision: 4 });
    expect((await auditEvents(w)).map((e) => [e.action, e.context['choices']])).toEqual([['reconcile.choose', 'displayName=mine']]);
  });

  it('refuses to decide twice', async () => {
    const w = await open();
    const item = await refusedGrant(w);
    const decisions = decisionsFor(w, OFFICER);
    expect((await decisions.discard(item.id)).ok).toBe(true);
    const again = await decisions.discard(item.id);
    expect(again.ok ? null : again.issues[0]?.message).toBe('This item was already decided.');
    expect(await auditEvents(w)).toHaveLength(1);
  });
});

import { toRxDocument, type User } from '@steward/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplicaFields } from '../replica/database.ts';
import { conflictRouterOf, sameReplicaState } from './conflict-handler.ts';
import { ADMIN, MEMBER, NOW, memberUser, openWorld, type World } from './test-world.ts';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

type Rx = ReplicaFields & { _deleted: boolean };
const rx = (doc: User): Rx => ({ ...toRxDocument(doc), _deleted: doc._deleted });

/** A conflict as RxDB hands it over: what this device pushed, what it assumed, what the server holds. */
async function resolve(actorId: string, input: { base: User | null; mine: User; theirs: User }, refused = false) {
  world = await openWorld();
  const router = conflictRouterOf(world.db);
  const detach = router.attach({ reconcile: world.store, actorId, now: () => Date.parse(NOW) });
  const handler = router.handlerFor('users');
  const newDocumentState = rx(input.mine);
  if (refused) router.markRefused('users', newDocumentState);
  const output = await handler.resolve(
    { newDocumentState, realMasterState: rx(input.theirs), ...(input.base === null ? {} : { assumedMasterState: rx(input.base) }) },
    'test',
  );
  detach();
  return { output, items: await world.store.list() };
}

const base = { ...memberUser, revision: 3 };
const theirs = (fields: Partial<User>): User => ({ ...base, revision: 4, updatedAt: '2026-02-01T00:00:00.000Z', ...fields });

describe('the replica’s conflict handler', () => {
  it('returns the server’s state for a row the server refused, and keeps no second item', async () => {
    const server = theirs({ displayName: 'Set by the admin' });
    const { output, items } = await resolve(MEMBER, { base, mine: { ...base, displayName: 'Mine' }, theirs: server }, true);
    expect(output).toEqual(rx(server));
    expect(items).toEqual([]);
  });

  it('merges edits to different fields without asking, on the server’s revision', async () => {
    const { output, items } = await resolve(ADMIN, { base, mine: { ...base, displayName: 'Maya Member' }, theirs: theirs({ status: 'disabled' }) });
    expect(output).toMatchObject({ displayName: 'Maya Member', status: 'disabled', serverRevision: 4 });
    expect(items).toEqual([]);
  });

  it('keeps the server’s state and a conflict item when both sides changed one field', async () => {
    const server = theirs({ displayName: 'Their name', status: 'disabled' });
    const { output, items } = await resolve(ADMIN, { base, mine: { ...base, displayName: 'My name', mfaEnabled: false }, theirs: server });
    expect(output).toEqual(rx(server));
    expect(items).toMatchObject([
      {
        kind: 'conflict',
        code: 'CONFLICT',
        collection: 'users',
        documentId: MEMBER,
        fields: [{ field: 'displayName', base: base.displayName, mine: 'My name', theirs: 'Their name' }],
        attempted: { displayName: 'My name', mfaEnabled: false },
        base: { revision: 3 },
        server: { revision: 4, displayName: 'Their name' },
      },
    ]);
    expect(items[0]?.reason).toContain('displayName');
  });

  it('does not push a merge the domain refuses: it becomes a rejection, and the replica keeps the server’s state', async () => {
    // A member may not edit users: the merge is fine, the write is not.
    const server = theirs({ status: 'disabled' });
    const { output, items } = await resolve(MEMBER, { base, mine: { ...base, displayName: 'Maya' }, theirs: server });
    expect(output).toEqual(rx(server));
    expect(items).toMatchObject([{ kind: 'rejection', code: 'FORBIDDEN', attempted: { displayName: 'Maya', status: 'disabled' } }]);
    expect(items[0]?.reason).toMatch(/^Your changes were merged with the server's, but the result is not allowed: /);
  });

  it('does not mistake a later change of a once-refused document for the refused one', async () => {
    world = await openWorld();
    const router = conflictRouterOf(world.db);
    router.attach({ reconcile: world.store, actorId: ADMIN, now: () => Date.parse(NOW) });
    router.markRefused('users', rx({ ...base, displayName: 'Refused earlier' }));
    const output = await router.handlerFor('users').resolve({ newDocumentState: rx({ ...base, displayName: 'Later' }), assumedMasterState: rx(base), realMasterState: rx(theirs({ mfaEnabled: false })) }, 'test');
    expect(output).toMatchObject({ displayName: 'Later', mfaEnabled: false });
  });

  it('compares states by content, not by RxDB’s bookkeeping', () => {
    const a = rx(base);
    expect(sameReplicaState({ ...a, _rev: '1-a', _meta: { lwt: 1 } }, { ...a, _rev: '2-b' })).toBe(true);
    expect(sameReplicaState(a, rx({ ...base, displayName: 'x' }))).toBe(false);
  });
});

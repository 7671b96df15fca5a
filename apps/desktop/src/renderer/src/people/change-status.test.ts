import { describe, expect, it } from 'vitest';
import { createSyncStatusStore } from '../replica/sync-status.ts';
import { changeLogFor, changeStatusLabel, changeStatusOf, createChangeLog, type LocalChange } from './change-status.ts';

const ID = '01900000-0000-7000-8000-000000000001';
const change = (over: Partial<LocalChange> = {}): LocalChange => ({
  collection: 'roleAssignments',
  id: ID,
  kind: 'grant',
  summary: 'Granted Auditor to Maya Chen',
  reason: 'Q4 audit',
  userId: 'u',
  tenantId: 't',
  at: 1_000,
  handed: false,
  ...over,
});

describe('changeStatusOf', () => {
  it('is "saved locally" until push has picked the change up', () => {
    expect(changeStatusOf(change(), { pending: new Set(), rejections: [], openItems: new Map() })).toEqual({ kind: 'saved-locally', sending: false });
  });

  it('is "saved locally" (sending) while push waits for the answer, "synced" once answered', () => {
    const pending = new Set([`roleAssignments/${ID}`]);
    expect(changeStatusOf(change({ handed: true }), { pending, rejections: [], openItems: new Map() })).toEqual({ kind: 'saved-locally', sending: true });
    expect(changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [], openItems: new Map() })).toEqual({ kind: 'synced' });
  });

  it('is "rejected" with the reason when the server refused this change, not an older one of the same document', () => {
    const older = { collection: 'roleAssignments' as const, id: ID, code: 'FORBIDDEN', reason: 'old', at: 500 };
    expect(changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [older], openItems: new Map() })).toEqual({ kind: 'synced' });
    const refused = { ...older, reason: 'You cannot grant "Auditor"', at: 1_200 };
    const status = changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [older, refused], openItems: new Map() });
    expect(status).toEqual({ kind: 'rejected', code: 'FORBIDDEN', reason: 'You cannot grant "Auditor"' });
    expect(changeStatusLabel(status)).toBe('Rejected');
  });

  it('follows the reconcile queue: an open conflict, or a refusal recorded before this session', () => {
    const key = `roleAssignments/${ID}`;
    expect(changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [], openItems: new Map([[key, 'conflict' as const]]) })).toEqual({ kind: 'conflict' });
    const refused = changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [], openItems: new Map([[key, 'rejection' as const]]) });
    expect(refused.kind).toBe('rejected');
    expect(changeStatusLabel({ kind: 'conflict' })).toBe('Conflict');
  });

  it('ignores refusals of other documents and collections', () => {
    const other = { collection: 'roles' as const, id: ID, code: 'FORBIDDEN', reason: 'no', at: 2_000 };
    expect(changeStatusOf(change({ handed: true }), { pending: new Set(), rejections: [other], openItems: new Map() })).toEqual({ kind: 'synced' });
  });
});

describe('createChangeLog', () => {
  it('notices a push that starts and is answered between renders', () => {
    const sync = createSyncStatusStore();
    const log = createChangeLog(sync);
    log.getState().record({ ...change(), at: 1_000 });
    expect(log.getState().changes[0]?.handed).toBe(false);
    sync.getState().pushStarted('roleAssignments', [ID]);
    sync.getState().pushSettled('roleAssignments', [ID], 1_100);
    const [recorded] = log.getState().changes;
    expect(recorded?.handed).toBe(true);
    if (recorded !== undefined) expect(changeStatusOf(recorded, sync.getState()).kind).toBe('synced');
    log.stop();
  });

  it('counts a change already in flight when recorded as handed', () => {
    const sync = createSyncStatusStore();
    sync.getState().pushStarted('roleAssignments', [ID]);
    const log = createChangeLog(sync);
    log.getState().record(change());
    expect(log.getState().changes[0]?.handed).toBe(true);
    log.stop();
  });

  it('keeps one log per replica', () => {
    const sync = createSyncStatusStore();
    const a = {};
    expect(changeLogFor(a, sync)).toBe(changeLogFor(a, sync));
    expect(changeLogFor({}, sync)).not.toBe(changeLogFor(a, sync));
  });
});

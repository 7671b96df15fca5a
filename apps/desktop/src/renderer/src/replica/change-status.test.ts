import { describe, expect, it } from 'vitest';
import type { ReconcileKind } from '../reconcile/reconcile-item.ts';
import { changeStatusOf, changeStatusTitle, describeChangeStatus, outstandingStatusOf, type ChangeFacts } from './change-status.ts';
import { createSyncStatusStore } from './sync-status.ts';

const ID = '01900000-0000-7000-8000-000000000001';
const KEY = `roleAssignments/${ID}`;
const none: ChangeFacts = { pending: new Set(), unsent: new Set(), rejections: [], openItems: new Map() };
const refusal = (at: number, reason: string, collection: 'roleAssignments' | 'roles' = 'roleAssignments', id = ID) => ({ collection, id, code: 'FORBIDDEN', reason, at });
const open = (kind: ReconcileKind, key = KEY): ChangeFacts => ({ ...none, openItems: new Map([[key, kind]]) });

describe('changeStatusOf', () => {
  it('follows a local write from the moment it is made, through push, until the server answers', () => {
    const store = createSyncStatusStore();
    const status = () => changeStatusOf(store.getState(), 'roleAssignments', ID, { since: 1_000 });
    store.getState().localWritten('roleAssignments', [ID]);
    expect(status()).toEqual({ kind: 'saved-locally', sending: false });
    store.getState().pushStarted('roleAssignments', [ID]);
    expect(status()).toEqual({ kind: 'saved-locally', sending: true });
    store.getState().pushSettled('roleAssignments', [ID], 1_100);
    expect(status()).toEqual({ kind: 'synced' });
  });

  it('is rejected with the server’s reason for this write, not for an earlier write of the same document or another document', () => {
    expect(changeStatusOf({ ...none, rejections: [refusal(500, 'old')] }, 'roleAssignments', ID, { since: 1_000 })).toEqual({ kind: 'synced' });
    expect(changeStatusOf({ ...none, rejections: [refusal(2_000, 'no', 'roles')] }, 'roleAssignments', ID, { since: 1_000 })).toEqual({ kind: 'synced' });
    expect(changeStatusOf({ ...none, rejections: [refusal(2_000, 'other', 'roleAssignments', 'x')] }, 'roleAssignments', ID)).toEqual({ kind: 'synced' });
    const facts = { ...none, pending: new Set([KEY]), rejections: [refusal(500, 'old'), refusal(1_200, 'You cannot grant "Auditor"')] };
    const status = changeStatusOf(facts, 'roleAssignments', ID, { since: 1_000 });
    expect(status).toEqual({ kind: 'rejected', code: 'FORBIDDEN', reason: 'You cannot grant "Auditor"' });
    expect(describeChangeStatus(status)).toBe('Rejected (You cannot grant "Auditor")');
  });

  it('follows the reconcile queue: an open conflict outranks everything, a refusal kept from an earlier session reads as rejected', () => {
    expect(changeStatusOf({ ...open('conflict'), rejections: [refusal(2_000, 'x')] }, 'roleAssignments', ID)).toEqual({ kind: 'conflict' });
    const kept = changeStatusOf(open('rejection'), 'roleAssignments', ID, { since: 5_000 });
    expect(kept).toMatchObject({ kind: 'rejected', code: 'REFUSED' });
    // The earlier refusal's reason, when this session heard it.
    expect(changeStatusOf({ ...open('rejection'), rejections: [refusal(10, 'You lack role:grant.')] }, 'roleAssignments', ID, { since: 5_000 })).toMatchObject({ reason: 'You lack role:grant.' });
    expect(changeStatusOf(open('rejection', `users/${ID}`), 'roleAssignments', ID)).toEqual({ kind: 'synced' });
  });

  it('reads a document known to exist only here (no server revision) as saved locally', () => {
    expect(changeStatusOf(none, 'auditReviews', ID, { localOnly: true })).toEqual({ kind: 'saved-locally', sending: false });
    expect(changeStatusOf({ ...none, rejections: [{ ...refusal(1, 'You lack audit:review.'), collection: 'auditReviews' }] }, 'auditReviews', ID, { localOnly: true }).kind).toBe('rejected');
  });
});

describe('outstandingStatusOf', () => {
  it('says only what is outstanding for a document the screen did not write', () => {
    expect(outstandingStatusOf(none, 'workflowRuns', ID)).toBeNull();
    expect(outstandingStatusOf({ ...none, pending: new Set([`workflowRuns/${ID}`]) }, 'workflowRuns', ID)).toEqual({ kind: 'saved-locally', sending: true });
    expect(outstandingStatusOf({ ...none, pending: new Set([`workflowRuns/${ID}`]) }, 'reportRuns', ID)).toBeNull();
    expect(outstandingStatusOf(open('conflict', `workflowRuns/${ID}`), 'workflowRuns', ID)).toEqual({ kind: 'conflict' });
  });
});

describe('words', () => {
  it('has a label and an explanation for every status', () => {
    expect(describeChangeStatus({ kind: 'saved-locally', sending: false })).toBe('Saved locally');
    expect(describeChangeStatus({ kind: 'synced' })).toBe('Synced');
    expect(describeChangeStatus({ kind: 'conflict' })).toContain('Conflict');
    expect(changeStatusTitle({ kind: 'saved-locally', sending: true })).toContain('waiting for the server');
    expect(changeStatusTitle({ kind: 'rejected', code: 'FORBIDDEN', reason: 'no' })).toContain('no');
  });
});

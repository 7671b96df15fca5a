/** The collections that do not merge plainly field by field: audit records and workflow runs. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../schema/collections.ts';
import { mergeDocument } from './merge.ts';
import { ALICE, approval, eventDoc, historyEntry, onServer, requested, reviewDoc, runDoc } from './test-documents.ts';

describe('audit events are immutable', () => {
  it('accepts a new event', () => {
    expect(parseDocument('auditEvents', eventDoc).ok).toBe(true);
    expect(mergeDocument('auditEvents', null, eventDoc, null)).toMatchObject({ kind: 'merged', doc: eventDoc });
  });

  it('recognises a retried event whose copy still has the client’s guesses for server-set fields', () => {
    const sent = { ...eventDoc, revision: 0, ledgerIndex: null, occurredAt: '2024-05-01T08:59:58.000Z' };
    const stored = onServer(eventDoc);
    expect(mergeDocument('auditEvents', null, sent, stored)).toEqual({ kind: 'merged', collection: 'auditEvents', doc: stored, changedFields: [] });
    expect(mergeDocument('auditEvents', eventDoc, sent, stored)).toMatchObject({ kind: 'merged', changedFields: [] });
  });

  it('refuses any change to a stored event, naming the fields', () => {
    const edited = { ...eventDoc, outcome: 'denied' as const, context: {} };
    expect(mergeDocument('auditEvents', eventDoc, edited, eventDoc)).toEqual({
      kind: 'immutable',
      collection: 'auditEvents',
      issue: {
        code: 'IMMUTABLE',
        message: 'Audit events cannot be changed once recorded (this write changes outcome, context).',
        details: { collection: 'auditEvents', id: eventDoc.id, fields: ['outcome', 'context'] },
      },
    });
  });

  it('refuses deleting a stored event', () => {
    const result = mergeDocument('auditEvents', eventDoc, { ...eventDoc, _deleted: true }, eventDoc);
    expect(result.kind === 'immutable' && result.issue.details).toMatchObject({ fields: ['_deleted'] });
  });

  it('refuses a second, different event under an id the server already holds', () => {
    expect(mergeDocument('auditEvents', null, { ...eventDoc, action: 'role.revoke' }, eventDoc).kind).toBe('immutable');
  });

  it('refuses to write again an event the server purged', () => {
    const result = mergeDocument('auditEvents', eventDoc, eventDoc, null);
    expect(result.kind === 'immutable' && result.issue.message).toContain('no longer held by the server');
  });
});

describe('audit reviews are append-only', () => {
  it('accepts a new review and refuses editing a recorded one', () => {
    expect(mergeDocument('auditReviews', null, reviewDoc, null).kind).toBe('merged');
    const result = mergeDocument('auditReviews', reviewDoc, { ...reviewDoc, state: 'flagged', note: 'On second thought…' }, onServer(reviewDoc));
    expect(result.kind === 'immutable' && result.issue.message).toBe(
      'Audit reviews cannot be changed once recorded (this write changes state, note). Record a new review instead.',
    );
  });

  it('lets a client that changed nothing through', () => {
    expect(mergeDocument('auditReviews', reviewDoc, reviewDoc, onServer(reviewDoc))).toMatchObject({ kind: 'merged', changedFields: [] });
  });
});

describe('workflow runs', () => {
  const mineStep = historyEntry('2024-05-01T10:00:00.000Z', 'step.approved');
  const theirStep = historyEntry('2024-05-01T09:30:00.000Z', 'comment.added', ALICE);

  it('unions history recorded on both sides, in time order, without a conflict', () => {
    expect(parseDocument('workflowRuns', runDoc).ok).toBe(true);
    const mine = { ...runDoc, history: [requested, mineStep] };
    const theirs = onServer(runDoc, { history: [requested, theirStep] });
    const result = mergeDocument('workflowRuns', runDoc, mine, theirs);
    expect(result.kind === 'merged' && result.doc.history).toEqual([requested, theirStep, mineStep]);
    expect(result.kind === 'merged' && result.changedFields).toEqual(['history']);
  });

  it('unions approvals of different approvers', () => {
    const mine = { ...runDoc, approvals: [approval('2024-05-01T10:00:00.000Z', 'approve')] };
    const theirs = onServer(runDoc, { approvals: [approval('2024-05-01T09:00:00.000Z', 'approve', ALICE, 'security')] });
    const result = mergeDocument('workflowRuns', runDoc, mine, theirs);
    expect(result.kind === 'merged' && result.doc.approvals.map((a) => a.at)).toEqual(['2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z']);
  });

  it('keeps the side’s own order when it already holds everything the other side does', () => {
    const grown = [mineStep, requested];
    const result = mergeDocument('workflowRuns', runDoc, { ...runDoc, history: grown }, onServer(runDoc));
    expect(result.kind === 'merged' && result.doc.history).toEqual(grown);
  });

  it('gives back entries a side dropped: the history only grows', () => {
    const result = mergeDocument('workflowRuns', runDoc, { ...runDoc, history: [] }, onServer(runDoc));
    expect(result).toMatchObject({ kind: 'merged', changedFields: [] });
    expect(result.kind === 'merged' && result.doc.history).toEqual([requested]);
  });

  it('keeps the earlier decision when one approver decided one step differently on two devices', () => {
    const approvedHere = approval('2024-05-01T10:00:00.000Z', 'approve');
    const rejectedThere = approval('2024-05-01T10:05:00.000Z', 'reject');
    const mine = { ...runDoc, approvals: [approvedHere], history: [requested, mineStep] };
    const theirs = onServer(runDoc, { approvals: [rejectedThere] });
    const result = mergeDocument('workflowRuns', runDoc, mine, theirs);
    expect(result.kind === 'merged' && result.doc.approvals).toEqual([approvedHere]);
    const swapped = mergeDocument('workflowRuns', runDoc, { ...theirs, revision: 3 }, onServer(mine));
    expect(swapped.kind === 'merged' && swapped.doc.approvals).toEqual([approvedHere]);
  });

  it('reports a state changed to different states on both sides, while still unioning the history', () => {
    const mine = { ...runDoc, state: 'approved' as const, history: [requested, mineStep] };
    const theirs = onServer(runDoc, { state: 'cancelled', history: [requested, theirStep] });
    const result = mergeDocument('workflowRuns', runDoc, mine, theirs);
    expect(result.kind === 'conflict' && result.conflicts).toEqual([{ field: 'state', base: 'pending', mine: 'approved', theirs: 'cancelled' }]);
    expect(result.kind === 'conflict' && result.merged.history).toEqual([requested, theirStep, mineStep]);
  });

  it('takes one state change made on one side only', () => {
    const theirs = onServer(runDoc, { history: [requested, theirStep] });
    const result = mergeDocument('workflowRuns', runDoc, { ...runDoc, state: 'approved', currentStep: 1 }, theirs);
    expect(result.kind === 'merged' && result.doc).toMatchObject({ state: 'approved', currentStep: 1, history: [requested, theirStep] });
  });

  it('counts a history entry as an edit against a delete', () => {
    const result = mergeDocument('workflowRuns', runDoc, { ...runDoc, _deleted: true }, onServer(runDoc, { history: [requested, theirStep] }));
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['_deleted']);
  });
});

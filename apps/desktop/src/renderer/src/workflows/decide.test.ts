import { parseDocument } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { decideRun, type Decided } from './decide.ts';
import { MEMBER, NOW, OFFICER, OFFICER_2, run, workflow } from './test-fixtures.ts';

const reasonOf = (decided: Decided): string => (decided.ok ? 'decided' : decided.reason);
const approve = (approverId = OFFICER, comment = 'Proportionate.') => ({ approverId, decision: 'approve' as const, comment, at: NOW });

describe('decideRun', () => {
  it('approving the only approval step approves the run and appends the decision and a history entry', () => {
    const before = run(1, MEMBER);
    const result = decideRun(before, workflow(), approve());
    if (!result.ok) throw new Error(result.reason);
    expect(result.run.state).toBe('approved');
    expect(result.run.currentStep).toBe(1);
    expect(result.run.approvals).toEqual([{ stepId: 'officer-approval', approverId: OFFICER, decision: 'approve', comment: 'Proportionate.', at: NOW }]);
    expect(result.run.history.slice(0, 1)).toEqual(before.history);
    expect(result.run.history.at(-1)).toEqual({ at: NOW, actorId: OFFICER, event: 'step.approved', note: 'Proportionate.' });
    expect(parseDocument('workflowRuns', result.run).ok).toBe(true);
  });

  it('rejecting needs a comment and rejects the run', () => {
    expect(reasonOf(decideRun(run(1, MEMBER), workflow(), { ...approve(), decision: 'reject', comment: '  ' }))).toContain('comment is required');
    const result = decideRun(run(1, MEMBER), workflow(), { ...approve(), decision: 'reject', comment: 'Use the read-only role.' });
    expect(result.ok && result.run.state).toBe('rejected');
    expect(result.ok && result.run.history.at(-1)?.event).toBe('step.rejected');
  });

  it('waits for the step\'s minimum approvals, then moves to the next approval step', () => {
    const wf = workflow({
      steps: [
        { id: 'two', name: 'Two officers', kind: 'approval', approverRoleIds: [], minApprovals: 2 },
        { id: 'cfo', name: 'CFO', kind: 'approval', approverRoleIds: [], minApprovals: 1 },
      ],
    });
    const first = decideRun(run(1, MEMBER), wf, approve());
    if (!first.ok) throw new Error(first.reason);
    expect([first.run.state, first.run.currentStep]).toEqual(['pending', 0]);
    const second = decideRun(first.run, wf, { ...approve(OFFICER_2), at: '2026-03-01T12:05:00.000Z' });
    if (!second.ok) throw new Error(second.reason);
    expect([second.run.state, second.run.currentStep]).toEqual(['pending', 1]);
  });

  it('refuses a run that is already decided or whose workflow is unknown', () => {
    expect(reasonOf(decideRun(run(1, MEMBER, { state: 'approved' }), workflow(), approve()))).toContain('already approved');
    expect(decideRun(run(1, MEMBER), undefined, approve()).ok).toBe(false);
  });
});

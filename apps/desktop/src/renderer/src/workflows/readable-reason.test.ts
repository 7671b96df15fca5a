import { checkRequesterNotApprover } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { readableReason } from './readable-reason.ts';
import { ADMIN, OFFICER, runId } from './test-fixtures.ts';

const names = new Map([[ADMIN, 'Ada Admin'], [OFFICER, 'Olivia Officer']]);
const nameOf = (id: string) => names.get(id) ?? id;

describe('readableReason', () => {
  it('says "You" and "this request" for the domain\'s separation-of-duties refusal', () => {
    const [issue] = checkRequesterNotApprover({ id: runId(1), requesterId: ADMIN }, ADMIN);
    expect(readableReason(issue?.message ?? '', runId(1), nameOf, ADMIN)).toBe('You requested this request and so cannot approve it; another approver must.');
  });

  it('names other people and leaves unknown ids as they are', () => {
    expect(readableReason(`Granted by ${OFFICER} to ${runId(7)}.`, runId(1), nameOf, ADMIN)).toBe(`Granted by Olivia Officer to ${runId(7)}.`);
  });
});

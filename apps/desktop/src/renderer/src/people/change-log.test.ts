import { describe, expect, it } from 'vitest';
import { changeLogFor, createChangeLog, type LocalChange } from './change-log.ts';

const change = (over: Partial<LocalChange> = {}): LocalChange => ({
  collection: 'roleAssignments',
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'grant',
  summary: 'Granted Auditor to Maya Chen',
  reason: 'Q4 audit',
  userId: 'u',
  tenantId: 't',
  at: 1_000,
  ...over,
});

describe('change log', () => {
  it('keeps the changes made here newest first, each write once', () => {
    const log = createChangeLog();
    log.getState().record(change());
    log.getState().record(change({ id: 'b', at: 2_000 }));
    log.getState().record(change());
    expect(log.getState().changes.map((c) => [c.id, c.at])).toEqual([
      ['01900000-0000-7000-8000-000000000001', 1_000],
      ['b', 2_000],
    ]);
  });

  it('keeps one log per replica', () => {
    const a = {};
    expect(changeLogFor(a)).toBe(changeLogFor(a));
    expect(changeLogFor({})).not.toBe(changeLogFor(a));
  });
});

import { describe, expect, it } from 'vitest';
import { fateOf, type FateInputs, type RecordedIntent } from './intent-accounting.ts';
import type { PushRecord } from './sim-server.ts';

const USER = 'user-1';
const grant: RecordedIntent = { device: 0, userId: USER, step: 1, period: 0, intent: { collection: 'roleAssignments', docId: 'a1', expect: { kind: 'fields', values: { roleId: 'r1', _deleted: false } } } };
const push = (row: Record<string, unknown>, outcome: 'accepted' | 'rejected' | 'conflicted' = 'accepted', step = 2, userId = USER, answer: Record<string, unknown> = { ...row, roleId: 'changed-on-the-server' }): PushRecord => ({
  userId,
  step,
  collection: 'roleAssignments',
  rows: [row],
  rejected: new Set(outcome === 'rejected' ? [String(row['id'])] : []),
  conflicted: new Set(outcome === 'conflicted' ? [String(row['id'])] : []),
  answered: new Map(outcome === 'accepted' ? [] : [[String(row['id']), answer]]),
  assumed: new Map(),
});
/** A push of `row` based on `base` (what the device last synced), answered with the server's other state. */
const pushOnBase = (row: Record<string, unknown>, base: Record<string, unknown>, step = 2): PushRecord => ({ ...push(row, 'conflicted', step), assumed: new Map([[String(row['id']), base]]) });
const inputs = (over: Partial<FateInputs>): FateInputs => ({ intents: [grant], pushes: [], kept: new Map(), serverDoc: () => undefined, ...over });

describe('where an intent went', () => {
  it('is applied when the server accepted a later push of it by the same person', () => {
    expect(fateOf(grant, inputs({ pushes: [push({ id: 'a1', roleId: 'r1', _deleted: false })] }))).toBe('applied');
  });

  it('is not applied by a refused push, a push by someone else, or one from before it was made', () => {
    const row = { id: 'a1', roleId: 'r1', _deleted: false };
    expect(fateOf(grant, inputs({ pushes: [push(row, 'rejected'), push(row, 'conflicted'), push(row, 'accepted', 2, 'user-2'), push(row, 'accepted', 0)] }))).toBe('lost');
  });

  it('is on the server when the push was answered with a server state that already said the same', () => {
    const row = { id: 'a1', roleId: 'r1', _deleted: false };
    expect(fateOf(grant, inputs({ pushes: [push(row, 'conflicted', 2, USER, { ...row, revision: 3 })] }))).toBe('on-server');
    expect(fateOf(grant, inputs({ pushes: [push(row, 'rejected', 2, USER, { ...row, revision: 3 })] }))).toBe('lost');
  });

  it('is kept when the reconcile store holds the attempted change, lost when it holds something else', () => {
    const kept = (attempted: Record<string, unknown>) => new Map([[0, [{ collection: 'roleAssignments' as const, id: 'a1', kind: 'rejection' as const, code: 'FORBIDDEN', reason: 'no', attempted }]]]);
    expect(fateOf(grant, inputs({ kept: kept({ id: 'a1', roleId: 'r1', _deleted: false }) }))).toBe('kept');
    expect(fateOf(grant, inputs({ kept: kept({ id: 'a1', roleId: 'r2', _deleted: false }) }))).toBe('lost');
  });

  it('is unchanged when the first push after it sent those fields as the device had last synced them (changed and set back), lost otherwise', () => {
    const row = { id: 'a1', roleId: 'r1', _deleted: false };
    expect(fateOf(grant, inputs({ pushes: [pushOnBase(row, { ...row, revision: 2 })] }))).toBe('unchanged');
    // The device did change the field from what it last synced: the server's other state loses it.
    expect(fateOf(grant, inputs({ pushes: [pushOnBase(row, { ...row, roleId: 'r0' })] }))).toBe('lost');
    // Only the first push after the intent says what the device's net change was.
    expect(fateOf(grant, inputs({ pushes: [pushOnBase(row, { ...row, roleId: 'r0' }), pushOnBase(row, row, 3)] }))).toBe('lost');
    expect(fateOf(grant, inputs({ pushes: [pushOnBase(row, row, 0)] }))).toBe('lost');
  });

  it('is superseded by the same device deleting or rewriting it before a sync, not after one', () => {
    const revoke: RecordedIntent = { ...grant, step: 3, intent: { ...grant.intent, expect: { kind: 'fields', values: { _deleted: true } } } };
    expect(fateOf(grant, inputs({ intents: [grant, revoke] }))).toBe('superseded');
    expect(fateOf(grant, inputs({ intents: [grant, { ...revoke, period: 1 }] }))).toBe('lost');
    expect(fateOf(grant, inputs({ intents: [grant, { ...revoke, device: 1 }] }))).toBe('lost');
  });

  it('counts a change the server already holds as there', () => {
    expect(fateOf(grant, inputs({ serverDoc: () => ({ id: 'a1', roleId: 'r1', _deleted: false }) }))).toBe('on-server');
  });
});

describe('where an audit event a device recorded went', () => {
  const event: RecordedIntent = {
    device: 0,
    userId: USER,
    step: 1,
    period: 0,
    intent: { collection: 'auditEvents', docId: 'e1', expect: { kind: 'fields', values: { action: 'roleAssignment.revoke', resourceId: 'a1', 'context.reason': 'left the team', _deleted: false } } },
  };
  const row = (context: Record<string, unknown>): Record<string, unknown> => ({ id: 'e1', action: 'roleAssignment.revoke', resourceId: 'a1', context: { collection: 'roleAssignments', ...context } });
  const eventPush = (pushed: Record<string, unknown>, outcome: 'accepted' | 'rejected' = 'accepted'): PushRecord => ({ ...push(pushed, outcome), collection: 'auditEvents' });

  it('is applied when the server accepted it with the reason given, read inside its context', () => {
    expect(fateOf(event, inputs({ intents: [event], pushes: [eventPush(row({ reason: 'left the team' }))] }))).toBe('applied');
  });

  it('is not applied by the same event with another reason, none, or a context that is not an object', () => {
    const pushes = [eventPush(row({ reason: 'another reason' })), eventPush(row({})), eventPush({ ...row({}), context: 'left the team' })];
    expect(fateOf(event, inputs({ intents: [event], pushes }))).toBe('lost');
  });

  it('is on the server when the server holds it with the reason; kept when the reconcile store holds the refused event', () => {
    expect(fateOf(event, inputs({ intents: [event], serverDoc: (collection, id) => (collection === 'auditEvents' && id === 'e1' ? { ...row({ reason: 'left the team' }), ledgerIndex: 7 } : undefined) }))).toBe('on-server');
    const kept = new Map([[0, [{ collection: 'auditEvents' as const, id: 'e1', kind: 'rejection' as const, code: 'FORBIDDEN', reason: 'no role', attempted: row({ reason: 'left the team' }) }]]]);
    expect(fateOf(event, inputs({ intents: [event], pushes: [eventPush(row({ reason: 'left the team' }), 'rejected')], kept }))).toBe('kept');
  });

  it('is never superseded, not even by a later change to the same id on the same device before a sync', () => {
    const later: RecordedIntent = { ...event, step: 2, intent: { ...event.intent, expect: { kind: 'fields', values: { _deleted: true } } } };
    expect(fateOf(event, inputs({ intents: [event, later] }))).toBe('lost');
  });
});

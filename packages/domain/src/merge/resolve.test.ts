import { describe, expect, it } from 'vitest';
import type { CollectionName } from '../schema/collections.ts';
import { mergeDocument, type ConflictResult, type MergeResult } from './merge.ts';
import { resolveConflicts } from './resolve.ts';
import { assignmentDoc, onServer, roleDoc } from './test-documents.ts';

function conflictOf<C extends CollectionName>(result: MergeResult<C>): ConflictResult<C> {
  if (result.kind !== 'conflict') throw new Error(`expected a conflict, got ${result.kind}`);
  return result;
}

const mine = { ...roleDoc, name: 'Reader', description: 'Mine', permissions: ['audit:read', 'audit:export'] };
const theirs = onServer(roleDoc, { name: 'Viewer', permissions: ['audit:read', 'role:read'], inherits: [assignmentDoc.id] });
const conflict = conflictOf(mergeDocument('roles', roleDoc, mine, theirs));

describe('resolveConflicts', () => {
  it('keeps, field by field, the version the person chose, with everything else merged', () => {
    expect(conflict.conflicts.map((c) => c.field)).toEqual(['name', 'permissions']);
    const resolved = resolveConflicts(conflict, { name: 'mine', permissions: 'theirs' });
    expect(resolved).toEqual({ ok: true, value: { ...theirs, name: 'Reader', description: 'Mine' } });
    expect(resolveConflicts(conflict, { name: 'base', permissions: 'mine' })).toEqual({
      ok: true,
      value: { ...theirs, name: 'Reviewer', description: 'Mine', permissions: ['audit:read', 'audit:export'] },
    });
  });

  it('gives a document the server merges without conflict when pushed against its current state', () => {
    const resolved = resolveConflicts(conflict, { name: 'mine', permissions: 'mine' });
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(mergeDocument('roles', theirs, resolved.value, theirs)).toMatchObject({ kind: 'merged', changedFields: ['name', 'description', 'permissions'] });
  });

  it('refuses to leave a conflict undecided', () => {
    const result = resolveConflicts(conflict, { name: 'mine' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID', message: 'Choose a version for every conflicting field; still undecided: permissions.', details: { reason: 'undecided', fields: ['permissions'] } },
    });
  });

  it('refuses a choice for a field that is not in conflict', () => {
    const result = resolveConflicts(conflict, { name: 'mine', permissions: 'mine', description: 'theirs' });
    expect(!result.ok && result.error.details).toEqual({ reason: 'not-in-conflict', fields: ['description'] });
  });

  it('refuses a choice that is not a side', () => {
    const result = resolveConflicts(conflict, { name: 'mine', permissions: 'both' as never });
    expect(!result.ok && result.error.message).toBe('The choice for permissions must be one of mine, theirs, base; got "both".');
  });

  it('refuses going back to a base that never existed', () => {
    const insertConflict = conflictOf(mergeDocument('roles', null, { ...roleDoc, name: 'Mine' }, roleDoc));
    const result = resolveConflicts(insertConflict, { name: 'base' });
    expect(!result.ok && result.error.details).toEqual({ reason: 'no-base', fields: ['name'] });
    expect(resolveConflicts(insertConflict, { name: 'mine' })).toMatchObject({ ok: true, value: { name: 'Mine' } });
  });

  it('resolves a delete against an edit either way', () => {
    const deletion = conflictOf(mergeDocument('roles', roleDoc, { ...roleDoc, _deleted: true }, onServer(roleDoc, { name: 'Viewer' })));
    expect(resolveConflicts(deletion, { _deleted: 'mine' })).toMatchObject({ ok: true, value: { _deleted: true } });
    expect(resolveConflicts(deletion, { _deleted: 'theirs' })).toMatchObject({ ok: true, value: { _deleted: false, name: 'Viewer' } });
  });

  it('refuses choices that together break a rule spanning fields', () => {
    const here = { ...assignmentDoc, validFrom: '2024-05-20T00:00:00.000Z', expiresAt: '2024-07-01T00:00:00.000Z' };
    const there = onServer(assignmentDoc, { validFrom: '2024-04-01T00:00:00.000Z', expiresAt: '2024-05-10T00:00:00.000Z' });
    const both = conflictOf(mergeDocument('roleAssignments', assignmentDoc, here, there));
    const result = resolveConflicts(both, { validFrom: 'mine', expiresAt: 'theirs' });
    expect(!result.ok && result.error.details).toMatchObject({ reason: 'resolution-invalid', fields: ['expiresAt'] });
    expect(resolveConflicts(both, { validFrom: 'mine', expiresAt: 'mine' }).ok).toBe(true);
  });
});

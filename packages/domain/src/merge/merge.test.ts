import { describe, expect, it } from 'vitest';
import { parseDocument } from '../schema/collections.ts';
import { mergeDocument, mergeFields } from './merge.ts';
import { assignmentDoc, onServer, roleDoc, tenantDoc } from './test-documents.ts';

describe('test documents', () => {
  it('are valid', () => {
    expect(parseDocument('roles', roleDoc).ok).toBe(true);
    expect(parseDocument('tenants', tenantDoc).ok).toBe(true);
    expect(parseDocument('roleAssignments', assignmentDoc).ok).toBe(true);
  });
});

describe('mergeDocument: field by field', () => {
  it('merges edits of different fields from both sides', () => {
    const mine = { ...roleDoc, name: 'Auditor (EU)' };
    const theirs = onServer(roleDoc, { description: 'Reads and exports the audit trail' });
    const result = mergeDocument('roles', roleDoc, mine, theirs);
    expect(result).toEqual({ kind: 'merged', collection: 'roles', doc: { ...theirs, name: 'Auditor (EU)' }, changedFields: ['name'] });
  });

  it('takes the same change made on both sides once, without a conflict', () => {
    const mine = { ...roleDoc, permissions: ['audit:read', 'audit:export'] };
    const theirs = onServer(roleDoc, { permissions: ['audit:read', 'audit:export'] });
    expect(mergeDocument('roles', roleDoc, mine, theirs)).toMatchObject({ kind: 'merged', doc: theirs, changedFields: [] });
  });

  it('reports a field changed differently on both sides, with the three values, and merges the rest', () => {
    const mine = { ...roleDoc, name: 'Reader', description: 'Mine' };
    const theirs = onServer(roleDoc, { name: 'Viewer', builtIn: false, exclusiveWith: [assignmentDoc.id] });
    const result = mergeDocument('roles', roleDoc, mine, theirs);
    expect(result.kind).toBe('conflict');
    if (result.kind !== 'conflict') return;
    expect(result.conflicts).toEqual([{ field: 'name', base: 'Reviewer', mine: 'Reader', theirs: 'Viewer' }]);
    // The partial merge keeps the server's value where they conflict and everyone's other edits.
    expect(result.merged).toEqual({ ...theirs, description: 'Mine' });
    expect(result.issue).toEqual({
      code: 'CONFLICT',
      message: 'A field was changed both here and on the server: name. Choose which version to keep.',
      details: { collection: 'roles', id: roleDoc.id, fields: ['name'] },
    });
  });

  it('does not union permission edits: two different grants are a conflict a person decides', () => {
    const mine = { ...roleDoc, permissions: ['audit:read', 'audit:export'] };
    const theirs = onServer(roleDoc, { permissions: ['audit:read', 'role:assign'] });
    const result = mergeDocument('roles', roleDoc, mine, theirs);
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['permissions']);
  });

  it('treats a nested object as one field', () => {
    const mine = { ...tenantDoc, branding: { primaryColor: '#000000' } };
    const theirs = onServer(tenantDoc, { branding: { primaryColor: '#112233', logoUrl: 'https://acme.example/logo.png' } });
    const result = mergeDocument('tenants', tenantDoc, mine, theirs);
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['branding']);
  });

  it('lists conflicts in schema field order', () => {
    const mine = { ...roleDoc, builtIn: true, name: 'A', description: 'A' };
    const theirs = onServer(roleDoc, { description: 'B', name: 'B', builtIn: false, permissions: [] });
    const result = mergeFields('roles', roleDoc, { ...mine, builtIn: false, permissions: ['*'] }, theirs);
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['name', 'description', 'permissions']);
  });
});

describe('mergeDocument: server-set fields', () => {
  it('always takes the server’s revision and updatedAt, whatever the client sends', () => {
    const mine = { ...roleDoc, revision: 999, updatedAt: '2030-01-01T00:00:00.000Z', name: 'Reader' };
    const theirs = onServer(roleDoc);
    const result = mergeDocument('roles', roleDoc, mine, theirs);
    expect(result.kind === 'merged' && result.doc).toMatchObject({ revision: 4, updatedAt: theirs.updatedAt, name: 'Reader' });
    expect(result.kind === 'merged' && result.changedFields).toEqual(['name']);
  });

  it('recognises a retried push that already landed: nothing to write', () => {
    const mine = { ...roleDoc, name: 'Reader' };
    const landed = onServer(mine);
    expect(mergeDocument('roles', roleDoc, mine, landed)).toEqual({ kind: 'merged', collection: 'roles', doc: landed, changedFields: [] });
  });

  it('returns the server’s state when the client changed nothing', () => {
    const theirs = onServer(roleDoc, { name: 'Viewer' });
    expect(mergeDocument('roles', roleDoc, roleDoc, theirs)).toEqual({ kind: 'merged', collection: 'roles', doc: theirs, changedFields: [] });
  });
});

describe('mergeDocument: inserts', () => {
  it('takes a new document as it is when the server has none', () => {
    const result = mergeDocument('roles', null, roleDoc, null);
    expect(result).toMatchObject({ kind: 'merged', doc: roleDoc });
    expect(result.kind === 'merged' && result.changedFields).toContain('name');
  });

  it('recognises an insert that already landed', () => {
    expect(mergeDocument('roles', null, roleDoc, onServer(roleDoc))).toMatchObject({ kind: 'merged', changedFields: [] });
  });

  it('reports every differing field when both sides created the same id, with no base value', () => {
    const result = mergeDocument('roles', null, { ...roleDoc, name: 'Mine' }, onServer(roleDoc));
    expect(result.kind === 'conflict' && result.conflicts).toEqual([{ field: 'name', base: undefined, mine: 'Mine', theirs: 'Reviewer' }]);
  });
});

describe('mergeDocument: deletion', () => {
  const deleted = { ...roleDoc, _deleted: true };

  it('is a conflict on _deleted when this side deletes what the server edited', () => {
    const result = mergeDocument('roles', roleDoc, deleted, onServer(roleDoc, { name: 'Viewer' }));
    expect(result.kind === 'conflict' && result.conflicts).toEqual([{ field: '_deleted', base: false, mine: true, theirs: false }]);
    expect(result.kind === 'conflict' && result.issue.message).toBe(
      'You deleted this role, but it was changed on the server meanwhile. Choose which version to keep.',
    );
    // Until someone decides, the document stays as the server has it.
    expect(result.kind === 'conflict' && result.merged._deleted).toBe(false);
  });

  it('is a conflict on _deleted when the server deleted what this side edited', () => {
    const result = mergeDocument('roles', roleDoc, { ...roleDoc, name: 'Reader' }, onServer(deleted));
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['_deleted']);
    expect(result.kind === 'conflict' && result.issue.message).toContain('was deleted on the server while you changed it');
  });

  it('names both the delete and the other conflicting fields', () => {
    const result = mergeDocument('roles', roleDoc, { ...deleted, name: 'Reader' }, onServer(roleDoc, { name: 'Viewer' }));
    expect(result.kind === 'conflict' && result.conflicts.map((c) => c.field)).toEqual(['_deleted', 'name']);
    expect(result.kind === 'conflict' && result.issue.message).toBe(
      'You deleted this role, but it was changed on the server meanwhile. A field was changed both here and on the server: name. Choose which version to keep for each.',
    );
  });

  it('deletes when the server changed nothing but its own fields', () => {
    expect(mergeDocument('roles', roleDoc, deleted, onServer(roleDoc))).toMatchObject({ kind: 'merged', changedFields: ['_deleted'] });
  });

  it('agrees when both sides deleted', () => {
    expect(mergeDocument('roles', roleDoc, deleted, onServer(deleted))).toMatchObject({ kind: 'merged', changedFields: [] });
  });

  it('treats a document the server purged as deleted there', () => {
    expect(mergeDocument('roles', roleDoc, { ...roleDoc, name: 'Reader' }, null)).toMatchObject({
      kind: 'conflict',
      conflicts: [{ field: '_deleted', base: false, mine: false, theirs: true }],
    });
    expect(mergeDocument('roles', roleDoc, deleted, null)).toMatchObject({ kind: 'merged', changedFields: [] });
    expect(mergeDocument('roles', roleDoc, roleDoc, null)).toMatchObject({ kind: 'merged', changedFields: [] });
  });
});

describe('mergeDocument: checks', () => {
  it('refuses three states that are not of one document', () => {
    const other = { ...roleDoc, id: '01900000-0000-7000-8000-0000000000ff' };
    const result = mergeDocument('roles', roleDoc, other, roleDoc);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.issue.details).toMatchObject({ reason: 'different-documents' });
  });

  it('refuses a combination that breaks a rule spanning fields, which mergeFields alone would give', () => {
    // This side moved the start after the server's new end: each valid, together not.
    const mine = { ...assignmentDoc, validFrom: '2024-05-20T00:00:00.000Z' };
    const theirs = onServer(assignmentDoc, { expiresAt: '2024-05-10T00:00:00.000Z' });
    expect(mergeFields('roleAssignments', assignmentDoc, mine, theirs).kind).toBe('merged');
    const result = mergeDocument('roleAssignments', assignmentDoc, mine, theirs);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.issue.message).toMatch(/^Your changes and the server's cannot be combined into a valid role assignment: .*expiresAt/);
    expect(result.kind === 'invalid' && result.issue.details).toMatchObject({ reason: 'merge-invalid', fields: ['expiresAt'] });
  });
});

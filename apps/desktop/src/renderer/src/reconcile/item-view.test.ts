import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../people/directory.ts';
import { applyEdits, editFields, fieldRows, formatValue, itemTitle, operationOfItem } from './item-view.ts';
import type { ReconcileItem } from './reconcile-item.ts';
import { MEMBER, OFFICER, assignmentId, grant, memberUser } from './test-world.ts';

const directory = createDirectory({ users: [memberUser, { id: OFFICER, displayName: 'Olivia Officer', email: 'officer@acme.example' }], roles: BUILT_IN_ROLES, tenants: [] });

const item = (fields: Partial<ReconcileItem>): ReconcileItem => ({
  id: 'item',
  kind: 'rejection',
  collection: 'roleAssignments',
  documentId: assignmentId(9),
  tenantId: null,
  attempted: grant(assignmentId(9), MEMBER, BUILT_IN_ROLE_IDS.auditor, { revision: 0 }),
  base: null,
  server: { ...grant(assignmentId(9), MEMBER, BUILT_IN_ROLE_IDS.auditor), revision: 0, _deleted: true },
  code: 'FORBIDDEN',
  reason: `user ${OFFICER} lacks role:assign`,
  fields: [],
  at: '2026-03-01T10:00:00.000Z',
  status: 'open',
  decision: null,
  ...fields,
});

describe('how a reconcile item reads', () => {
  it('names a refused grant, revocation and change in words', () => {
    expect(itemTitle(item({}), directory)).toBe('Grant of "Auditor" to member@acme.example');
    const live = grant(assignmentId(9), MEMBER, BUILT_IN_ROLE_IDS.auditor);
    expect(itemTitle(item({ base: live, attempted: { ...live, _deleted: true } }), directory)).toBe('Revocation of "Auditor" from member@acme.example');
    expect(operationOfItem(item({ base: live, attempted: { ...live, reason: 'x' } }))).toBe('update');
    expect(itemTitle(item({ collection: 'users', attempted: { ...memberUser, displayName: 'M' }, base: memberUser }), directory)).toBe('Change to user member@acme.example');
  });

  it('shows every field of a refused create against a server that holds none', () => {
    const rows = fieldRows(item({}));
    expect(rows.map((r) => r.field)).toEqual(['tenantId', 'userId', 'roleId', 'grantedBy', 'validFrom', 'expiresAt', 'reason']);
    expect(rows.every((r) => r.changedHere && r.theirs === undefined)).toBe(true);
  });

  it('shows the fields an update changed, and the fields where the server differs, without server-set ones', () => {
    const base = { ...memberUser, revision: 3 };
    const rows = fieldRows(item({ collection: 'users', base, attempted: { ...base, displayName: 'Mine' }, server: { ...base, revision: 4, updatedAt: '2026-03-02T00:00:00.000Z', status: 'disabled' } }));
    expect(rows).toEqual([
      { field: 'displayName', mine: 'Mine', theirs: base.displayName, base: base.displayName, changedHere: true },
      { field: 'status', mine: 'active', theirs: 'disabled', base: 'active', changedHere: false },
    ]);
  });

  it('formats values for a person, with names for ids', () => {
    expect([formatValue(undefined), formatValue(null), formatValue(true), formatValue(''), formatValue({ a: 1 })]).toEqual(['—', 'none', 'yes', '(empty)', '{"a":1}']);
    expect(formatValue(`user ${OFFICER} lacks role:assign`, directory)).toBe('Olivia Officer lacks role:assign');
  });

  it('edits every field but the id, tenant and server-set ones, and says which text does not parse', () => {
    const doc = { ...memberUser, extra: { a: 1 }, count: 2 };
    expect(editFields('users', doc).map((f) => [f.field, f.kind])).toEqual([
      ['email', 'text'],
      ['displayName', 'text'],
      ['status', 'text'],
      ['mfaEnabled', 'boolean'],
      ['extra', 'json'],
      ['count', 'number'],
    ]);
    expect(applyEdits('users', doc, { displayName: 'New', mfaEnabled: false, extra: '{"b":2}', count: '3' })).toEqual({ ok: true, doc: { ...doc, displayName: 'New', mfaEnabled: false, extra: { b: 2 }, count: 3 } });
    expect(applyEdits('users', doc, { extra: '{b', count: 'x' })).toEqual({ ok: false, fields: { extra: 'must be valid JSON', count: 'must be a number' } });
  });
});

import { describe, expect, it } from 'vitest';
import { createDirectory, shortId } from './directory.ts';

const MAYA = '01900000-0000-7000-8000-00000000000a';
const ACME = '01900000-0000-7000-8000-0000000000ac';
const ROLE = '01900000-0000-7000-8000-0000000000r1'.replace('r1', 'b1');
const GRANT = '01900000-0000-7000-8000-0000000000c1';
const STRANGER = '01900000-0000-7000-8000-0000000000ff';

const directory = createDirectory({
  users: [{ id: MAYA, displayName: 'Maya Chen', email: 'maya@acme.example' }],
  roles: [{ id: ROLE, name: 'Auditor' }],
  tenants: [{ id: ACME, name: 'Acme Corporation' }],
  assignments: [{ id: GRANT, roleId: ROLE, userId: MAYA }],
});

describe('directory', () => {
  it('names users, roles and tenants, and says "the platform" for null', () => {
    expect(directory.userLabel(MAYA)).toBe('Maya Chen');
    expect(directory.roleName(ROLE)).toBe('Auditor');
    expect(directory.tenantName(ACME)).toBe('Acme Corporation');
    expect(directory.tenantName(null)).toBe('the platform');
  });

  it('keeps a short id for what it does not know', () => {
    expect(directory.userLabel(STRANGER)).toBe(`user ${shortId(STRANGER)}`);
    expect(shortId(STRANGER)).toBe('…000000ff');
  });

  it('rewrites the ids of a domain message into names, and leaves unknown ids as they are', () => {
    const message = `This would leave tenant ${ACME} without an administrator: user ${MAYA} is the only admin now. Role ${ROLE} conflicts with assignment ${GRANT}; user ${STRANGER} too.`;
    expect(directory.humanize(message)).toBe(
      `This would leave Acme Corporation without an administrator: Maya Chen is the only admin now. Role "Auditor" conflicts with the "Auditor" grant of Maya Chen; user ${STRANGER} too.`,
    );
  });
});

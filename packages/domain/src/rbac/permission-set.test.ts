import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedPermission, grantedPermission } from './arbitraries.test-support.ts';
import { implies } from './permission.ts';
import {
  EMPTY_PERMISSION_SET,
  missingPermissions,
  permissionSetAllows,
  permissionSetOf,
  permissionsOfSet,
  unionOfPermissionSets,
} from './permission-set.ts';

describe('permissionSetOf', () => {
  it('sorts grants into "*", resource wildcards and exact grants, dropping malformed ones', () => {
    const set = permissionSetOf(['audit:read', 'report:*', 'Audit:read', '', 'x::y']);
    expect(set.all).toBe(false);
    expect([...set.resources]).toEqual(['report']);
    expect([...set.exact]).toEqual(['audit:read']);
    expect(permissionSetOf(['*']).all).toBe(true);
  });
});

describe('permissionSetAllows', () => {
  const set = permissionSetOf(['audit:read', 'report:*']);

  it('allows exact grants and everything under a resource wildcard', () => {
    expect(permissionSetAllows(set, 'audit:read')).toBe(true);
    expect(permissionSetAllows(set, 'report:export')).toBe(true);
    expect(permissionSetAllows(set, 'report:*')).toBe(true);
    expect(permissionSetAllows(set, 'audit:export')).toBe(false);
    expect(permissionSetAllows(set, 'audit:*')).toBe(false);
    expect(permissionSetAllows(set, '*')).toBe(false);
  });

  it('never vouches for a malformed permission, not even with "*"', () => {
    const everything = permissionSetOf(['*']);
    for (const bad of ['', 'Report:read', 'report:read:x', '*:read', '*:*', 'report:', 'report']) {
      expect(permissionSetAllows(everything, bad)).toBe(false);
      expect(permissionSetAllows(set, bad)).toBe(false);
    }
    expect(permissionSetAllows(everything, 'brand-new:thing')).toBe(true);
  });

  it('agrees with matching each grant by `implies`', () => {
    fc.assert(
      fc.property(fc.array(grantedPermission, { maxLength: 6 }), checkedPermission, (grants, required) => {
        expect(permissionSetAllows(permissionSetOf(grants), required)).toBe(grants.some((g) => implies(g, required)));
      }),
      { numRuns: 1000 },
    );
  });

  it('allows on a union exactly what one of the parts allows', () => {
    fc.assert(
      fc.property(fc.array(fc.array(grantedPermission, { maxLength: 4 }), { maxLength: 4 }), checkedPermission, (parts, required) => {
        const sets = parts.map((p) => permissionSetOf(p));
        expect(permissionSetAllows(unionOfPermissionSets(sets), required)).toBe(sets.some((s) => permissionSetAllows(s, required)));
      }),
    );
  });
});

describe('permissionsOfSet', () => {
  it('lists the canonical form: "*" alone, else wildcards and the exact grants they do not cover, sorted', () => {
    expect(permissionsOfSet(permissionSetOf(['audit:read', '*']))).toEqual(['*']);
    expect(permissionsOfSet(permissionSetOf(['user:read', 'audit:read', 'audit:*', 'report:export']))).toEqual(['audit:*', 'report:export', 'user:read']);
    expect(permissionsOfSet(EMPTY_PERMISSION_SET)).toEqual([]);
  });

  it('round-trips: the listed permissions compile to a set allowing the same things', () => {
    fc.assert(
      fc.property(fc.array(grantedPermission, { maxLength: 6 }), checkedPermission, (grants, required) => {
        const set = permissionSetOf(grants);
        expect(permissionSetAllows(permissionSetOf(permissionsOfSet(set)), required)).toBe(permissionSetAllows(set, required));
      }),
    );
  });
});

describe('missingPermissions', () => {
  it('lists what is not covered, once each, in input order', () => {
    const held = permissionSetOf(['audit:*', 'user:read']);
    expect(missingPermissions(held, ['user:delete', 'audit:read', 'role:read', 'user:delete', 'audit:*'])).toEqual(['user:delete', 'role:read']);
  });

  it('asks for a wildcard to be held as a wildcard: listing today’s actions is not enough', () => {
    const held = permissionSetOf(['audit:read', 'audit:review', 'audit:export']);
    expect(missingPermissions(held, ['audit:*'])).toEqual(['audit:*']);
    expect(missingPermissions(permissionSetOf(['audit:*']), ['*'])).toEqual(['*']);
    expect(missingPermissions(permissionSetOf(['*']), ['*', 'audit:*'])).toEqual([]);
  });

  it('ignores malformed needed permissions: they grant nothing, so need not be held', () => {
    expect(missingPermissions(EMPTY_PERMISSION_SET, ['Audit:read', '', 'a::b'])).toEqual([]);
  });
});

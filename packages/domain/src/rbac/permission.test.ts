import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wellFormedPermission } from './arbitraries.test-support.ts';
import { implies, isWellFormedPermission, parsePermission, permissionIssues, type PermissionProblem } from './permission.ts';

/** An independent statement of the grammar, to check the parser against. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
function referenceWellFormed(text: string): boolean {
  if (text === '*') return true;
  const parts = text.split(':');
  if (parts.length !== 2) return false;
  const [resource = '', action = ''] = parts;
  return NAME.test(resource) && (action === '*' || NAME.test(action));
}

/** Text near the grammar: the characters it uses and some it refuses. */
const nearPermission = fc
  .array(fc.constantFrom('a', 'b', 'z', '0', '9', '-', ':', '*', ' ', 'A', '_', '.', '\n', 'é'), { maxLength: 10 })
  .map((chars) => chars.join(''));

describe('parsePermission', () => {
  it('reads the three forms', () => {
    expect(parsePermission('*')).toEqual({ ok: true, value: { kind: 'all' } });
    expect(parsePermission('audit:*')).toEqual({ ok: true, value: { kind: 'resource', resource: 'audit' } });
    expect(parsePermission('audit:read')).toEqual({ ok: true, value: { kind: 'exact', resource: 'audit', action: 'read' } });
    expect(parsePermission('api-key:rotate-now2')).toEqual({ ok: true, value: { kind: 'exact', resource: 'api-key', action: 'rotate-now2' } });
  });

  const refused: [string, PermissionProblem, RegExp][] = [
    ['', 'empty', /cannot be empty/],
    [' audit:read', 'whitespace', /whitespace/],
    ['audit:\tread', 'whitespace', /whitespace/],
    ['Audit:read', 'uppercase', /lowercase: "audit:read"/],
    ['audit', 'missing-separator', /"audit:read" for one action or "audit:\*"/],
    ['a::b', 'too-many-separators', /more than one ":"/],
    ['audit:*:x', 'too-many-separators', /more than one ":"/],
    ['audit:read:', 'too-many-separators', /more than one ":"/],
    [':read', 'missing-resource', /no resource/],
    [':', 'missing-resource', /no resource/],
    ['audit:', 'missing-action', /no action/],
    ['*:read', 'cross-resource-wildcard', /resources added later/],
    ['*:*', 'cross-resource-wildcard', /is written "\*"/],
    ['**', 'misplaced-wildcard', /stands alone/],
    ['audit*', 'misplaced-wildcard', /stands alone/],
    ['au*dit:read', 'misplaced-wildcard', /stands alone/],
    ['audit:re*', 'misplaced-wildcard', /stands alone/],
    ['audit:**', 'misplaced-wildcard', /stands alone/],
    ['audit-:read', 'bad-character', /lowercase letters, digits and single hyphens/],
    ['audit--log:read', 'bad-character', /single hyphens/],
    ['1audit:read', 'bad-character', /starting with a letter/],
    ['audit_log:read', 'bad-character', /lowercase letters/],
    ['audit.log:read', 'bad-character', /lowercase letters/],
    ['aüdit:read', 'bad-character', /lowercase letters/],
  ];
  it.each(refused)('refuses %j as %s with a message that says how to fix it', (text, reason, message) => {
    const result = parsePermission(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID');
    expect(result.error.details).toEqual({ reason, permission: text });
    expect(result.error.message).toMatch(message);
  });

  it('agrees with an independent statement of the grammar, and with isWellFormedPermission', () => {
    fc.assert(
      fc.property(fc.oneof(nearPermission, wellFormedPermission, fc.string()), (text) => {
        const expected = referenceWellFormed(text);
        expect(parsePermission(text).ok).toBe(expected);
        expect(isWellFormedPermission(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('permissionIssues', () => {
  it('reports each malformed permission once, in input order', () => {
    const issues = permissionIssues(['audit:read', '', 'x:y', 'A:b']);
    expect(issues.map((i) => i.details)).toEqual([
      { reason: 'empty', permission: '' },
      { reason: 'uppercase', permission: 'A:b' },
    ]);
  });
});

describe('implies', () => {
  it('matches exact grants, resource wildcards and "*"', () => {
    expect(implies('audit:read', 'audit:read')).toBe(true);
    expect(implies('audit:read', 'audit:review')).toBe(false);
    expect(implies('audit:*', 'audit:review')).toBe(true);
    expect(implies('audit:*', 'audit:*')).toBe(true);
    expect(implies('audit:*', 'report:read')).toBe(false);
    expect(implies('audit:read', 'audit:*')).toBe(false);
    expect(implies('*', 'anything:new')).toBe(true);
    expect(implies('*', '*')).toBe(true);
    expect(implies('audit:*', '*')).toBe(false);
  });

  it('never lets a malformed string match, on either side', () => {
    expect(implies('*', 'Audit:read')).toBe(false);
    expect(implies('*', '')).toBe(false);
    expect(implies('audit:*', 'audit:*:x')).toBe(false);
    expect(implies('*:read', 'audit:read')).toBe(false);
    expect(implies('', '')).toBe(false);
  });

  it('is reflexive and transitive on well-formed permissions, and "*" implies all of them', () => {
    fc.assert(
      fc.property(wellFormedPermission, wellFormedPermission, wellFormedPermission, (a, b, c) => {
        expect(implies(a, a)).toBe(true);
        expect(implies('*', a)).toBe(true);
        if (implies(a, b) && implies(b, c)) expect(implies(a, c)).toBe(true);
      }),
    );
  });
});

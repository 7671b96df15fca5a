import { describe, expect, it } from 'vitest';
import { generate, rowsOf } from './helpers.ts';
import { id, label } from './world.ts';

describe('privileged access', () => {
  const model = generate('privileged-access');

  it('lists administrators, platform-wide ones included, with MFA', () => {
    expect(rowsOf(model, 'admins')).toEqual([
      ['Acme Corp', label.alice, 'Tenant admin', 'Tenant admin', '2024-01-02T09:00:00.000Z', null, 'in force', true, label.pat, id(30)],
      ['Platform-wide', label.pat, 'Platform admin', 'Platform admin', '2023-12-01T00:00:00.000Z', null, 'in force', true, label.pat, id(37)],
    ]);
  });

  it('lists wildcard holders with the wildcards their role grants, inherited ones included', () => {
    expect(rowsOf(model, 'wildcards').map((r) => [r[1], r[2], r[3], r[7]])).toEqual([
      [label.alice, 'Tenant admin', 'report:*, role:*, user:*, workflow:*', true],
      [label.bob, 'Compliance officer', 'report:*', false],
      [label.carol, 'Compliance officer', 'report:*', true],
      [label.erin, 'Log keeper', 'audit:*', false],
      [label.pat, 'Platform admin', '*', true],
    ]);
  });

  it('finds the expired grant that is still present, and says it was privileged', () => {
    expect(rowsOf(model, 'expired-present')).toEqual([['Acme Corp', label.dave, 'Tenant admin', '2024-04-01T09:00:00.000Z', 49, true, label.alice, id(34)]]);
  });

  it('treats designated roles as privileged too', () => {
    const designated = generate('privileged-access', { filters: { roleIds: [id(20)] } });
    expect(rowsOf(designated, 'admins').map((r) => [r[1], r[3]])).toEqual([
      [label.alice, 'Tenant admin'],
      [label.erin, 'Log keeper'],
      [label.pat, 'Platform admin'],
    ]);
  });
});

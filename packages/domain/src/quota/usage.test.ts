import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { parseIsoInstant } from '../rbac/instant.ts';
import { parseDocument } from '../schema/collections.ts';
import { DOCUMENT_COUNTERS, deltaOf, usageOf } from './usage.ts';
import { NOW, OTHER_TENANT, TENANT, reportRun, role, user, workflow } from './test-documents.ts';

const NONE = { seats: 0, roles: 0, workflows: 0, reportRunsPerMonth: 0, storageBytes: 0 };

describe('test documents', () => {
  it('are valid documents', () => {
    expect(parseDocument('users', user()).ok).toBe(true);
    expect(parseDocument('roles', role()).ok).toBe(true);
    expect(parseDocument('workflows', workflow()).ok).toBe(true);
    expect(parseDocument('reportRuns', reportRun()).ok).toBe(true);
  });
});

describe('usageOf', () => {
  it('counts nothing for a tenant without documents', () => {
    expect(usageOf(TENANT, {}, NOW)).toEqual(NONE);
  });

  it('gives a seat to active and invited users, not to disabled or deleted ones', () => {
    const users = [
      user({ status: 'active' }),
      user({ status: 'invited' }),
      user({ status: 'disabled' }),
      user({ status: 'active', _deleted: true }),
      user({ status: 'invited', _deleted: true }),
    ];
    expect(usageOf(TENANT, { users }, NOW).seats).toBe(2);
  });

  it('counts only the tenant’s own documents', () => {
    const docs = {
      users: [user(), user({ tenantId: OTHER_TENANT }), user({ tenantId: null })],
      roles: [role(), role({ tenantId: OTHER_TENANT })],
      workflows: [workflow(), workflow({ tenantId: OTHER_TENANT })],
      reportRuns: [reportRun({ sizeBytes: 10 }), reportRun({ tenantId: OTHER_TENANT, sizeBytes: 99 })],
    };
    expect(usageOf(TENANT, docs, NOW)).toEqual({ seats: 1, roles: 1, workflows: 1, reportRunsPerMonth: 1, storageBytes: 10 });
    expect(usageOf(OTHER_TENANT, docs, NOW)).toEqual({ seats: 1, roles: 1, workflows: 1, reportRunsPerMonth: 1, storageBytes: 99 });
  });

  it('counts custom roles, not built-in or platform ones, nor deleted ones', () => {
    const roles = [role(), role({ builtIn: true }), role({ tenantId: null, scope: 'platform' }), role({ _deleted: true })];
    expect(usageOf(TENANT, { roles }, NOW).roles).toBe(1);
  });

  it('counts disabled workflow definitions, not deleted ones', () => {
    const workflows = [workflow(), workflow({ enabled: false }), workflow({ _deleted: true })];
    expect(usageOf(TENANT, { workflows }, NOW).workflows).toBe(2);
  });

  it('counts succeeded runs of the current UTC month, deleted ones included', () => {
    const reportRuns = [
      reportRun({ generatedAt: '2024-05-01T00:00:00.000Z' }),
      reportRun({ generatedAt: '2024-05-31T23:59:59.999Z' }),
      reportRun({ generatedAt: '2024-05-10T00:00:00.000Z', _deleted: true }),
      reportRun({ generatedAt: '2024-05-10T00:00:00.000Z', status: 'failed', sha256: null }),
      reportRun({ generatedAt: '2024-04-30T23:59:59.999Z' }),
      reportRun({ generatedAt: '2024-06-01T00:00:00.000Z' }),
    ];
    expect(usageOf(TENANT, { reportRuns }, NOW).reportRunsPerMonth).toBe(3);
  });

  it('takes the month from the clock it is given, as ISO text or epoch milliseconds', () => {
    const reportRuns = [reportRun({ generatedAt: '2024-02-29T23:00:00.000Z' })];
    expect(usageOf(TENANT, { reportRuns }, '2024-02-01T00:00:00.000Z').reportRunsPerMonth).toBe(1);
    expect(usageOf(TENANT, { reportRuns }, parseIsoInstant('2024-02-15T00:00:00.000Z')).reportRunsPerMonth).toBe(1);
    expect(usageOf(TENANT, { reportRuns }, '2024-03-01T00:00:00.000Z').reportRunsPerMonth).toBe(0);
    // A clock in another zone is still read as the instant it names: 00:30 on 1 March at +01:00 is still February in UTC.
    expect(usageOf(TENANT, { reportRuns }, '2024-03-01T00:30:00+01:00').reportRunsPerMonth).toBe(1);
    // December rolls into the next year.
    const december = [reportRun({ generatedAt: '2023-12-31T23:59:59.999Z' }), reportRun({ generatedAt: '2024-01-01T00:00:00.000Z' })];
    expect(usageOf(TENANT, { reportRuns: december }, '2023-12-05T00:00:00.000Z').reportRunsPerMonth).toBe(1);
  });

  it('adds up the artifact sizes of runs that are not deleted, whatever their month or status', () => {
    const reportRuns = [
      reportRun({ sizeBytes: 100, generatedAt: '2020-01-01T00:00:00.000Z' }),
      reportRun({ sizeBytes: 20, status: 'failed', sha256: null }),
      reportRun({ sizeBytes: 5_000, _deleted: true }),
    ];
    expect(usageOf(TENANT, { reportRuns }, NOW).storageBytes).toBe(120);
  });

  it('accepts any iterable, such as a generator over server rows', () => {
    function* rows() {
      yield user();
      yield user({ status: 'invited' });
    }
    expect(usageOf(TENANT, { users: rows() }, NOW).seats).toBe(2);
  });

  it('refuses a clock reading that is not an instant', () => {
    expect(() => usageOf(TENANT, {}, 'yesterday')).toThrow(DomainError);
    expect(() => usageOf(TENANT, {}, Number.NaN)).toThrow(/not an instant/);
  });
});

describe('deltaOf', () => {
  it('counts an insert, an edit that changes nothing counted, and a delete', () => {
    const alice = user();
    expect(deltaOf('users', null, alice, TENANT, NOW)).toEqual({ seats: 1 });
    expect(deltaOf('users', alice, { ...alice, displayName: 'Alice' }, TENANT, NOW)).toEqual({});
    expect(deltaOf('users', alice, { ...alice, _deleted: true }, TENANT, NOW)).toEqual({ seats: -1 });
  });

  it('counts status changes: disabling frees a seat, re-enabling takes one, accepting an invitation does neither', () => {
    const invited = user({ status: 'invited' });
    expect(deltaOf('users', invited, { ...invited, status: 'active' }, TENANT, NOW)).toEqual({});
    expect(deltaOf('users', invited, { ...invited, status: 'disabled' }, TENANT, NOW)).toEqual({ seats: -1 });
    const disabled = user({ status: 'disabled' });
    expect(deltaOf('users', disabled, { ...disabled, status: 'active' }, TENANT, NOW)).toEqual({ seats: 1 });
  });

  it('counts a user restored from deletion', () => {
    const gone = user({ _deleted: true });
    expect(deltaOf('users', gone, { ...gone, _deleted: false }, TENANT, NOW)).toEqual({ seats: 1 });
  });

  it('counts a role turning custom or built-in', () => {
    const custom = role();
    expect(deltaOf('roles', null, custom, TENANT, NOW)).toEqual({ roles: 1 });
    expect(deltaOf('roles', custom, { ...custom, builtIn: true }, TENANT, NOW)).toEqual({ roles: -1 });
  });

  it('counts workflows by definition, not by whether they are enabled', () => {
    const flow = workflow();
    expect(deltaOf('workflows', null, flow, TENANT, NOW)).toEqual({ workflows: 1 });
    expect(deltaOf('workflows', flow, { ...flow, enabled: false }, TENANT, NOW)).toEqual({});
  });

  it('charges a run when generated and frees its storage, not the run, when deleted', () => {
    const run = reportRun({ sizeBytes: 4_096 });
    expect(deltaOf('reportRuns', null, run, TENANT, NOW)).toEqual({ reportRunsPerMonth: 1, storageBytes: 4_096 });
    expect(deltaOf('reportRuns', run, { ...run, _deleted: true }, TENANT, NOW)).toEqual({ storageBytes: -4_096 });
    expect(deltaOf('reportRuns', run, { ...run, sizeBytes: 5_000 }, TENANT, NOW)).toEqual({ storageBytes: 904 });
  });

  it('charges nothing for a failed run but its bytes, nor for a run of another month', () => {
    expect(deltaOf('reportRuns', null, reportRun({ status: 'failed', sha256: null, sizeBytes: 0 }), TENANT, NOW)).toEqual({});
    expect(deltaOf('reportRuns', null, reportRun({ generatedAt: '2024-04-01T00:00:00.000Z', sizeBytes: 0 }), TENANT, NOW)).toEqual({});
  });

  it('counts for the tenant asked about: a document moving between tenants leaves one and joins the other', () => {
    const alice = user();
    const moved = { ...alice, tenantId: OTHER_TENANT };
    expect(deltaOf('users', alice, moved, TENANT, NOW)).toEqual({ seats: -1 });
    expect(deltaOf('users', alice, moved, OTHER_TENANT, NOW)).toEqual({ seats: 1 });
  });

  it('gives nothing for collections that count towards no limit', () => {
    expect(deltaOf('auditReviews', null, null, TENANT, NOW)).toEqual({});
    expect(deltaOf('tenants', null, null, TENANT, NOW)).toEqual({});
  });

  it('gives only document counters', () => {
    const delta = deltaOf('reportRuns', null, reportRun(), TENANT, NOW);
    for (const counter of Object.keys(delta)) expect(DOCUMENT_COUNTERS).toContain(counter);
  });
});

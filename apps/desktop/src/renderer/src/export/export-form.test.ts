import { describe, expect, it } from 'vitest';
import { checkExportForm, defaultFormValues, toLocalInput } from './export-form.ts';
import { formatBytes, previewExport } from './export-preview.ts';
import { verifyCommand } from './export-audit.ts';
import type { AuditEvent } from '@steward/domain';

const TENANTS = [{ id: 't-acme', slug: 'acme' }];

describe('export form', () => {
  const base = { ...defaultFormValues('t-acme', new Date(2025, 0, 31, 12, 0)), from: '2025-01-01T00:00', to: '2025-02-01T00:00' };

  it('turns the form into a request in normal form (local times to UTC, filters sorted, empty lists dropped)', () => {
    const checked = checkExportForm({ ...base, actions: 'user.update, role.assign role.assign', outcomes: ['success', 'denied'], report: 'access-review' }, TENANTS);
    expect(checked).toEqual({
      ok: true,
      request: { tenantId: 't-acme', tenantSlug: 'acme', from: new Date(2025, 0, 1).toISOString(), to: new Date(2025, 1, 1).toISOString(), filters: { actions: ['role.assign', 'user.update'], outcomes: ['denied', 'success'] }, report: 'access-review' },
    });
    expect(checkExportForm(base, TENANTS)).toMatchObject({ ok: true, request: { filters: {}, report: null } });
  });

  it('names the field that is wrong', () => {
    expect(checkExportForm({ ...base, tenantId: 'other' }, TENANTS)).toMatchObject({ ok: false, field: 'tenantId' });
    expect(checkExportForm({ ...base, from: '' }, TENANTS)).toMatchObject({ ok: false, field: 'from' });
    expect(checkExportForm({ ...base, to: base.from }, TENANTS)).toMatchObject({ ok: false, field: 'to', message: 'The end of the period must be after its start.' });
    expect(checkExportForm({ ...base, actions: 'role.assign; drop' }, TENANTS)).toMatchObject({ ok: false, field: 'actions' });
    expect(checkExportForm({ ...base, outcomes: ['maybe'] }, TENANTS)).toMatchObject({ ok: false, field: 'outcomes' });
    expect(checkExportForm({ ...base, report: 'gossip' }, TENANTS)).toMatchObject({ ok: false, field: 'report' });
  });

  it('defaults to the last 30 days', () => {
    const now = new Date(2025, 5, 15, 9, 30);
    expect(defaultFormValues('t', now)).toMatchObject({ from: toLocalInput(new Date(2025, 4, 16, 9, 30)), to: '2025-06-15T09:30' });
  });
});

describe('export preview', () => {
  const event = (ledgerIndex: number | null): AuditEvent => ({
    id: `01900000-0000-7000-8000-${String(ledgerIndex ?? 999).padStart(12, '0')}`, tenantId: 't', revision: 1, updatedAt: '2025-01-01T00:00:00.000Z', _deleted: false,
    actorId: 'a', actorType: 'user', action: 'role.assign', resourceType: 'role', resourceId: 'r', outcome: 'success', occurredAt: '2025-01-01T00:00:00.000Z', observedAt: null,
    context: {}, pii: false, complianceFlags: [], ledgerIndex,
  });

  it('counts events inside the checkpoint as proven, the rest (beyond it, or not yet in the ledger) as not yet', () => {
    const preview = previewExport([event(1), event(5), event(10), event(null)], 10);
    expect(preview).toMatchObject({ events: 4, proven: 2, notYet: 2, treeSize: 10 });
    expect(previewExport([event(1)], null)).toMatchObject({ proven: 0, notYet: 1 });
    expect(preview.estimatedBytes).toBeGreaterThan(previewExport([event(1)], 10).estimatedBytes);
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    // Offline only events with a cached proof count as provable.
    expect(previewExport([event(1), event(5)], 10, 0, new Set([event(5).id]))).toMatchObject({ proven: 1, notYet: 1 });
  });

  it('asks for --allow-partial exactly when the bundle is partial', () => {
    expect(verifyCommand('evidence-acme.zip', { unproven: 0, attested: true })).toBe('steward-verify evidence-acme.zip');
    expect(verifyCommand('evidence-acme.zip', { unproven: 2, attested: true })).toBe('steward-verify --allow-partial evidence-acme.zip');
    expect(verifyCommand('my evidence.zip', { unproven: 0, attested: false })).toBe("steward-verify --allow-partial 'my evidence.zip'");
  });
});

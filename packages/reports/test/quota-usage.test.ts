import { describe, expect, it } from 'vitest';
import { generate, rowsOf, sectionOf } from './helpers.ts';
import type { AuditEvent } from '@steward/domain';
import { generateReport } from '../src/index.ts';
import { ACME, GLOBEX, NOW, id, world } from './world.ts';

describe('quota usage', () => {
  it('lists each limit of each tenant with use, maximum, share and status, overrides marked', () => {
    const model = generate('quota-usage', { tenantIds: [ACME, GLOBEX] });
    expect(rowsOf(model, 'usage')).toEqual([
      ['Acme Corp', 'Team', 'Seats', 5, 5, 100, true, 'at limit'],
      ['Acme Corp', 'Team', 'Custom roles', 1, 20, 5, false, 'ok'],
      ['Acme Corp', 'Team', 'Workflows', 1, 25, 4, false, 'ok'],
      ['Acme Corp', 'Team', 'Report runs this month', 2, 200, 1, false, 'ok'],
      ['Acme Corp', 'Team', 'Report storage (bytes)', 4000, 26_843_545_600, 0, false, 'ok'],
      ['Acme Corp', 'Team', 'API calls per day', null, 50_000, null, false, 'metered by the server'],
      ['Acme Corp', 'Team', 'Audit retention (days)', 19, 365, 5.2, false, 'ok'],
      ['Globex', 'Free', 'Seats', 1, 3, 33.3, false, 'ok'],
      ['Globex', 'Free', 'Custom roles', 0, 3, 0, false, 'ok'],
      ['Globex', 'Free', 'Workflows', 0, 3, 0, false, 'ok'],
      ['Globex', 'Free', 'Report runs this month', 0, 10, 0, false, 'ok'],
      ['Globex', 'Free', 'Report storage (bytes)', 0, 1_073_741_824, 0, false, 'ok'],
      ['Globex', 'Free', 'API calls per day', null, 1000, null, false, 'metered by the server'],
      ['Globex', 'Free', 'Audit retention (days)', 17, 30, 56.7, false, 'ok'],
    ]);
    expect(sectionOf(model, 'usage').chart?.series).toEqual([
      { name: 'Acme Corp', values: [100, 5, 4, 1, 0] },
      { name: 'Globex', values: [33.3, 0, 0, 0, 0] },
    ]);
  });

  it('flags a limit near its maximum at the chosen threshold', () => {
    const rows = rowsOf(generate('quota-usage', { tenantIds: [GLOBEX], filters: { nearLimitPercent: 30 } }), 'usage');
    expect(rows.filter((r) => r[7] === 'near limit').map((r) => r[2])).toEqual(['Seats']);
  });
});

describe('quota usage past retention', () => {
  it('says so when events older than the retention window are still held', () => {
    const old = { ...(world.auditEvents ?? []).at(-1), id: id(4000), occurredAt: '2024-03-01T00:00:00.000Z' } as AuditEvent;
    const result = generateReport({ template: 'quota-usage', parameters: { tenantIds: [GLOBEX], from: null, to: null, filters: {} }, data: { ...world, auditEvents: [...(world.auditEvents ?? []), old] }, generatedAt: NOW });
    expect(result.ok && result.value.sections[0]?.table.rows.at(-1)?.slice(2)).toEqual(['Audit retention (days)', 80, 30, 266.7, false, 'past retention']);
  });
});

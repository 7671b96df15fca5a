import { describe, expect, it } from 'vitest';
import { generate, rowsOf, sectionOf } from './helpers.ts';
import { id, label } from './world.ts';

const MAY_FIRST_WEEK = { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z' };

describe('audit activity', () => {
  const model = generate('audit-activity', MAY_FIRST_WEEK);

  it('counts events per day by outcome, days without events included', () => {
    expect(rowsOf(model, 'per-day')).toEqual([
      ['2024-05-01', 3, 2, 1, 0],
      ['2024-05-02', 2, 2, 0, 0],
      ['2024-05-03', 0, 0, 0, 0],
      ['2024-05-04', 0, 0, 0, 0],
      ['2024-05-05', 0, 0, 0, 0],
      ['2024-05-06', 1, 0, 0, 1],
      ['2024-05-07', 1, 1, 0, 0],
    ]);
  });

  it('reports the three silent days as one gap', () => {
    expect(rowsOf(model, 'gaps')).toEqual([['2024-05-03T00:00:00.000Z', '2024-05-06T00:00:00.000Z', 3]]);
  });

  it('groups by actor (most active first, system principals marked) and by action', () => {
    expect(rowsOf(model, 'by-actor')).toEqual([
      [label.bob, 3, 2, 1, 0, '2024-05-01T17:00:00.000Z', '2024-05-02T11:00:00.000Z'],
      [label.alice, 2, 2, 0, 0, '2024-05-01T08:00:00.000Z', '2024-05-01T09:30:00.000Z'],
      [`${id(99)} (system)`, 1, 1, 0, 0, '2024-05-07T12:00:00.000Z', '2024-05-07T12:00:00.000Z'],
      [label.dave, 1, 0, 0, 1, '2024-05-06T07:00:00.000Z', '2024-05-06T07:00:00.000Z'],
    ]);
    expect(rowsOf(model, 'by-action')).toEqual([
      ['auth.login', 3, 2, 1, 0],
      ['role.assign', 2, 1, 0, 1],
      ['system.seed', 1, 1, 0, 0],
      ['workflowRun.approve', 1, 1, 0, 0],
    ]);
  });

  it('charts the days as stacked bars by outcome', () => {
    const chart = sectionOf(model, 'per-day').chart;
    expect(chart?.categories).toHaveLength(7);
    expect(chart?.series).toEqual([
      { name: 'success', values: [2, 2, 0, 0, 0, 0, 1] },
      { name: 'failure', values: [1, 0, 0, 0, 0, 0, 0] },
      { name: 'denied', values: [0, 0, 0, 0, 0, 1, 0] },
    ]);
  });

  it('applies filters: SOX-flagged events leave a five-day gap', () => {
    const sox = generate('audit-activity', { ...MAY_FIRST_WEEK, filters: { complianceFlags: ['SOX'] } });
    expect(rowsOf(sox, 'per-day').map((r) => r[1])).toEqual([2, 1, 0, 0, 0, 0, 0]);
    expect(rowsOf(sox, 'gaps')).toEqual([['2024-05-03T00:00:00.000Z', '2024-05-08T00:00:00.000Z', 5]]);
    const prefix = generate('audit-activity', { ...MAY_FIRST_WEEK, filters: { actions: ['role.*'], outcomes: ['denied'] } });
    expect(rowsOf(prefix, 'by-action')).toEqual([['role.assign', 1, 0, 0, 1]]);
  });

  it('buckets by hour, clipping the first and last bucket to the period', () => {
    const hourly = generate('audit-activity', { from: '2024-05-01T08:30:00.000Z', to: '2024-05-01T11:15:00.000Z', filters: { bucket: 'hour' } });
    expect(rowsOf(hourly, 'per-hour').map((r) => [r[0], r[1]])).toEqual([
      ['2024-05-01T08:00Z', 0],
      ['2024-05-01T09:00Z', 1],
      ['2024-05-01T10:00Z', 0],
      ['2024-05-01T11:00Z', 0],
    ]);
    expect(rowsOf(hourly, 'gaps')).toEqual([
      ['2024-05-01T08:30:00.000Z', '2024-05-01T09:00:00.000Z', 1],
      ['2024-05-01T10:00:00.000Z', '2024-05-01T11:15:00.000Z', 2],
    ]);
  });

  it('with an open start, begins at the first matching event; with no events, has no days and no chart', () => {
    const open = generate('audit-activity', { to: '2024-05-02T00:00:00.000Z' });
    expect(rowsOf(open, 'per-day').map((r) => r[0])).toEqual(['2024-04-30', '2024-05-01']);
    const none = generate('audit-activity', { filters: { actorIds: [id(4242)] } });
    expect(rowsOf(none, 'per-day')).toEqual([]);
    expect(sectionOf(none, 'per-day').chart).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../platform/memory-storage.ts';
import { NO_FILTERS } from './audit-filters.ts';
import { isShowing, loadSavedViews, parseSavedViews, SAVED_VIEWS_KEY, storeSavedViews, withoutView, withView, type SavedView } from './saved-views.ts';

const view = (name: string, id = '01900000-0000-7000-8000-000000000b01'): SavedView => ({
  id,
  name,
  filters: { ...NO_FILTERS, actor: '01900000-0000-7000-8000-0000000000a2', from: '2026-02-01T00:00:00.000Z', flags: ['SOX'], pii: 'pii' },
  sorting: [{ id: 'actor', desc: false }],
  columnVisibility: { flags: false },
  savedAt: '2026-02-02T10:00:00.000Z',
});

describe('saved views', () => {
  it('round-trips through the preferences store', () => {
    const store = memoryStorage();
    expect(loadSavedViews(store)).toEqual([]);
    expect(storeSavedViews(store, [view('Payroll SOX')])).toBeNull();
    expect(loadSavedViews(store)).toEqual([view('Payroll SOX')]);
  });

  it('ignores stored data that is not JSON, not a list, or not a view — one bad view does not lose the others', () => {
    expect(parseSavedViews('{not json')).toEqual([]);
    expect(parseSavedViews('{"views":[]}')).toEqual([]);
    const good = view('Good');
    const bad = [
      { ...good, id: 'not-a-uuid' },
      { ...good, name: '' },
      { ...good, filters: { ...good.filters, outcome: 'exploded' } },
      { ...good, filters: { ...good.filters, from: 'yesterday' } },
      { ...good, filters: { ...good.filters, pii: true } },
      { ...good, sorting: 'actor' },
      { ...good, columnVisibility: { flags: 'no' } },
      { ...good, extra: 'field' },
      null,
      42,
    ];
    expect(parseSavedViews(JSON.stringify([...bad, good]))).toEqual([good]);
  });

  it('keeps the Overview\'s tenant and writes-only filters in a view', () => {
    const fromOverview = { ...view('Acme writes'), filters: { ...view('x').filters, tenantId: '01900000-0000-7000-8000-00000000000a', writesOnly: true } };
    expect(parseSavedViews(JSON.stringify([fromOverview]))).toEqual([fromOverview]);
  });

  it('fills filters a view was saved without with their "no filter" value', () => {
    const old = { ...view('Old'), filters: { outcome: 'denied', search: 'payroll' } };
    expect(parseSavedViews(JSON.stringify([old]))[0]?.filters).toEqual({ ...NO_FILTERS, outcome: 'denied', search: 'payroll' });
  });

  it('says when storage refuses, and reads nothing rather than throwing', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota exceeded'); }, removeItem: () => undefined };
    expect(loadSavedViews(broken)).toEqual([]);
    expect(storeSavedViews(broken, [view('x')])).toMatch(/quota exceeded/);
    expect(SAVED_VIEWS_KEY).toMatch(/audit/);
  });

  it('tells whether the log shows exactly what a view saved', () => {
    const v = view('Payroll');
    expect(isShowing(v, { filters: { ...v.filters }, sorting: [{ id: 'actor', desc: false }], columnVisibility: { flags: false, actor: true } })).toBe(true);
    expect(isShowing(v, { ...v, filters: { ...v.filters, search: 'x' } })).toBe(false);
    expect(isShowing(v, { ...v, filters: { ...v.filters, flags: [] } })).toBe(false);
    expect(isShowing(v, { ...v, sorting: [{ id: 'actor', desc: true }] })).toBe(false);
    expect(isShowing(v, { ...v, columnVisibility: {} })).toBe(false);
    expect(isShowing(v, { ...v, filters: { ...v.filters, writesOnly: true } })).toBe(false);
  });

  it('replaces a view of the same name, newest first, and removes by id', () => {
    const a = view('Payroll', '01900000-0000-7000-8000-000000000b01');
    const b = view('Logins', '01900000-0000-7000-8000-000000000b02');
    const a2 = { ...view(' payroll ', '01900000-0000-7000-8000-000000000b03') };
    expect(withView(withView([a], b), a2).map((v) => v.id)).toEqual([a2.id, b.id]);
    expect(withoutView([a, b], a.id)).toEqual([b]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../ledger/canonical-json.ts';
import { changedFields, jsonEqual } from './equality.ts';

describe('jsonEqual', () => {
  it('ignores key order but not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('treats a member set to undefined as absent, as JSON does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: undefined }, {})).toBe(true);
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });

  it('tells apart values of different types', () => {
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual(0, -0)).toBe(true);
  });

  it('compares nested values all the way down', () => {
    expect(jsonEqual({ a: { b: [{ c: 'x' }] } }, { a: { b: [{ c: 'x' }] } })).toBe(true);
    expect(jsonEqual({ a: { b: [{ c: 'x' }] } }, { a: { b: [{ c: 'y' }] } })).toBe(false);
  });

  it('agrees with canonical-JSON equality for any JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonicalize(a) === canonicalize(b));
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
    );
  });
});

describe('changedFields', () => {
  it('lists the top-level fields that differ, in order of appearance', () => {
    expect(changedFields({ id: 'x', name: 'A', tags: ['a'] }, { id: 'x', name: 'B', tags: ['a'], extra: 1 })).toEqual(['name', 'extra']);
  });

  it('lists every field against a missing document', () => {
    expect(changedFields(null, { id: 'x', name: 'A' })).toEqual(['id', 'name']);
    expect(changedFields({ id: 'x' }, null)).toEqual(['id']);
    expect(changedFields(null, null)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { scopeText } from './scope-text.ts';

const iso = (s: string) => `<${s.slice(0, 10)}>`;

describe('scopeText', () => {
  it('names the tenants and both ends of the period', () => {
    const scope = { tenants: [{ id: 'a', name: 'Acme', slug: 'acme' }, { id: 'g', name: 'Globex', slug: 'globex' }], from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    expect(scopeText(scope, iso)).toBe('Acme, Globex · from <2026-01-01> until <2026-04-01>');
  });

  it('says when the period is open at the start or no tenant is in scope', () => {
    expect(scopeText({ tenants: [], from: null, to: '2026-04-01T00:00:00.000Z' }, iso)).toBe('No tenants · from the beginning of the data until <2026-04-01>');
  });
});

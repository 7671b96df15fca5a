import { describe, expect, it } from 'vitest';
import { PERMISSION_CATALOGUE, RESOURCES, isCataloguedPermission } from './catalogue.ts';
import { parsePermission } from './permission.ts';

describe('permission catalogue', () => {
  it('holds only exact, well-formed permissions on known resources, each once', () => {
    expect(new Set(PERMISSION_CATALOGUE).size).toBe(PERMISSION_CATALOGUE.length);
    for (const p of PERMISSION_CATALOGUE) {
      const parsed = parsePermission(p);
      expect(parsed.ok && parsed.value.kind === 'exact' && (RESOURCES as readonly string[]).includes(parsed.value.resource)).toBe(true);
    }
  });

  it('covers every resource and tells catalogued permissions apart', () => {
    for (const r of RESOURCES) expect(PERMISSION_CATALOGUE.some((p) => p.startsWith(`${r}:`))).toBe(true);
    expect(isCataloguedPermission('audit:export')).toBe(true);
    expect(isCataloguedPermission('audit:*')).toBe(false);
    expect(isCataloguedPermission('secrets:read')).toBe(false);
  });
});

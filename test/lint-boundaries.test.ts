// Proves the boundary rules in eslint.config.js fire: each case writes a real
// file into the layer it tests, lints it with the project's config, removes it.
import { ESLint } from 'eslint';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
// Under CI=true typescript-eslint infers a single run and never sees files
// created after its program is built; these fixtures are created mid-run.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});

async function ruleIdsFor(dir: string, code: string, suffix = '.ts'): Promise<string[]> {
  const file = join(root, dir, `lint-fixture-${randomUUID()}${suffix}`);
  writeFileSync(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

// The first case in a layer builds that layer's TypeScript program (tens of seconds on a loaded
// two-core machine); the timeout is only a guard against a hang, not a measure.
describe('lint boundaries', { timeout: 240_000 }, () => {
  it('keeps workspace packages out of the domain', async () => {
    expect(await ruleIdsFor('packages/domain/src', `import { rate } from '@steward/bench';\nexport const r = rate;\n`)).toContain('no-restricted-imports');
  });

  it('keeps Node-only modules and globals out of the domain', async () => {
    expect(await ruleIdsFor('packages/domain/src', `import { createHash } from 'node:crypto';\nexport const h = createHash;\n`)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('packages/domain/src', `import { readFileSync } from 'fs';\nexport const r = readFileSync;\n`)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('packages/domain/src', `export const cwd = (): string => process.cwd();\n`)).toContain('no-restricted-globals');
  });

  it('keeps browser-only APIs and the wall clock out of the domain', async () => {
    expect(await ruleIdsFor('packages/domain/src', `export const k = (): number => localStorage.length;\n`)).toContain('no-restricted-globals');
    expect(await ruleIdsFor('packages/domain/src', `export const now = (): number => Date.now();\n`)).toContain('no-restricted-globals');
  });

  it('lets the domain import its own folders named like Node modules (crypto/, util/)', async () => {
    // Regression: the builtin list as gitignore-style patterns made '../crypto/encoding.ts' match 'crypto'.
    expect(await ruleIdsFor('packages/domain/src/rbac', `import { encodeHex } from '../crypto/encoding.ts';\nexport const h = encodeHex;\n`)).toEqual([]);
  });

  it('allows Node modules in a *.node.ts platform file of the domain', async () => {
    expect(await ruleIdsFor('packages/domain/src', `import { createHash } from 'node:crypto';\nexport const h = createHash;\n`, '.node.ts')).toEqual([]);
  });

  it('keeps main, preload, electron and Node out of the renderer', async () => {
    expect(await ruleIdsFor('apps/desktop/src/renderer/src', `import { isSafeExternalUrl } from '../../main/trusted-url.ts';\nexport const u = isSafeExternalUrl;\n`)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('apps/desktop/src/renderer/src', `import { shell } from 'electron';\nexport const s = shell;\n`)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('apps/desktop/src/renderer/src', `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`)).toContain('no-restricted-imports');
  });

  it('lets apps reach packages only through their public entry', async () => {
    expect(await ruleIdsFor('apps/sync-server/src', `import { DomainError } from '@steward/domain/src/errors.ts';\nexport const e = DomainError;\n`)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('apps/sync-server/src', `import { DomainError } from '@steward/domain';\nexport const e = DomainError;\n`)).toEqual([]);
  });

  it('refuses floating promises, any and default exports', async () => {
    expect(await ruleIdsFor('apps/sync-server/src', `export function f(): void {\n  Promise.resolve(1);\n}\n`)).toContain('@typescript-eslint/no-floating-promises');
    expect(await ruleIdsFor('apps/sync-server/src', `export const a = (x: any): unknown => x;\n`)).toContain('@typescript-eslint/no-explicit-any');
    expect(await ruleIdsFor('apps/sync-server/src', `export default 1;\n`)).toContain('no-restricted-syntax');
  });
});

import { encodeHex, sha256 } from '@steward/domain';
import { generateReport } from '@steward/reports';
import { describe, expect, it } from 'vitest';
import { GRANTS, NOW, PEOPLE, TENANT, tenant } from '../workflows/test-fixtures.ts';
import { artifactOf } from './artifacts.ts';

const model = () => {
  const generated = generateReport({ template: 'access-review', parameters: { tenantIds: [TENANT], from: null, to: null, filters: {} }, data: { tenants: [tenant()], users: PEOPLE, roles: [], roleAssignments: GRANTS }, generatedAt: NOW });
  if (!generated.ok) throw new Error(generated.error.message);
  return generated.value;
};

describe('artifactOf', () => {
  it('names the file like runReport and hashes exactly the bytes it returns', async () => {
    const csv = await artifactOf(model(), 'csv');
    expect(csv.fileName).toBe('access-review-2026-03-01.csv');
    expect(csv.mediaType).toContain('text/csv');
    expect(csv.sha256).toBe(encodeHex(sha256(csv.bytes)));
    expect(new TextDecoder().decode(csv.bytes)).toContain('officer@acme.example');
  });

  it('renders the same model to the same PDF bytes (so a saved file matches a recorded hash)', async () => {
    const [a, b] = await Promise.all([artifactOf(model(), 'pdf'), artifactOf(model(), 'pdf')]);
    expect(new TextDecoder().decode(a.bytes.slice(0, 5))).toBe('%PDF-');
    expect(a.sha256).toBe(b.sha256);
  });
});

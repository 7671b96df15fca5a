import { encodeHex, parseDocument, sha256, type Report } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { GRANTS, NOW, OFFICER, PEOPLE, TENANT, runId, tenant } from '../workflows/test-fixtures.ts';
import { artifactOf } from './artifacts.ts';
import { runLocally } from './run-locally.ts';

const data = { tenants: [tenant()], users: PEOPLE, roles: [], roleAssignments: GRANTS };
const parameters = { tenantIds: [TENANT], from: null, to: null, filters: { includeExpired: true } };
const definition: Report = {
  id: '01900000-0000-7000-8000-0000000000f1', tenantId: TENANT, revision: 1, updatedAt: NOW, _deleted: false,
  name: 'Quarterly access review', template: 'access-review', parameters, schedule: null, format: 'pdf',
};
const ctx = { generatedAt: NOW, runId: runId(50), requestedBy: OFFICER };

describe('runLocally', () => {
  it('a template run gives the model and nothing to record', async () => {
    const result = await runLocally('access-review', parameters, null, data, ctx);
    expect(result.ok && result.value.recorded).toBeNull();
    expect(result.ok && result.value.model.title).toBe('Access review');
  });

  it('a definition run gives a valid reportRuns document whose hash is the hash of the file the screen saves', async () => {
    expect(parseDocument('reports', definition).ok).toBe(true);
    const result = await runLocally('access-review', parameters, definition, data, ctx);
    if (!result.ok) throw new Error(result.error.message);
    const recorded = result.value.recorded;
    if (recorded === null) throw new Error('a definition run records');
    expect(parseDocument('reportRuns', recorded.run).ok).toBe(true);
    expect(recorded.run).toMatchObject({ id: runId(50), reportId: definition.id, tenantId: TENANT, requestedBy: OFFICER, status: 'succeeded', format: 'pdf', scope: { tenantIds: [TENANT] } });
    expect(recorded.run.sha256).toBe(encodeHex(sha256(recorded.artifact.bytes)));
    const saved = await artifactOf(result.value.model, 'pdf');
    expect(saved.sha256).toBe(recorded.run.sha256);
  });

  it('passes on the template\'s refusal of bad parameters', async () => {
    const result = await runLocally('access-review', { ...parameters, filters: { bucket: 'day' } }, null, data, ctx);
    expect(result.ok ? '' : result.error.message).toContain('is not a filter of the access-review template');
  });
});

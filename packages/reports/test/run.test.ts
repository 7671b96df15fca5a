import { createHash } from 'node:crypto';
import { parseDocument, uuidv7 } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, failedReportRun, runReport } from '../src/index.ts';
import { ACME, ALICE, NOW, definition, world } from './world.ts';

const RUN_ID = uuidv7(Date.parse(NOW), new Uint8Array(10).fill(7));

describe('runReport', () => {
  it.each(['pdf', 'csv', 'xlsx', 'json'] as const)('renders %s, hashes the bytes and describes the run as a valid reportRuns document', async (format) => {
    const result = await runReport({ report: definition('audit-activity', format), data: world, generatedAt: NOW, runId: RUN_ID, requestedBy: ALICE });
    if (!result.ok) throw new Error(result.error.message);
    const { artifact, run } = result.value;
    expect(artifact.sha256).toBe(createHash('sha256').update(artifact.bytes).digest('hex'));
    expect(artifact.mediaType).toBe(MEDIA_TYPES[format]);
    expect(artifact.fileName).toBe(`audit-activity-2024-05-20.${format}`);
    expect(run).toEqual({
      id: RUN_ID,
      tenantId: ACME,
      revision: 0,
      updatedAt: NOW,
      _deleted: false,
      reportId: definition('audit-activity', format).id,
      requestedBy: ALICE,
      generatedAt: NOW,
      format,
      status: 'succeeded',
      sha256: artifact.sha256,
      signature: null,
      scope: { tenantIds: [ACME], from: null, to: NOW },
      sizeBytes: artifact.bytes.length,
    });
    expect(parseDocument('reportRuns', run).ok).toBe(true);
  });

  it('gives the same hash for the same run of a canonical format', async () => {
    const input = { report: definition('sod-violations', 'json'), data: world, generatedAt: NOW, runId: RUN_ID, requestedBy: ALICE };
    const [a, b] = await Promise.all([runReport(input), runReport(input)]);
    expect(a.ok && b.ok && a.value.artifact.sha256 === b.value.artifact.sha256).toBe(true);
  });

  it('refuses bad parameters with the template\'s message, and describes a failed run at no cost', async () => {
    const report = definition('access-review', 'pdf', { filters: { includeExpird: true } });
    const result = await runReport({ report, data: world, generatedAt: NOW, runId: RUN_ID, requestedBy: ALICE });
    expect(!result.ok && result.error.message).toMatch(/filters\.includeExpird is not a filter of the access-review template/);
    const failed = failedReportRun({ report, generatedAt: NOW, runId: RUN_ID, requestedBy: ALICE });
    expect(failed.ok && failed.value).toMatchObject({ status: 'failed', sha256: null, sizeBytes: 0 });
  });
});

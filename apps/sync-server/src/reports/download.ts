/**
 * `GET /reports/runs/:runId/artifact`: the stored bytes of a report run, for
 * whoever may read that run (the same read rule as `sync.pull`: a principal
 * sees reportRuns of the tenants where it holds report:read). Anything else
 * — no run, another tenant's run, a failed run — is the same 404, so the
 * route tells nothing about what exists elsewhere. Each download is audited.
 */
import { parseDocument, type ReportRun } from '@steward/domain';
import { MEDIA_TYPES } from '@steward/reports';
import type { FastifyInstance } from 'fastify';
import { recordAuditEvents } from '../ledger/record.ts';
import type { Services } from '../services.ts';
import { readDocument, withinScope } from '../store/documents.ts';
import { Access } from '../sync/access.ts';
import { bearerOf, resolvePrincipal } from '../trpc/context.ts';
import type { ArtifactStore } from './artifact-store.ts';

const NOT_FOUND = { error: { code: 'NOT_FOUND', message: 'There is no report run with that id that you may read, or it produced no file.' } };

export function registerArtifactDownload(server: FastifyInstance, services: Services, store: ArtifactStore): void {
  server.get<{ Params: { runId: string } }>('/reports/runs/:runId/artifact', async (request, reply) => {
    const principal = await resolvePrincipal(services, bearerOf(request.headers.authorization));
    if (principal === null) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'Sign in (Authorization: Bearer <token>) to download report runs.' } });
    const access = new Access(services.db, principal, services.now());
    const stored = await readDocument(services.db, services.dialect, 'reportRuns', request.params.runId);
    if (stored === undefined || stored.deleted || !withinScope(await access.readScope('reportRuns'), stored.tenantId)) return reply.code(404).send(NOT_FOUND);
    const parsed = parseDocument('reportRuns', stored.body);
    const run: ReportRun | undefined = parsed.ok ? parsed.value : undefined;
    const bytes = run?.sha256 == null ? undefined : await store.get(run.sha256);
    if (run === undefined || run.sha256 === null || bytes === undefined) return reply.code(404).send(NOT_FOUND);
    await recordAuditEvents(services, [
      { tenantId: run.tenantId, actorId: access.actorId, actorType: principal.kind === 'user' ? 'user' : 'apiKey', action: 'reportRun.download', resourceType: 'reportRun', resourceId: run.id, outcome: 'success', context: { reportId: run.reportId, sha256: run.sha256 }, pii: false },
    ]);
    return reply
      .header('content-type', MEDIA_TYPES[run.format])
      .header('content-disposition', `attachment; filename="report-${run.id}.${run.format}"`)
      .header('x-content-sha256', run.sha256)
      .send(Buffer.from(bytes));
  });
}

/**
 * Evidence for auditors: what steward-export (and the desktop) need to
 * build a signed bundle of a tenant's audit events for a period.
 *
 * - `prepare` fixes the export to one signed checkpoint, lists every event
 *   in scope up to it in a scope statement signed by the server key — which
 *   also names the signing key it authorises (`signer`: a certified key of
 *   the caller's, not revoked, not expired) — optionally renders a report
 *   (PDF) for the same tenant and period, and records the export as an
 *   audit event (`evidence.export`).
 * - `events` pages through those events in ledger order, each page with an
 *   inclusion proof for every event against that checkpoint (hashes shared
 *   in a node table), so 100,000 proofs take a handful of calls.
 *
 * Both need `audit:export` in the tenant; an unknown tenant and one the
 * caller may not export get the same NOT_FOUND. A page is a pure function
 * of (scope, treeSize, after): the ledger is append-only and events are
 * immutable, so paging needs no server-side state.
 */
import { TRPCError } from '@trpc/server';
import { canonicalize, decodeBase64, encodeBase64, encodeHex, REPORT_TEMPLATES, type ReportTemplate } from '@steward/domain';
import { proofTable } from '@steward/evidence';
import { z } from 'zod';
import { evidenceTreeFor, type EvidenceTree } from '../../evidence/evidence-tree.ts';
import { exportableTenant, normalizeFilters, orderedPeriod, scopedEvents, scopeFields, scopeInput, type ResolvedScope } from '../../evidence/scope.ts';
import { authoriseSigner } from '../../keys/device-certificate.ts';
import { loadReportData } from '../../reports/report-data.ts';
import { generateReport, renderReport } from '@steward/reports';
import { signScopeStatement } from '../../evidence/scope-statement.ts';
import { readCheckpointAt } from '../../ledger/ledger-store.ts';
import { recordAuditEvents } from '../../ledger/record.ts';
import type { Services } from '../../services.ts';
import { Access } from '../../sync/access.ts';
import { actorIdOf, type Principal } from '../../sync/principal.ts';
import { authedProcedure, domainError, router } from '../trpc.ts';

export const MAX_PAGE = 10_000;

const prepareInput = z
  .strictObject({
    ...scopeFields,
    /** The certificate of the key that will sign the bundle (the server authorises it in the scope statement). */
    signer: z.strictObject({ certificate: z.string().max(2_000), signature: z.string().max(200) }),
    /** A report to render for the same tenant and period, as a PDF. */
    report: z.enum(REPORT_TEMPLATES).optional(),
  })
  .refine(...orderedPeriod);

/** The report as a PDF, from the server's tables, for the export's tenant and period. */
async function renderExportReport(services: Services, scope: ResolvedScope, template: ReportTemplate): Promise<Uint8Array> {
  const data = await loadReportData(services.db, { tenantId: scope.tenantId, template });
  const model = generateReport({ template, parameters: { tenantIds: [scope.tenantId], from: scope.from, to: scope.to, filters: {} }, data, generatedAt: services.now() });
  if (!model.ok) throw domainError(model.error);
  return renderReport(model.value, 'pdf');
}

async function resolveScope(services: Services, principal: Principal, input: z.infer<typeof scopeInput>): Promise<ResolvedScope> {
  const tenant = await exportableTenant(services.db, new Access(services.db, principal, services.now()), input.tenant);
  if (tenant === undefined) throw new TRPCError({ code: 'NOT_FOUND', message: `No tenant "${input.tenant}" whose audit events you may export (audit:export).` });
  return { tenantId: tenant.id, tenantSlug: tenant.slug, from: input.from, to: input.to, filters: normalizeFilters(input.filters) };
}

/** The export's tree, caught up to `treeSize` and checked against the signed root (hex). */
async function treeAt(services: Services, treeSize: number, rootHex: string): Promise<EvidenceTree> {
  const tree = evidenceTreeFor(services.ledger, services.db);
  await tree.reach(treeSize);
  if (tree.rootHexAt(treeSize) !== rootHex) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Ledger integrity failure: the stored leaves do not give the signed root at ${treeSize} entries; refusing to export.` });
  }
  return tree;
}

function leafAt(tree: EvidenceTree): (index: number) => Uint8Array {
  return (index) => {
    const leaf = tree.tree.leafHash(index);
    if (!leaf.ok) throw new Error(leaf.error.message);
    return leaf.value;
  };
}

export const evidenceRouter = router({
  prepare: authedProcedure.input(prepareInput).mutation(async ({ ctx, input }) => {
    const { services, principal } = ctx;
    const scope = await resolveScope(services, principal, input);
    const signer = await authoriseSigner(services.db, services.serverKey, principal, input.signer, new Date(services.now()));
    if (!signer.ok) throw domainError(signer.error);
    const reportPdf = input.report === undefined ? null : await renderExportReport(services, scope, input.report);
    const checkpoint = await services.ledger.checkpoint();
    if (!checkpoint.ok) throw domainError(checkpoint.error);
    const { treeSize, rootHash, note, origin } = checkpoint.value;
    const root = decodeBase64(rootHash);
    if (!root.ok) throw new Error('the ledger returned a checkpoint root that is not base64');
    const tree = await treeAt(services, treeSize, encodeHex(root.value));
    const events = await scopedEvents(services.db, scope, { after: -1, below: treeSize, limit: Number.POSITIVE_INFINITY }, leafAt(tree));
    const indexes = events.map((e) => e.index);
    const statement = await signScopeStatement(services.serverKey, scope, { treeSize, rootHash }, indexes, principal, signer.value, services.now());
    await recordAuditEvents(services, [
      {
        tenantId: scope.tenantId,
        actorId: actorIdOf(principal),
        actorType: principal.kind === 'user' ? 'user' : 'apiKey',
        action: 'evidence.export',
        resourceType: 'tenant',
        resourceId: scope.tenantId,
        outcome: 'success',
        context: { from: scope.from, to: scope.to, filters: canonicalize(scope.filters), treeSize, events: indexes.length, signer: signer.value.deviceId, report: input.report ?? 'none' },
        pii: false,
      },
    ]);
    return {
      scope,
      checkpoint: { note, treeSize, rootHash, origin },
      serverPublicKeyPem: services.serverKey.publicKeyPem,
      scopeStatement: statement,
      count: indexes.length,
      /** Page from here (the index before the first event in scope). */
      after: indexes.length === 0 ? -1 : (indexes[0] ?? 0) - 1,
      maxPage: MAX_PAGE,
      reportPdf: reportPdf === null ? null : encodeBase64(reportPdf),
    };
  }),

  events: authedProcedure
    .input(
      z.strictObject({
        scope: scopeInput,
        /** The size of the checkpoint `prepare` returned. */
        treeSize: z.int().min(0),
        /** Events after this ledger index (-1: from the start). */
        after: z.int().min(-1).default(-1),
        limit: z.int().min(1).max(MAX_PAGE).default(MAX_PAGE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { services, principal } = ctx;
      const scope = await resolveScope(services, principal, input.scope);
      const stored = await readCheckpointAt(services.db, input.treeSize);
      if (stored === undefined) {
        throw domainError({ code: 'INVALID', message: `No signed checkpoint has ${input.treeSize} entries; use the tree size evidence.prepare returned.` });
      }
      const tree = await treeAt(services, input.treeSize, stored.rootHash);
      const page = await scopedEvents(services.db, scope, { after: input.after, below: input.treeSize, limit: input.limit }, leafAt(tree));
      const proofs = proofTable(tree.tree, page.map((e) => ({ eventId: e.event.id, index: e.index })), input.treeSize);
      const last = page[page.length - 1];
      return { events: page.map((e) => e.event), proofs, next: page.length < input.limit || last === undefined ? null : last.index };
    }),
});

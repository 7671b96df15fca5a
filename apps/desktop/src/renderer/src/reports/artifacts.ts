/**
 * A generated report as a file to save: the renderer's bytes, their SHA-256
 * (what a reportRuns document records) and a name, as `runReport` names
 * them. The same model renders to the same bytes, so a file saved now
 * hashes to what was recorded.
 */
import { encodeHex, sha256, type ReportFormat } from '@steward/domain';
import { MEDIA_TYPES, renderReport, type ReportArtifact, type ReportModel } from '@steward/reports';

export async function artifactOf(model: ReportModel, format: ReportFormat): Promise<ReportArtifact> {
  const bytes = await renderReport(model, format);
  return { format, bytes, sha256: encodeHex(sha256(bytes)), mediaType: MEDIA_TYPES[format], fileName: `${model.template}-${model.generatedAt.slice(0, 10)}.${format}` };
}

/** The formats in the order the screen offers them. */
export const DOWNLOAD_FORMATS: readonly ReportFormat[] = ['pdf', 'csv', 'xlsx', 'json'];

export const TEMPLATE_LABELS: Readonly<Record<ReportModel['template'], { readonly name: string; readonly about: string }>> = {
  'access-review': { name: 'Access review', about: 'Who holds which role, since when, granted by whom; grants expiring soon.' },
  'privileged-access': { name: 'Privileged access', about: 'Administrators, wildcard holders, expired grants still present.' },
  'sod-violations': { name: 'Separation of duties', about: 'Exclusive roles held together; requests decided by their requester.' },
  'audit-activity': { name: 'Audit activity', about: 'Events over time by outcome, gaps, top actors and actions.' },
  'quota-usage': { name: 'Quota usage', about: 'Each plan limit per tenant: used, maximum, how close.' },
  approvals: { name: 'Approvals', about: 'Every workflow run with its requester and approver chain.' },
};

/**
 * Every export is an audit event. Online, the server records
 * `evidence.export` when it prepares the export (with the checkpoint, the
 * count and the signing key). An offline export is recorded here, as this
 * device's own audit event written through the local writer (checked by
 * the domain like every local write) and pushed when the device is back
 * online; the server keeps its own time beside the device's.
 */
import type { AuditEvent } from '@steward/domain';
import type { ExportOutcome, ExportRequest } from './run-export.ts';

export function offlineExportEvent(request: ExportRequest, outcome: ExportOutcome, actorId: string, id: string, now: string): AuditEvent {
  return {
    id,
    tenantId: request.tenantId,
    revision: 0,
    updatedAt: now,
    _deleted: false,
    actorId,
    actorType: 'user',
    action: 'evidence.export',
    resourceType: 'tenant',
    resourceId: request.tenantId,
    outcome: 'success',
    occurredAt: now,
    observedAt: null,
    context: {
      from: request.from,
      to: request.to,
      filters: JSON.stringify(request.filters),
      treeSize: outcome.treeSize,
      events: outcome.events,
      proven: outcome.proven,
      offline: true,
      sha256: outcome.sha256,
      report: request.report ?? 'none',
    },
    pii: false,
    complianceFlags: [],
    ledgerIndex: null,
  };
}

/** The command that checks the bundle, as the summary shows it. */
export function verifyCommand(fileName: string, outcome: Pick<ExportOutcome, 'unproven' | 'attested'>): string {
  const partial = outcome.unproven > 0 || !outcome.attested ? ' --allow-partial' : '';
  return `steward-verify${partial} ${fileName.includes(' ') ? `'${fileName}'` : fileName}`;
}

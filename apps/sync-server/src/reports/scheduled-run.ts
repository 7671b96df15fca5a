/**
 * One scheduled run of a report definition, recorded the way a push is: the
 * reportRuns document is decided by the domain's `checkWrite` (RBAC and the
 * tenant's `reportRunsPerMonth` quota) and written with its audit event in
 * one transaction, appended to the ledger. The actor is the system
 * principal SCHEDULER_ACTOR_ID, which holds exactly `report:run` in the
 * report's tenant — represented as a role, as API keys are.
 *
 * Delivery: the run's audit event (`reportRun.create`, context.collection
 * "reportRuns", with the artifact's SHA-256 and path) goes through the
 * webhooks outbox like every audit event, so a tenant that subscribes to
 * reportRuns (or `reportRun.*`) receives every scheduled run, signed and
 * retried; failed runs are delivered too (outcome "failure", with the reason),
 * refused ones as `reportRun.denied`.
 *
 * Exactly once across server processes: the run id is derived from the
 * report and the scheduled instant, and the tenant is locked before the
 * "already there?" check, so a second process firing the same schedule
 * finds the first one's run and writes nothing.
 */
import { createHash } from 'node:crypto';
import { checkWrite, tenantStateOf, uuidv7, type AuditEvent, type DomainIssue, type Report, type ReportRun, type Role, type RoleAssignment, type TenantState } from '@steward/domain';
import { failedReportRun, runReport, type RunInput } from '@steward/reports';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { appendToLedger } from '../ledger/append.ts';
import { auditEventOf } from '../ledger/record.ts';
import type { Services } from '../services.ts';
import { readDocument, rowOf, writeDocuments } from '../store/documents.ts';
import { loadTenantState } from '../sync/tenant-states.ts';
import type { ArtifactStore } from './artifact-store.ts';
import { loadReportData, scopeProblem } from './report-data.ts';

/** The system principal that runs scheduled reports (recorded as actorType "system"). */
export const SCHEDULER_ACTOR_ID = '00000000-0000-7000-8000-0000000000a1';

export type ScheduledOutcome =
  | { readonly status: 'stored'; readonly run: ReportRun }
  | { readonly status: 'failed'; readonly run: ReportRun; readonly reason: string }
  | { readonly status: 'refused'; readonly issue: DomainIssue }
  | { readonly status: 'duplicate'; readonly runId: string };

/** Where a run's artifact is served (reports/download.ts). */
export function artifactPathOf(runId: string): string {
  return `/reports/runs/${runId}/artifact`;
}

/** The run's id: a UUIDv7 at the scheduled second, its random bits from the report id — the same in every process. */
export function scheduledRunId(reportId: string, scheduledAtMs: number): string {
  const second = Math.floor(scheduledAtMs / 1000) * 1000;
  const random = createHash('sha256').update(`${reportId}|${second}`).digest().subarray(0, 10);
  return uuidv7(second, random);
}

export async function runScheduledReport(services: Services, store: ArtifactStore, report: Report, scheduledAtMs: number): Promise<ScheduledOutcome> {
  const runId = scheduledRunId(report.id, scheduledAtMs);
  const scheduledAt = new Date(Math.floor(scheduledAtMs / 1000) * 1000).toISOString();
  const generatedAt = services.now();
  const { run, reason } = await produce(services, store, { report, generatedAt, runId, requestedBy: SCHEDULER_ACTOR_ID });
  const context = { collection: 'reportRuns', reportId: report.id, template: report.template, format: report.format, scheduledAt };

  const outcome = await services.db.transaction().execute(async (trx): Promise<ScheduledOutcome> => {
    if (report.tenantId !== null) await services.dialect.lockTenant(trx, report.tenantId);
    if ((await readDocument(trx, services.dialect, 'reportRuns', runId, { lock: true })) !== undefined) return { status: 'duplicate', runId };
    const state = withSchedulerGrant(await loadTenantState(trx, report.tenantId, generatedAt), generatedAt);
    const written = { ...run, revision: 1 };
    const issues = checkWrite({ collection: 'reportRuns', actorId: SCHEDULER_ACTOR_ID, before: null, after: written, state, now: generatedAt });
    const refusal = issues[0];
    if (refusal !== undefined) {
      await record(trx, services, [event(services, report, runId, 'reportRun.denied', 'denied', { ...context, code: refusal.code, reason: issues.map((i) => i.message).join(' ') }, generatedAt)]);
      return { status: 'refused', issue: refusal };
    }
    await writeDocuments(trx, services.dialect, [rowOf('reportRuns', written)]);
    // The artifact's path on this server (GET, with a bearer that may read the run): what a webhook receiver fetches.
    const detail = reason === null ? { revision: 1, sha256: written.sha256 ?? '', sizeBytes: written.sizeBytes, artifactPath: artifactPathOf(runId) } : { revision: 1, reason };
    await record(trx, services, [event(services, report, runId, 'reportRun.create', reason === null ? 'success' : 'failure', { ...context, ...detail }, generatedAt)]);
    return reason === null ? { status: 'stored', run: written } : { status: 'failed', run: written, reason };
  });
  if (outcome.status !== 'duplicate') services.feed.publish({ collections: outcome.status === 'refused' ? ['auditEvents'] : ['reportRuns', 'auditEvents'], accessChanged: false });
  return outcome;
}

/**
 * Generates, renders and keeps the artifact; or, when the definition cannot
 * run (bad filters, another tenant named, a renderer failing), the failed
 * run document and why — a failure is recorded, never dropped.
 */
async function produce(services: Services, store: ArtifactStore, base: Omit<RunInput, 'data'>): Promise<{ run: ReportRun; reason: string | null }> {
  let reason = scopeProblem(base.report);
  if (reason === null) {
    try {
      const produced = await runReport({ ...base, data: await loadReportData(services.db, base.report) });
      if (produced.ok) {
        await store.put(produced.value.artifact.sha256, produced.value.artifact.bytes);
        return { run: produced.value.run, reason: null };
      }
      reason = produced.error.message;
    } catch (error) {
      reason = `The report could not be generated: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const failed = failedReportRun(base);
  if (!failed.ok) throw new Error(`report ${base.report.id}: ${failed.error.message}`);
  return { run: failed.value, reason };
}

/** The tenant's state with the scheduler holding `report:run` there, and nothing else. */
function withSchedulerGrant(state: TenantState, now: string): TenantState {
  const base = { revision: 0, updatedAt: now, _deleted: false, tenantId: state.tenantId };
  // builtIn keeps the grant's role out of the tenant's role count.
  const role: Role = { ...base, id: SCHEDULER_ACTOR_ID, name: 'Report scheduler', description: '', scope: 'tenant', permissions: ['report:run'], inherits: [], exclusiveWith: [], builtIn: true };
  const grant: RoleAssignment = { ...base, id: SCHEDULER_ACTOR_ID, userId: SCHEDULER_ACTOR_ID, roleId: SCHEDULER_ACTOR_ID, grantedBy: SCHEDULER_ACTOR_ID, validFrom: '1970-01-01T00:00:00.000Z', expiresAt: null, reason: 'Scheduled reports' };
  return tenantStateOf(state.tenantId, { ...state.docs, roles: [...state.docs.roles, role], assignments: [...state.docs.assignments, grant] }, now);
}

function event(services: Services, report: Report, runId: string, action: string, outcome: AuditEvent['outcome'], context: AuditEvent['context'], now: string): AuditEvent {
  return auditEventOf(services, { tenantId: report.tenantId, actorId: SCHEDULER_ACTOR_ID, actorType: 'system', action, resourceType: 'reportRun', resourceId: runId, outcome, context, pii: false }, now);
}

async function record(trx: Transaction<Database>, services: Services, events: readonly AuditEvent[]): Promise<void> {
  const indexed = await appendToLedger(trx, services.dialect, events);
  await writeDocuments(trx, services.dialect, indexed.map((e) => rowOf('auditEvents', e)));
}

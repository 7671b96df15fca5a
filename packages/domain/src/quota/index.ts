/**
 * Quotas: plans and their limits with per-tenant overrides, usage counted
 * from documents, the per-write check both ends run, and audit retention.
 *
 * Per pushed row the server (and the desktop, per local write) does:
 *
 *     const limits = limitsFor(tenant.plan, tenant.quotaOverrides)      // once per tenant
 *     const usage = { ...usageOf(tenantId, docs, now), apiCallsPerDay } // once per batch
 *     const delta = deltaOf(collection, stored ?? null, incoming, tenantId, now)
 *     const verdict = checkQuota(limits.value, usage, delta)            // ok(usage after) | QUOTA_EXCEEDED
 */
export {
  COUNTER_NAMES,
  LIMIT_NAMES,
  PLAN_DEFINITIONS,
  PLAN_IDS,
  isLimitName,
  isPlanId,
  limitsFor,
  type CounterName,
  type Limit,
  type LimitName,
  type LimitOverrides,
  type Limits,
  type PlanDefinition,
  type PlanId,
  type TenantLimits,
} from './plans.ts';
export { addUsage, checkQuota, quotaExceeded, type QuotaCheckIssue, type QuotaIssue, type Usage, type UsageDelta } from './check.ts';
export {
  COUNTED_COLLECTIONS,
  DOCUMENT_COUNTERS,
  SEAT_HOLDING_STATUSES,
  deltaOf,
  isCountedCollection,
  usageOf,
  type CountedCollection,
  type CountedDocuments,
  type CountedReportRun,
  type CountedRole,
  type CountedWorkflow,
  type DocumentCounter,
  type DocumentUsage,
  type SeatCandidate,
} from './usage.ts';
export { isPastRetention, retentionCutoff } from './retention.ts';
export { formatBytes, groupDigits } from './wording.ts';

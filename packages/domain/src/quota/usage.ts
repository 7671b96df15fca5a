/**
 * Usage counted from the replicated documents, and the change one document
 * write makes to it. Both are built from one per-document rule
 * (`contributionOf`), so that for any write
 *
 *     usageOf(after the write) = usageOf(before the write) + deltaOf(write)
 *
 * holds by construction: the server (for each pushed row) and the desktop (for
 * each local write) check `deltaOf` against `usageOf` and reach the same
 * answer a recount would.
 *
 * What counts, for one tenant (documents of other tenants and platform-wide
 * documents, `tenantId: null`, never count):
 *
 * - **seats**: users that are `active` or `invited` and not deleted. An
 *   invitation holds its seat, or a tenant could invite without limit and let
 *   the invitations be accepted later; a disabled user frees the seat, which
 *   is how a tenant over its limit (after a downgrade) gets back under it.
 * - **roles**: the tenant's own roles (`builtIn: false`), not deleted. The
 *   built-in roles every tenant shares are not the tenant's to count.
 * - **workflows**: workflow definitions, not deleted, enabled or not (a
 *   disabled definition is still kept and can be re-enabled at any time).
 * - **reportRunsPerMonth**: succeeded report runs generated in the current
 *   UTC calendar month — deleted ones included. A run is consumed when it is
 *   generated: deleting the artifact does not give the run back, or
 *   "generate, download, delete" would make the limit meaningless. A failed
 *   run produced nothing and costs nothing. (RxDB purges tombstones no sooner
 *   than 31 days after deletion by default, which is always after the month
 *   of the run has ended, so a replica still holds every tombstone it needs.)
 * - **storageBytes**: the `sizeBytes` of the tenant's report artifacts that
 *   are not deleted — the only stored bytes the documents describe. A server
 *   keeping other files adds their size to this figure.
 * - **apiCallsPerDay** is metered by the server, not counted from documents.
 */
import { DomainError } from '../errors.ts';
import { MS_PER_DAY, parseIsoInstant, startOfUtcMonth, toMillis, type Instant } from '../rbac/instant.ts';
import type { AnyDocument, CollectionName, DocumentOf } from '../schema/collections.ts';
import type { Role, User } from '../schema/identity.ts';
import type { ReportRun } from '../schema/reports.ts';
import type { Workflow } from '../schema/workflows.ts';
import type { UsageDelta } from './check.ts';

/** The counters that documents determine. */
export const DOCUMENT_COUNTERS = ['seats', 'roles', 'workflows', 'reportRunsPerMonth', 'storageBytes'] as const;
export type DocumentCounter = (typeof DOCUMENT_COUNTERS)[number];
export type DocumentUsage = { readonly [K in DocumentCounter]: number };

/** User statuses that hold a seat. */
export const SEAT_HOLDING_STATUSES: readonly User['status'][] = Object.freeze(['active', 'invited']);

/** The fields counting reads, so server rows and test objects can be passed as they are. */
export type SeatCandidate = Pick<User, 'tenantId' | 'status' | '_deleted'>;
export type CountedRole = Pick<Role, 'tenantId' | 'builtIn' | '_deleted'>;
export type CountedWorkflow = Pick<Workflow, 'tenantId' | '_deleted'>;
export type CountedReportRun = Pick<ReportRun, 'tenantId' | 'status' | 'generatedAt' | 'sizeBytes' | '_deleted'>;

/** A tenant's documents of the counted collections (others are ignored). */
export interface CountedDocuments {
  readonly users?: Iterable<SeatCandidate>;
  readonly roles?: Iterable<CountedRole>;
  readonly workflows?: Iterable<CountedWorkflow>;
  readonly reportRuns?: Iterable<CountedReportRun>;
}

/** The collections whose documents count towards a limit. */
export const COUNTED_COLLECTIONS = ['users', 'roles', 'workflows', 'reportRuns'] as const satisfies readonly (keyof CountedDocuments)[];
export type CountedCollection = (typeof COUNTED_COLLECTIONS)[number];

/** Whose usage is counted, and in which month: the tenant and the UTC month containing `now`. */
interface Scope {
  readonly tenantId: string;
  readonly monthStart: number;
  readonly monthEnd: number;
}

/** Counts a tenant's usage from scratch. `now` (ISO string or epoch ms) picks the current month. */
export function usageOf(tenantId: string, docs: CountedDocuments, now: Instant): DocumentUsage {
  const scope = scopeOf(tenantId, now);
  const total: Record<DocumentCounter, number> = { seats: 0, roles: 0, workflows: 0, reportRunsPerMonth: 0, storageBytes: 0 };
  for (const user of docs.users ?? []) total.seats += seatOf(user, scope);
  for (const role of docs.roles ?? []) total.roles += roleOf(role, scope);
  for (const workflow of docs.workflows ?? []) total.workflows += workflowOf(workflow, scope);
  for (const run of docs.reportRuns ?? []) {
    total.reportRunsPerMonth += monthlyRunOf(run, scope);
    total.storageBytes += storageOf(run, scope);
  }
  return total;
}

/**
 * The change to `tenantId`'s usage when a document of `collection` goes from
 * `before` to `after` (null: absent — an insert, or a purge). A delete is an
 * `after` with `_deleted: true`. Counters the write leaves alone are omitted;
 * collections that count towards nothing give `{}`.
 */
export function deltaOf<C extends CollectionName>(
  collection: C,
  before: DocumentOf<C> | null,
  after: DocumentOf<C> | null,
  tenantId: string,
  now: Instant,
): UsageDelta {
  if (!isCountedCollection(collection)) return {};
  const scope = scopeOf(tenantId, now);
  const delta: Partial<Record<DocumentCounter, number>> = {};
  const was = before === null ? {} : contributionOf(collection, before, scope);
  const is = after === null ? {} : contributionOf(collection, after, scope);
  for (const counter of DOCUMENT_COUNTERS) {
    const change = (is[counter] ?? 0) - (was[counter] ?? 0);
    if (change !== 0) delta[counter] = change;
  }
  return delta;
}

export function isCountedCollection(collection: string): collection is CountedCollection {
  return (COUNTED_COLLECTIONS as readonly string[]).includes(collection);
}

/** What one document adds to its tenant's usage: the single rule behind usageOf and deltaOf. */
function contributionOf(collection: CountedCollection, doc: AnyDocument, scope: Scope): Partial<DocumentUsage> {
  // `doc` is a document of `collection` (deltaOf's signature ties them); TypeScript cannot narrow one by the other.
  switch (collection) {
    case 'users':
      return { seats: seatOf(doc as SeatCandidate, scope) };
    case 'roles':
      return { roles: roleOf(doc as CountedRole, scope) };
    case 'workflows':
      return { workflows: workflowOf(doc, scope) };
    case 'reportRuns': {
      const run = doc as CountedReportRun;
      return { reportRunsPerMonth: monthlyRunOf(run, scope), storageBytes: storageOf(run, scope) };
    }
  }
}

const seatOf = (user: SeatCandidate, scope: Scope): number =>
  user.tenantId === scope.tenantId && !user._deleted && SEAT_HOLDING_STATUSES.includes(user.status) ? 1 : 0;

const roleOf = (role: CountedRole, scope: Scope): number => (role.tenantId === scope.tenantId && !role._deleted && !role.builtIn ? 1 : 0);

const workflowOf = (workflow: CountedWorkflow, scope: Scope): number => (workflow.tenantId === scope.tenantId && !workflow._deleted ? 1 : 0);

function monthlyRunOf(run: CountedReportRun, scope: Scope): number {
  if (run.tenantId !== scope.tenantId || run.status !== 'succeeded') return 0;
  const at = parseIsoInstant(run.generatedAt);
  return at >= scope.monthStart && at < scope.monthEnd ? 1 : 0;
}

const storageOf = (run: CountedReportRun, scope: Scope): number => (run.tenantId === scope.tenantId && !run._deleted ? run.sizeBytes : 0);

function scopeOf(tenantId: string, now: Instant): Scope {
  const ms = toMillis(now);
  if (Number.isNaN(ms)) {
    throw new DomainError('INVALID', `The clock reading ${JSON.stringify(now)} is not an instant (epoch milliseconds or an ISO-8601 time with a zone).`, { now });
  }
  const monthStart = startOfUtcMonth(ms);
  // 32 days after the 1st is always inside the next month.
  const monthEnd = startOfUtcMonth(monthStart + 32 * MS_PER_DAY);
  return { tenantId, monthStart, monthEnd };
}

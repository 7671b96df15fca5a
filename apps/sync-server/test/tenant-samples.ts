/**
 * Test data for isolation and bad-input tests: one valid document per
 * collection the test world does not already fill (tenants, users and
 * assignments come from world.ts), and direct views of the server's tables,
 * so "nothing changed" is checked on what is stored rather than on what a
 * pull happens to show.
 */
import { BUILT_IN_ROLE_IDS, type CollectionName, type DocumentOf } from '@steward/domain';
import type { Db } from '../src/db/dialect.ts';
import type { SeedDocument } from '../src/seed/write-seed.ts';

export interface TenantPeople {
  readonly admin: string;
  readonly officer: string;
  readonly member: string;
}

/** UUIDv7-shaped ids in their own range (variant a), so they never collide with world.ts or other tests. */
const sampleId = (n: number): string => `01900000-0000-7000-a000-${n.toString(16).padStart(12, '0')}`;

/**
 * One document in each of roles, auditEvents, auditReviews, workflows,
 * workflowRuns, reports and reportRuns for `tenantId`, numbered from `base`
 * (give each tenant its own base). Each is valid under the domain schema;
 * writeSeedDocuments checks that again.
 */
export function sampleDocuments(tenantId: string, people: TenantPeople, base: number, now: string): SeedDocument[] {
  const common = { tenantId, revision: 1, updatedAt: now, _deleted: false };
  const ids = { role: sampleId(base), event: sampleId(base + 1), review: sampleId(base + 2), workflow: sampleId(base + 3), run: sampleId(base + 4), report: sampleId(base + 5), reportRun: sampleId(base + 6) };
  const role: DocumentOf<'roles'> = { ...common, id: ids.role, name: 'Report reader', description: 'Reads reports.', scope: 'tenant', permissions: ['report:read'], inherits: [], exclusiveWith: [], builtIn: false };
  const event: DocumentOf<'auditEvents'> = {
    ...common, id: ids.event, actorId: people.admin, actorType: 'user', action: 'sample.event', resourceType: 'sample', resourceId: ids.event,
    outcome: 'success', occurredAt: now, observedAt: null, context: { note: 'sample' }, pii: false, complianceFlags: [], ledgerIndex: null,
  };
  const review: DocumentOf<'auditReviews'> = { ...common, id: ids.review, eventId: ids.event, reviewerId: people.officer, state: 'reviewed', note: 'Looks fine.', createdAt: now };
  const workflow: DocumentOf<'workflows'> = {
    ...common, id: ids.workflow, name: 'Access request', description: '', trigger: { type: 'manual' },
    steps: [{ id: 'approve', name: 'Approve', kind: 'approval', approverRoleIds: [BUILT_IN_ROLE_IDS.tenantAdmin], minApprovals: 1 }], enabled: true,
  };
  const run: DocumentOf<'workflowRuns'> = {
    ...common, id: ids.run, workflowId: ids.workflow, requesterId: people.member, state: 'pending',
    subject: { type: 'access.request', id: 'req-1', summary: 'Needs reports' }, currentStep: 0, history: [], approvals: [],
  };
  const report: DocumentOf<'reports'> = {
    ...common, id: ids.report, name: 'Quarterly access review', template: 'access-review',
    parameters: { tenantIds: [tenantId], from: null, to: null, filters: {} }, schedule: null, format: 'pdf',
  };
  const reportRun: DocumentOf<'reportRuns'> = {
    ...common, id: ids.reportRun, reportId: ids.report, requestedBy: people.officer, generatedAt: now, format: 'pdf', status: 'succeeded',
    sha256: 'a'.repeat(64), signature: null, scope: { tenantIds: [tenantId], from: null, to: null }, sizeBytes: 1024,
  };
  return [
    { collection: 'roles', doc: role },
    { collection: 'auditEvents', doc: event },
    { collection: 'auditReviews', doc: review },
    { collection: 'workflows', doc: workflow },
    { collection: 'workflowRuns', doc: run },
    { collection: 'reports', doc: report },
    { collection: 'reportRuns', doc: reportRun },
  ];
}

/** A stored row as compared before and after an operation that must change nothing. */
export interface StoredRow {
  readonly collection: string;
  readonly id: string;
  readonly tenantId: string | null;
  readonly revision: number;
  readonly deleted: boolean;
  readonly body: string;
}

/** Every stored document of `tenantId`, plus those with the given ids (wherever they are), in a fixed order. */
export async function storedRows(db: Db, tenantId: string, ids: readonly string[] = []): Promise<StoredRow[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['collection', 'id', 'tenant_id', 'revision', 'deleted', 'body'])
    .where((eb) => (ids.length === 0 ? eb('tenant_id', '=', tenantId) : eb.or([eb('tenant_id', '=', tenantId), eb('id', 'in', [...ids])])))
    .orderBy('collection')
    .orderBy('id')
    .execute();
  // PostgreSQL may hand integers back as strings; compare values, not driver types.
  return rows.map((r) => ({ collection: r.collection, id: r.id, tenantId: r.tenant_id, revision: Number(r.revision), deleted: Number(r.deleted) === 1, body: r.body }));
}

/** The first stored, live document of a collection in a tenant (by id): a real target for a cross-tenant write. */
export async function firstDocument<C extends CollectionName>(db: Db, collection: C, tenantId: string): Promise<DocumentOf<C>> {
  const row = await db
    .selectFrom('documents')
    .select(['body'])
    .where('collection', '=', collection)
    .where('tenant_id', '=', tenantId)
    .where('deleted', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) throw new Error(`no ${collection} document in tenant ${tenantId}: the test world is missing one`);
  // Stored bodies were validated by the domain schema when written (seed or push).
  return JSON.parse(row.body) as DocumentOf<C>;
}

/** Row counts of the tables every write touches: a replicated document and its audit leaf. */
export interface RowCounts {
  readonly documents: number;
  readonly ledgerLeaves: number;
}

export async function rowCounts(db: Db): Promise<RowCounts> {
  const documents = await db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const leaves = await db.selectFrom('ledger_leaves').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { documents: Number(documents.n), ledgerLeaves: Number(leaves.n) };
}

/**
 * What must hold on the server after every seed, checked with the domain's
 * own rules: every write the server accepted, replayed in order, passes
 * checkWrite; and against the server's tables at the end: the tenant keeps an admin, nobody
 * holds mutually exclusive roles, no counted usage exceeds the tenant's
 * limits, no requester approved their own run; and the audit ledger
 * verifies — a signed checkpoint, consistent with the previous seed's, and
 * an inclusion proof for every audit event of the seed's tenant.
 */
import {
  DOCUMENT_COUNTERS,
  adminHolders,
  canonicalize,
  checkWrite,
  conflictsHeldBy,
  decodeBase64,
  eventLeafHash,
  isCollectionName,
  limitsFor,
  parseDocument,
  sameClientState,
  tenantStateOf,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  withAuthoritativeFields,
  type AuditEvent,
  type CollectionName,
  type DocumentOf,
  type ReportRun,
  type Role,
  type RoleAssignment,
  type Tenant,
  type User,
  type Workflow,
  type WorkflowRun,
} from '@steward/domain';
import { readCollection } from '../../../sync-server/src/store/documents.ts';
import { loadTenantState } from '../../../sync-server/src/sync/tenant-states.ts';
import type { StewardServer } from '../../../sync-server/src/server.ts';
import type { PushRecord } from './sim-server.ts';

export async function domainViolations(steward: StewardServer, tenantId: string): Promise<string[]> {
  const { db } = steward.services;
  const now = steward.services.now();
  const state = await loadTenantState(db, tenantId, now);
  const out: string[] = [];
  if (adminHolders(state.policy, now).now.length === 0) out.push('the tenant has no admin left');
  for (const user of state.docs.users.filter((u) => u.tenantId === tenantId && !u._deleted)) {
    const held = conflictsHeldBy(state.policy, user.id, now);
    if (held.size > 0) out.push(`user ${user.id} holds mutually exclusive roles (${[...held.keys()].join(', ')})`);
  }
  const tenant = state.docs.tenant;
  if (tenant === null) return [...out, 'the tenant is gone'];
  const limits = limitsFor(tenant.plan, tenant.quotaOverrides);
  if (!limits.ok) return [...out, `the tenant's limits do not resolve: ${limits.error.message}`];
  for (const counter of DOCUMENT_COUNTERS) {
    const limit = limits.value.limits[counter];
    if (limit !== null && state.usage[counter] > limit) out.push(`${counter} ${state.usage[counter]} exceeds the ${tenant.plan} limit ${limit}`);
  }
  const runs = await readCollection(db, 'workflowRuns', { tenants: [tenantId], platform: false });
  for (const { body } of runs) {
    const run = body as WorkflowRun;
    if (run.approvals.some((a) => a.approverId === run.requesterId)) out.push(`run ${run.id} was approved by its own requester`);
  }
  return out;
}

export interface LedgerMark {
  readonly size: number;
  readonly root: Uint8Array;
}

const bytes = (base64: string): Uint8Array => {
  const decoded = decodeBase64(base64);
  if (!decoded.ok) throw new Error(`not base64: ${base64}`);
  return decoded.value;
};

/** Verifies the ledger as an auditor would (the public key only) and returns the new mark. */
export async function verifyLedger(steward: StewardServer, tenantId: string, previous: LedgerMark | null): Promise<{ mark: LedgerMark | null; problems: string[] }> {
  const { ledger, db } = steward.services;
  const problems: string[] = [];
  const checkpoint = await ledger.checkpoint();
  if (!checkpoint.ok) return { mark: previous, problems: [`no checkpoint: ${checkpoint.error.message}`] };
  const verified = await verifyCheckpoint(checkpoint.value.note, ledger.publicKey().verifierKey);
  if (!verified.ok) return { mark: previous, problems: [`the checkpoint does not verify: ${verified.error.message}`] };
  const { treeSize, rootHash } = verified.value;
  if (previous !== null && previous.size > 0) {
    const proof = await ledger.consistencyProof(previous.size, treeSize);
    if (!proof.ok || !verifyConsistency(previous.size, treeSize, previous.root, rootHash, proof.value.proof.map(bytes)).ok) {
      problems.push(`the ledger of ${treeSize} leaves is not consistent with the previous ${previous.size}`);
    }
  }
  const events = await readCollection(db, 'auditEvents', { tenants: [tenantId], platform: false });
  for (const { body } of events) {
    const event = body as AuditEvent;
    const proof = await ledger.inclusionProof(event.id, treeSize);
    if (!proof.ok) {
      problems.push(`no inclusion proof for audit event ${event.id}: ${proof.error.message}`);
      continue;
    }
    if (!verifyInclusion(eventLeafHash(event), proof.value.index, treeSize, proof.value.proof.map(bytes), rootHash).ok) problems.push(`audit event ${event.id} is not in the ledger as stored`);
  }
  return { mark: { size: treeSize, root: rootHash }, problems };
}

/** Every document of one tenant as the server stores it, by `collection/id`. */
export async function tenantDocuments(steward: StewardServer, tenantId: string): Promise<Map<string, Readonly<Record<string, unknown>>>> {
  const rows = await steward.services.db.selectFrom('documents').select(['collection', 'id', 'body']).where('tenant_id', '=', tenantId).execute();
  return new Map(rows.map((r) => [`${r.collection}/${r.id}`, JSON.parse(r.body) as Readonly<Record<string, unknown>>]));
}

/**
 * "The server accepted nothing the domain forbids", re-derived independently of the server's
 * tables: starting from the tenant as seeded, every row the server accepted is replayed in the
 * order it was pushed (syncs run one at a time, so that is the commit order) and checked with the
 * domain's checkWrite against the replayed state, as the pushing person, then applied.
 */
export function replayAcceptedWrites(tenantId: string, seeded: ReadonlyMap<string, Readonly<Record<string, unknown>>>, pushes: readonly PushRecord[]): string[] {
  const docs = new Map(seeded);
  const list = <T>(collection: CollectionName): T[] => [...docs.entries()].filter(([key]) => key.startsWith(`${collection}/`)).map(([, doc]) => doc as T);
  const out: string[] = [];
  for (const push of pushes) {
    if (!isCollectionName(push.collection)) continue;
    const collection = push.collection;
    for (const row of push.rows) {
      const id = String(row['id']);
      if (push.rejected.has(id) || push.conflicted.has(id)) continue;
      const incoming = parseDocument(collection, row);
      if (!incoming.ok) {
        out.push(`the server accepted an invalid ${collection}/${id}: ${incoming.error.message}`);
        continue;
      }
      const key = `${collection}/${id}`;
      const before = (docs.get(key) ?? null) as DocumentOf<typeof collection> | null;
      const now = new Date().toISOString();
      const after = withAuthoritativeFields(collection, incoming.value, before, { actorId: push.userId, actorType: 'user', now });
      if (before !== null && sameClientState(before, after, (a, b) => canonicalize(a) === canonicalize(b))) continue; // a retry of a write that landed
      const state = tenantStateOf(
        tenantId,
        { tenant: (docs.get(`tenants/${tenantId}`) ?? null) as Tenant | null, roles: list<Role>('roles'), assignments: list<RoleAssignment>('roleAssignments'), users: list<User>('users'), workflows: list<Workflow>('workflows'), reportRuns: list<ReportRun>('reportRuns') },
        now,
      );
      const issues = checkWrite({ collection, actorId: push.userId, before, after, state, now });
      if (issues.length > 0) out.push(`the server accepted ${collection}/${id} from ${push.userId}, which the domain forbids: ${issues.map((i) => `${i.code} ${i.message}`).join(' ')}`);
      docs.set(key, { ...after, revision: (before?.revision ?? 0) + 1 });
    }
  }
  return out;
}

/**
 * What must hold on the server after every seed, checked with the domain's
 * own rules against the server's tables: the tenant keeps an admin, nobody
 * holds mutually exclusive roles, no counted usage exceeds the tenant's
 * limits, no requester approved their own run; and the audit ledger
 * verifies — a signed checkpoint, consistent with the previous seed's, and
 * an inclusion proof for every audit event of the seed's tenant.
 */
import {
  DOCUMENT_COUNTERS,
  adminHolders,
  conflictsHeldBy,
  decodeBase64,
  eventLeafHash,
  limitsFor,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type AuditEvent,
  type WorkflowRun,
} from '@steward/domain';
import { readCollection } from '../../../sync-server/src/store/documents.ts';
import { loadTenantState } from '../../../sync-server/src/sync/tenant-states.ts';
import type { StewardServer } from '../../../sync-server/src/server.ts';

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

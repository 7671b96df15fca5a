/**
 * The tenants in the replica with their quota meters, kept current as
 * users, roles, workflows and report runs change (Overview and Tenants both
 * show them).
 */
import type { Tenant } from '@steward/domain';
import { useMemo } from 'react';
import type { ReplicaDatabase } from '../../replica/database.ts';
import { tenantQuota, usageByTenant, type TenantQuota } from '../../tenants/quota-meters.ts';
import { useNow } from '../use-now.ts';
import { useDocuments } from '../use-replica.tsx';

export type QuotaResult = { readonly ok: true; readonly value: TenantQuota } | { readonly ok: false; readonly message: string };

export interface TenantQuotas {
  /** null until the replica has been read once; sorted by name. */
  readonly tenants: readonly Tenant[] | null;
  readonly quotas: ReadonlyMap<string, QuotaResult>;
  readonly error: string | null;
}

/** The month (for report runs) moves on while the screen is open: recount each minute. */
const RECOUNT_MS = 60_000;

export function useTenantQuotas(db: ReplicaDatabase): TenantQuotas {
  const tenants = useDocuments(db, 'tenants');
  const users = useDocuments(db, 'users');
  const roles = useDocuments(db, 'roles');
  const workflows = useDocuments(db, 'workflows');
  const reportRuns = useDocuments(db, 'reportRuns');
  const now = useNow(RECOUNT_MS);
  const sorted = useMemo(() => (tenants.docs === null ? null : [...tenants.docs].sort((a, b) => a.name.localeCompare(b.name))), [tenants.docs]);
  const quotas = useMemo(() => {
    if (sorted === null) return new Map<string, QuotaResult>();
    const usage = usageByTenant(
      sorted.map((t) => t.id),
      { users: users.docs ?? [], roles: roles.docs ?? [], workflows: workflows.docs ?? [], reportRuns: reportRuns.docs ?? [] },
      new Date(now).toISOString(),
    );
    return new Map<string, QuotaResult>(sorted.map((t) => [t.id, tenantQuota(t, usage.get(t.id) ?? { seats: 0, roles: 0, workflows: 0, reportRunsPerMonth: 0, storageBytes: 0 })]));
  }, [sorted, users.docs, roles.docs, workflows.docs, reportRuns.docs, now]);
  const error = tenants.error ?? users.error ?? roles.error ?? workflows.error ?? reportRuns.error;
  return { tenants: sorted, quotas, error };
}

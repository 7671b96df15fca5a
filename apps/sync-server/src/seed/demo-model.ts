/**
 * The shapes the demo seed's parts hand each other: the people of a tenant
 * (with when they joined and left, so nobody acts before they exist or after
 * they are gone), and how audit events are made: each id carries the event's
 * time, so sorting by id puts the ledger in time order.
 */
import { BUILT_IN_ROLES, TENANT_ADMIN_ROLE, missingPermissions, permissionSetOf, type AuditEvent, type Role, type RoleAssignment, type Tenant, type User } from '@steward/domain';
import type { DemoRandom } from './demo-random.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** Every demo account signs in with this password (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'steward-demo-2026';

/** The built-in role a person works under; nobody holds two of admin, officer and auditor. */
export type DemoJob = 'admin' | 'officer' | 'auditor' | 'member';

export interface DemoPerson {
  readonly user: User;
  readonly job: DemoJob;
  readonly joinedMs: number;
  /** When the account was disabled, or null. */
  readonly leftMs: number | null;
  /** The desktop the person signs in from (sign-in events name it). */
  readonly deviceId: string;
}

export interface DemoTenant {
  readonly slug: string;
  readonly doc: Tenant;
  readonly people: readonly DemoPerson[];
  /** The tenant's own (custom) roles. */
  readonly roles: readonly Role[];
  readonly assignments: readonly RoleAssignment[];
  /** Regimes the tenant reports against; an event's complianceFlags come from these. */
  readonly regimes: readonly string[];
  /** Its share of the generated audit events. */
  readonly eventShare: number;
  /** How far back its audit trail reaches: its plan's audit retention, at most 90 days. */
  readonly historyDays: number;
  /** Hours its office is ahead of UTC (negative: behind), so activity peaks in its working day. */
  readonly utcOffsetHours: number;
}

/** What a generated audit event says; makeEvent adds the id, times and server fields. */
export type EventFields = Pick<AuditEvent, 'tenantId' | 'actorId' | 'actorType' | 'action' | 'resourceType' | 'resourceId' | 'outcome' | 'context' | 'pii' | 'complianceFlags'>;

/** What every part of the seed needs: the clock it builds history back from, the PRNG and the id makers. */
export interface DemoContext {
  readonly nowMs: number;
  readonly random: DemoRandom;
  /** A UUIDv7 for a record made at `atMs`. */
  readonly idAt: (atMs: number) => string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Some time within an hour, so records made whole days or hours apart do not share their minutes and seconds. */
export const withinHour = (ctx: DemoContext): number => ctx.random.int(0, HOUR_MS - 1);

/** People who can act at `atMs`: joined, not yet disabled, and not still invited. */
export function activeAt(people: readonly DemoPerson[], atMs: number): DemoPerson[] {
  return people.filter((p) => p.joinedMs <= atMs && (p.leftMs === null || p.leftMs > atMs) && p.user.status !== 'invited');
}

/** The flags of `wanted` that the tenant reports against, in a stable order. */
export function flagsFor(tenant: DemoTenant, wanted: readonly string[]): string[] {
  return tenant.regimes.filter((r) => wanted.includes(r));
}

/**
 * An audit event at `atMs`, appended by the seed (ledgerIndex is set when it
 * is written). `observedEarlierMs`: the desktop did it offline and synced
 * later, so the client's time is kept beside the server's, as push does.
 */
export function makeEvent(ctx: DemoContext, atMs: number, fields: EventFields, observedEarlierMs: number | null = null): AuditEvent {
  const at = iso(atMs);
  return { id: ctx.idAt(atMs), revision: 1, updatedAt: at, _deleted: false, ...fields, occurredAt: at, observedAt: observedEarlierMs === null ? null : iso(atMs - observedEarlierMs), ledgerIndex: null };
}

/**
 * Whether a tenant admin holds every permission of a role (its own and those
 * of the built-in roles it inherits), so granting it is no escalation.
 * Tenant-admin lacks audit:review and audit:export, so compliance officers,
 * auditors and reviewer roles are granted by platform staff — in the demo as
 * the server would require.
 */
export function tenantAdminMayGrant(role: { readonly permissions: readonly string[]; readonly inherits: readonly string[] }): boolean {
  const inherited = BUILT_IN_ROLES.filter((r) => role.inherits.includes(r.id)).flatMap((r) => r.permissions);
  return missingPermissions(permissionSetOf(TENANT_ADMIN_ROLE.permissions), [...role.permissions, ...inherited]).length === 0;
}

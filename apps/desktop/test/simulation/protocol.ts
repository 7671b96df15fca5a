/**
 * What the simulation's main thread (server, PRNG, checks) and each device
 * worker (one RxDB replica) say to each other. Types only: both sides run
 * these shapes through structured clone.
 */
import type { CollectionName } from '@steward/domain';

/** One thing a person does on a device, decided by the main thread's PRNG. */
export type DeviceOp =
  | { readonly type: 'editTenant'; readonly tenantId: string; readonly field: 'name' | 'retentionDays'; readonly value: string | number }
  | { readonly type: 'editUser'; readonly userId: string; readonly displayName: string }
  | { readonly type: 'grant'; readonly id: string; readonly tenantId: string; readonly userId: string; readonly roleId: string }
  /** As the console revokes (people/revoke.ts): an audit event with the reason, then the assignment's tombstone. */
  | { readonly type: 'revoke'; readonly assignmentId: string; readonly eventId: string; readonly reason: string }
  | { readonly type: 'plan'; readonly tenantId: string; readonly plan: 'free' | 'team' | 'business' }
  | { readonly type: 'invite'; readonly id: string; readonly tenantId: string; readonly email: string }
  | { readonly type: 'review'; readonly id: string; readonly tenantId: string; readonly eventId: string; readonly state: 'reviewed' | 'flagged' | 'follow-up' }
  | { readonly type: 'approve'; readonly runId: string; readonly stepId: string; readonly decision: 'approve' | 'reject' };

/**
 * What an applied local write must look like on the server (or in the reconcile store) to count as kept.
 * `fields` names top-level fields, or a field inside one with a dotted path (`context.reason`).
 */
export type Expectation =
  | { readonly kind: 'fields'; readonly values: Readonly<Record<string, unknown>> }
  | { readonly kind: 'approval'; readonly stepId: string; readonly approverId: string; readonly decision: 'approve' | 'reject' };

/** A change applied to the device's replica: it must reach the server or the reconcile store. */
export interface LocalIntent {
  readonly collection: CollectionName;
  readonly docId: string;
  readonly expect: Expectation;
}

export type OpOutcome =
  /** Every document the op wrote, in the order it wrote them (a revoke writes two). */
  | { readonly status: 'applied'; readonly intents: readonly LocalIntent[] }
  | { readonly status: 'refused-locally'; readonly code: string; readonly reason: string }
  | { readonly status: 'skipped'; readonly reason: string };

/** A refused or conflicting change, as the device's reconcile store keeps it. */
export interface KeptRefusal {
  readonly collection: CollectionName;
  readonly id: string;
  readonly kind: 'rejection' | 'conflict';
  readonly code: string;
  readonly reason: string;
  /** The change the device tried to make. */
  readonly attempted: Readonly<Record<string, unknown>>;
}

export type DeviceRequest =
  | { readonly kind: 'open'; readonly replica: string; readonly serverUrl: string; readonly token: string; readonly userId: string }
  | { readonly kind: 'op'; readonly op: DeviceOp }
  | { readonly kind: 'sync' }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'refusals' }
  | { readonly kind: 'close' };

export type Snapshot = Readonly<Partial<Record<CollectionName, readonly Readonly<Record<string, unknown>>[]>>>;

export interface DeviceResponses {
  readonly open: null;
  readonly op: OpOutcome;
  readonly sync: { readonly ms: number };
  readonly snapshot: Snapshot;
  readonly refusals: readonly KeptRefusal[];
  readonly close: null;
}

export type WorkerMessage = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

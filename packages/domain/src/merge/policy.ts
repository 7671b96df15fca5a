/**
 * How each collection merges. Most documents merge field by field; the
 * exceptions are stated here, in one table, so that the server and the
 * desktop cannot disagree about them:
 *
 * - **Server-set fields** are the server's alone: `revision` and `updatedAt`
 *   everywhere, and for audit events `ledgerIndex` (the position the server
 *   appended it at) and `occurredAt` (the server's time of recording, per the
 *   schema). A merge always takes the server's value, so a client can neither
 *   forge them nor be in conflict over them — and a retried push of an event
 *   that already landed, whose copy still carries the client's guesses, is
 *   recognised as the same event.
 * - **Immutable collections**: audit events are the evidence itself and
 *   reviews are append-only records (a changed opinion is a new review), so
 *   any change to a stored one is refused as IMMUTABLE — never merged, never a
 *   conflict a person could "resolve" into an edit.
 * - **Grow-only lists**: a workflow run's `history` and `approvals` only ever
 *   gain entries, each identified by its key (`historyKey` / `approvalKey`).
 *   Two sides that each recorded something offline both keep it: the merge is
 *   the union, never a conflict.
 */
import type { CollectionName } from '../schema/collections.ts';
import { approvalKey, historyKey, type Approval, type RunHistoryEntry } from '../schema/workflows.ts';

/** A list whose entries are only ever added, each identified by a key. */
export interface GrowOnlyList {
  /** The identity of an entry: two entries with one key are one entry. */
  readonly key: (entry: unknown) => string;
  /** Sort key for a union of two lists: deterministic, so both ends build the same list. */
  readonly order: (entry: unknown) => string;
  /** The time an entry was recorded, for choosing between two entries with one key. */
  readonly at: (entry: unknown) => string;
}

export interface MergePolicy {
  /** How a person names one document: "role assignment". */
  readonly noun: string;
  readonly serverSet: readonly string[];
  readonly immutable: boolean;
  readonly growOnly: Readonly<Record<string, GrowOnlyList>>;
}

export const SERVER_SET_FIELDS = ['revision', 'updatedAt'] as const;

// Entries reach a merge inside schema-validated documents; the casts only name the type the schema guarantees.
const HISTORY: GrowOnlyList = {
  key: (entry) => historyKey(entry as RunHistoryEntry),
  // historyKey starts with the fixed-width timestamp, so this order is chronological.
  order: (entry) => historyKey(entry as RunHistoryEntry),
  at: (entry) => (entry as RunHistoryEntry).at,
};

const APPROVALS: GrowOnlyList = {
  key: (entry) => approvalKey(entry as Approval),
  order: (entry) => `${(entry as Approval).at}|${approvalKey(entry as Approval)}`,
  at: (entry) => (entry as Approval).at,
};

const policy = (noun: string, extra: Partial<Omit<MergePolicy, 'noun'>> = {}): MergePolicy =>
  Object.freeze({ noun, serverSet: SERVER_SET_FIELDS, immutable: false, growOnly: {}, ...extra });

export const MERGE_POLICIES: { readonly [C in CollectionName]: MergePolicy } = Object.freeze({
  tenants: policy('tenant'),
  users: policy('user'),
  roles: policy('role'),
  roleAssignments: policy('role assignment'),
  auditEvents: policy('audit event', { immutable: true, serverSet: [...SERVER_SET_FIELDS, 'ledgerIndex', 'occurredAt'] }),
  auditReviews: policy('audit review', { immutable: true }),
  workflows: policy('workflow'),
  workflowRuns: policy('workflow run', { growOnly: { history: HISTORY, approvals: APPROVALS } }),
  reports: policy('report'),
  reportRuns: policy('report run'),
});

/** True for the fields of `collection` that only the server sets (a merge takes its value). */
export function isServerSet(collection: CollectionName, field: string): boolean {
  return MERGE_POLICIES[collection].serverSet.includes(field);
}

/** Audit events (append-only, never edited) and officers' reviews of them. */
import { z } from 'zod';
import { LIMITS, documentBase, dottedName, jsonRecord, list, note, shortKey, timestamp, uuidRef } from './primitives.ts';

export const ACTOR_TYPES = ['user', 'apiKey', 'system', 'device'] as const;
export const OUTCOMES = ['success', 'failure', 'denied'] as const;

export const auditEventSchema = z.strictObject({
  ...documentBase,
  /** The authenticated user, API key, device or system principal — never a client's claim. */
  actorId: uuidRef,
  actorType: z.enum(ACTOR_TYPES),
  /** What happened, e.g. `role.assign`. */
  action: dottedName,
  resourceType: dottedName,
  resourceId: z.string().min(1).max(LIMITS.externalId),
  outcome: z.enum(OUTCOMES),
  /** When the server recorded it (server time). */
  occurredAt: timestamp,
  /** When the client says it happened; kept beside occurredAt, never trusted. */
  observedAt: timestamp.nullable(),
  /** Free-form details; canonicalizable JSON so the ledger can hash it. */
  context: jsonRecord,
  /** The context holds personal data. */
  pii: z.boolean(),
  /** Regimes the event matters to, e.g. `SOX`, `GDPR.art30`. */
  complianceFlags: list(shortKey, LIMITS.listSmall),
  /** Position in the audit ledger, set by the server; null until appended. */
  ledgerIndex: z.int().min(0).nullable(),
});

export const REVIEW_STATES = ['reviewed', 'flagged', 'follow-up'] as const;

/** One officer's review of one event. Append-only: a changed opinion is a new review. */
export const auditReviewSchema = z.strictObject({
  ...documentBase,
  eventId: uuidRef,
  reviewerId: uuidRef,
  state: z.enum(REVIEW_STATES),
  note,
  createdAt: timestamp,
});

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditReview = z.infer<typeof auditReviewSchema>;

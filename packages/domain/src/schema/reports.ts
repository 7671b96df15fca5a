/** Report definitions and generated report artifacts. */
import { z } from 'zod';
import { LIMITS, base64, cron, documentBase, jsonRecord, list, name, nonNegativeInt, sha256Hex, timestamp, uuidRef } from './primitives.ts';

export const REPORT_TEMPLATES = [
  'access-review',
  'privileged-access',
  'sod-violations',
  'audit-activity',
  'quota-usage',
  'approvals',
] as const;
export const REPORT_FORMATS = ['pdf', 'csv', 'xlsx', 'json'] as const;
export const REPORT_RUN_STATUSES = ['succeeded', 'failed'] as const;

const period = {
  tenantIds: list(uuidRef, LIMITS.listLarge),
  /** Inclusive start; null = from the beginning. */
  from: timestamp.nullable(),
  /** Exclusive end; null = until generation time. */
  to: timestamp.nullable(),
};

const orderedPeriod = <T extends { from: string | null; to: string | null }>(value: T): boolean =>
  value.from === null || value.to === null || value.from <= value.to;
const periodError = { path: ['to'], error: 'must not be earlier than from' };

export const reportSchema = z.strictObject({
  ...documentBase,
  name,
  template: z.enum(REPORT_TEMPLATES),
  parameters: z.strictObject({ ...period, filters: jsonRecord }).refine(orderedPeriod, periodError),
  /** When to generate it automatically; null = on demand only. */
  schedule: cron.nullable(),
  format: z.enum(REPORT_FORMATS),
});

export const reportRunSchema = z
  .strictObject({
    ...documentBase,
    reportId: uuidRef,
    requestedBy: uuidRef,
    generatedAt: timestamp,
    format: z.enum(REPORT_FORMATS),
    status: z.enum(REPORT_RUN_STATUSES),
    /** SHA-256 of the artifact; null when generation failed. */
    sha256: sha256Hex.nullable(),
    /** Ed25519 signature of the artifact's hash, base64; null when unsigned. */
    signature: base64.nullable(),
    scope: z.strictObject(period).refine(orderedPeriod, periodError),
    sizeBytes: nonNegativeInt,
  })
  .refine((run) => run.status !== 'succeeded' || run.sha256 !== null, {
    path: ['sha256'],
    error: 'is required when the run succeeded',
  });

export type Report = z.infer<typeof reportSchema>;
export type ReportRun = z.infer<typeof reportRunSchema>;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Test support (imported only by *.test.ts): fast-check arbitraries that
 * produce valid documents of every collection, including the edges the
 * schemas allow (platform-wide records, nulls, unicode names, empty lists).
 */
import fc from 'fast-check';
import type { CollectionName, DocumentOf } from './collections.ts';
import { isJsonRecord, type JsonValue } from './json-value.ts';
import { PLANS, QUOTA_KEYS, TENANT_STATUSES, USER_STATUSES } from './identity.ts';
import { ACTOR_TYPES, OUTCOMES, REVIEW_STATES } from './audit.ts';
import { approvalKey, DECISIONS, historyKey, RUN_STATES, STEP_KINDS } from './workflows.ts';
import { REPORT_FORMATS, REPORT_RUN_STATUSES, REPORT_TEMPLATES } from './reports.ts';
import { uuidv7 } from './ids.ts';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export const timestampArb: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 2000, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    ms: fc.integer({ min: 0, max: 999 }),
  })
  .map((t) => `${t.year}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.ms, 3)}Z`);

export const documentIdArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 10 }))
  .map(([ms, random]) => uuidv7(ms, random));

export const uuidArb: fc.Arbitrary<string> = fc.uuid();
const nameArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.length <= 120);
const textArb = (max: number): fc.Arbitrary<string> => fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => s.length <= max);
const dottedArb = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,12}(?:\.[a-zA-Z0-9_-]{1,12}){0,3}$/);
const shortKeyArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
const permissionArb = fc.oneof(
  fc.constant('*'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}:(?:\*|[a-z][a-z0-9.-]{0,12})$/),
);
const cronArb = fc.oneof(
  fc.constantFrom('@daily', '@hourly', '0 6 * * 1', '*/15 * * * *', '0 0 1 * * *'),
  fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 })).map(([m, h]) => `${m} ${h} * * *`),
);
const httpsUrlArb = fc.stringMatching(/^https:\/\/[a-z0-9-]{1,20}\.[a-z]{2,6}(?:\/[a-z0-9._~-]{1,12}){0,3}$/);
const emailArb = fc.stringMatching(/^[a-z0-9]{1,16}(?:\.[a-z0-9]{1,8})?@[a-z0-9]{1,16}\.[a-z]{2,6}$/);
const jsonKeyArb = fc.string({ minLength: 1, maxLength: 24 }).filter((key) => key !== '__proto__');

export const jsonRecordArb: fc.Arbitrary<Record<string, JsonValue>> = fc
  .dictionary(jsonKeyArb, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
  .filter(isJsonRecord);

const period = fc
  .record({ tenantIds: fc.array(uuidArb, { maxLength: 4 }), a: fc.option(timestampArb), b: fc.option(timestampArb) })
  .map(({ tenantIds, a, b }) => {
    const from = a !== null && b !== null && a > b ? b : a;
    const to = a !== null && b !== null && a > b ? a : b;
    return { tenantIds, from, to };
  });

interface BaseFields {
  id: string;
  tenantId: string | null;
  revision: number;
  updatedAt: string;
  _deleted: boolean;
}

const base: fc.Arbitrary<BaseFields> = fc.record({
  id: documentIdArb,
  tenantId: fc.option(uuidArb, { freq: 4 }),
  revision: fc.nat({ max: 1_000_000 }),
  updatedAt: timestampArb,
  _deleted: fc.boolean(),
});

const withBase = <T extends object>(fields: fc.Arbitrary<T>): fc.Arbitrary<BaseFields & T> =>
  fc.tuple(base, fields).map(([b, f]) => ({ ...b, ...f }));

const tenant: fc.Arbitrary<DocumentOf<'tenants'>> = withBase(
  fc.record({
    name: nameArb,
    slug: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,40}$/),
    plan: fc.constantFrom(...PLANS),
    status: fc.constantFrom(...TENANT_STATUSES),
    branding: fc.record(
      { primaryColor: fc.stringMatching(/^#[0-9a-fA-F]{6}$/), logoUrl: httpsUrlArb },
      { requiredKeys: ['primaryColor'] },
    ),
    featureFlags: fc.dictionary(fc.stringMatching(/^[a-z][A-Za-z0-9._-]{0,15}$/), fc.boolean(), { maxKeys: 5 }),
    retentionDays: fc.integer({ min: 1, max: 36_500 }),
    quotaOverrides: fc.record(
      Object.fromEntries(QUOTA_KEYS.map((key) => [key, fc.option(fc.nat())])) as Record<(typeof QUOTA_KEYS)[number], fc.Arbitrary<number | null>>,
      { requiredKeys: [] },
    ),
  }),
).map((doc) => ({ ...doc, tenantId: doc.id }));

const user: fc.Arbitrary<DocumentOf<'users'>> = withBase(
  fc.record({ email: emailArb, displayName: nameArb, status: fc.constantFrom(...USER_STATUSES), mfaEnabled: fc.boolean() }),
);

const role: fc.Arbitrary<DocumentOf<'roles'>> = withBase(
  fc.record({
    name: nameArb,
    description: textArb(2_000),
    scope: fc.constantFrom('tenant' as const, 'platform' as const),
    permissions: fc.array(permissionArb, { maxLength: 6 }),
    inherits: fc.array(uuidArb, { maxLength: 3 }),
    exclusiveWith: fc.array(uuidArb, { maxLength: 3 }),
    builtIn: fc.boolean(),
  }),
).map((doc) => (doc.scope === 'platform' ? { ...doc, tenantId: null } : doc));

const roleAssignment: fc.Arbitrary<DocumentOf<'roleAssignments'>> = withBase(
  fc.record({
    userId: uuidArb,
    roleId: uuidArb,
    grantedBy: uuidArb,
    a: timestampArb,
    b: fc.option(timestampArb),
    reason: nameArb,
  }),
).map(({ a, b, ...doc }) => {
  const [validFrom, expiresAt] = b === null || b === a ? [a, null] : a < b ? [a, b] : [b, a];
  return { ...doc, validFrom, expiresAt };
});

const auditEvent: fc.Arbitrary<DocumentOf<'auditEvents'>> = withBase(
  fc.record({
    actorId: uuidArb,
    actorType: fc.constantFrom(...ACTOR_TYPES),
    action: dottedArb,
    resourceType: dottedArb,
    resourceId: nameArb,
    outcome: fc.constantFrom(...OUTCOMES),
    occurredAt: timestampArb,
    observedAt: fc.option(timestampArb),
    context: jsonRecordArb,
    pii: fc.boolean(),
    complianceFlags: fc.array(shortKeyArb, { maxLength: 3 }),
    ledgerIndex: fc.option(fc.nat()),
  }),
);

const auditReview: fc.Arbitrary<DocumentOf<'auditReviews'>> = withBase(
  fc.record({
    eventId: uuidArb,
    reviewerId: uuidArb,
    state: fc.constantFrom(...REVIEW_STATES),
    note: textArb(4_000),
    createdAt: timestampArb,
  }),
);

const stepArb = fc.record({
  id: shortKeyArb,
  name: nameArb,
  kind: fc.constantFrom(...STEP_KINDS),
  approverRoleIds: fc.array(uuidArb, { maxLength: 3 }),
  minApprovals: fc.integer({ min: 1, max: 5 }),
});

const workflow: fc.Arbitrary<DocumentOf<'workflows'>> = withBase(
  fc.record({
    name: nameArb,
    description: textArb(2_000),
    trigger: fc.oneof(
      fc.constant({ type: 'manual' as const }),
      dottedArb.map((action) => ({ type: 'event' as const, action })),
      cronArb.map((cron) => ({ type: 'schedule' as const, cron })),
    ),
    steps: fc.uniqueArray(stepArb, { selector: (step) => step.id, minLength: 1, maxLength: 4 }),
    enabled: fc.boolean(),
  }),
);

export const historyEntryArb = fc.record({ at: timestampArb, actorId: uuidArb, event: dottedArb, note: textArb(4_000) });
export const approvalArb = fc.record({
  stepId: shortKeyArb,
  approverId: uuidArb,
  decision: fc.constantFrom(...DECISIONS),
  comment: textArb(4_000),
  at: timestampArb,
});

const workflowRun: fc.Arbitrary<DocumentOf<'workflowRuns'>> = withBase(
  fc.record({
    workflowId: uuidArb,
    requesterId: uuidArb,
    state: fc.constantFrom(...RUN_STATES),
    subject: fc.record({ type: dottedArb, id: nameArb, summary: textArb(500) }),
    currentStep: fc.integer({ min: 0, max: 32 }),
    history: fc.uniqueArray(historyEntryArb, { selector: historyKey, maxLength: 4 }),
    approvals: fc.uniqueArray(approvalArb, { selector: approvalKey, maxLength: 4 }),
  }),
);

const report: fc.Arbitrary<DocumentOf<'reports'>> = withBase(
  fc.record({
    name: nameArb,
    template: fc.constantFrom(...REPORT_TEMPLATES),
    parameters: fc.tuple(period, jsonRecordArb).map(([p, filters]) => ({ ...p, filters })),
    schedule: fc.option(cronArb),
    format: fc.constantFrom(...REPORT_FORMATS),
  }),
);

const reportRun: fc.Arbitrary<DocumentOf<'reportRuns'>> = withBase(
  fc.record({
    reportId: uuidArb,
    requestedBy: uuidArb,
    generatedAt: timestampArb,
    format: fc.constantFrom(...REPORT_FORMATS),
    status: fc.constantFrom(...REPORT_RUN_STATUSES),
    sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
    signature: fc.option(fc.base64String({ maxLength: 120 })),
    scope: period,
    sizeBytes: fc.nat(),
  }),
).map((doc) => (doc.status === 'succeeded' && doc.sha256 === null ? { ...doc, status: 'failed' as const } : doc));

/** A valid document of each collection. */
export const DOCUMENT_ARBITRARIES: { readonly [C in CollectionName]: fc.Arbitrary<DocumentOf<C>> } = {
  tenants: tenant,
  users: user,
  roles: role,
  roleAssignments: roleAssignment,
  auditEvents: auditEvent,
  auditReviews: auditReview,
  workflows: workflow,
  workflowRuns: workflowRun,
  reports: report,
  reportRuns: reportRun,
};

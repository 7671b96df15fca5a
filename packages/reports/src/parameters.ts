/**
 * Report parameters: the shape every report definition shares (tenants,
 * period, filters; see the domain's reportSchema) and, per template, which
 * filters it understands. Parsing is strict — an unknown filter is an error,
 * not silently ignored — because a misspelt filter in a scheduled report
 * would otherwise produce an unfiltered report that looks right.
 */
import {
  LIMITS,
  OUTCOMES,
  RUN_STATES,
  dottedName,
  err,
  formatPath,
  issue,
  ok,
  shortKey,
  timestamp,
  uuidRef,
  type DomainIssue,
  type ReportTemplate,
  type Result,
} from '@steward/domain';
import { z } from 'zod';

const ids = z.array(uuidRef).max(LIMITS.listLarge).default([]);
/** An action, or a prefix ending in `.*` ("role.*" matches "role.assign"). */
const actionPattern = z.string().max(130).regex(/^(?:[A-Za-z][A-Za-z0-9_.:-]*(?:\.\*)?|\*)$/, { error: 'must be an action like "role.assign" or a prefix like "role.*"' });

export const FILTER_SCHEMAS = {
  'access-review': z.strictObject({
    /** Also list grants whose expiry has passed (they grant nothing, but the document is still there). */
    includeExpired: z.boolean().default(false),
    /** A grant in force that ends within this many days is flagged "expiring soon". */
    expiringWithinDays: z.int().min(1).max(366).default(30),
    roleIds: ids,
    userIds: ids,
  }),
  'privileged-access': z.strictObject({
    /** Roles to treat as privileged besides the admin roles and wildcard holders. */
    roleIds: ids,
  }),
  'sod-violations': z.strictObject({
    userIds: ids,
  }),
  'audit-activity': z.strictObject({
    actorIds: ids,
    actions: z.array(actionPattern).max(LIMITS.listSmall).default([]),
    outcomes: z.array(z.enum(OUTCOMES)).max(OUTCOMES.length).default([]),
    resourceTypes: z.array(dottedName).max(LIMITS.listSmall).default([]),
    /** Events carrying any of these flags. */
    complianceFlags: z.array(shortKey).max(LIMITS.listSmall).default([]),
    /** true: only events holding personal data; false: only those without; null: both. */
    pii: z.boolean().nullable().default(null),
    /** The width of one bar and of the smallest gap reported. */
    bucket: z.enum(['day', 'hour']).default('day'),
  }),
  'quota-usage': z.strictObject({
    /** At or above this share of a limit a counter is "near the limit". */
    nearLimitPercent: z.int().min(1).max(100).default(80),
  }),
  approvals: z.strictObject({
    workflowIds: ids,
    states: z.array(z.enum(RUN_STATES)).max(RUN_STATES.length).default([]),
  }),
} as const satisfies Record<ReportTemplate, z.ZodType>;

export type FiltersOf<T extends ReportTemplate> = z.output<(typeof FILTER_SCHEMAS)[T]>;

export interface ReportParameters<T extends ReportTemplate = ReportTemplate> {
  readonly template: T;
  /** Empty: every tenant in the data given. */
  readonly tenantIds: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly filters: FiltersOf<T>;
}

const periodSchema = z.strictObject({
  tenantIds: z.array(uuidRef).max(LIMITS.listLarge),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  filters: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Validates a report definition's `parameters` for `template`. The error is
 * one INVALID issue naming every bad field (`filters.bucket must be one of
 * "day"|"hour"`), with the list in `details.issues`.
 */
export function parseParameters<T extends ReportTemplate>(template: T, input: unknown): Result<ReportParameters<T>, DomainIssue<'INVALID'>> {
  if (!Object.hasOwn(FILTER_SCHEMAS, template)) {
    return err(issue('INVALID', `There is no report template named ${JSON.stringify(template)}; templates are ${Object.keys(FILTER_SCHEMAS).join(', ')}.`, { template }));
  }
  const base = periodSchema.safeParse(input);
  if (!base.success) return err(invalidParameters(template, base.error.issues, []));
  const { tenantIds, from, to, filters } = base.data;
  if (from !== null && to !== null && from > to) {
    return err(invalidParameters(template, [], [{ path: 'to', message: `must not be earlier than from (${from})` }]));
  }
  // TypeScript cannot correlate FILTER_SCHEMAS[T] with FiltersOf<T>; the map's own type guarantees it.
  const schema = FILTER_SCHEMAS[template] as unknown as z.ZodType<FiltersOf<T>>;
  const parsed = schema.safeParse(filters);
  if (!parsed.success) return err(invalidParameters(template, parsed.error.issues, [], ['filters']));
  return ok({ template, tenantIds, from, to, filters: parsed.data });
}

interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

function invalidParameters(template: ReportTemplate, issues: readonly z.core.$ZodIssue[], extra: readonly FieldProblem[], prefix: readonly string[] = []): DomainIssue<'INVALID'> {
  const known = Object.keys(FILTER_SCHEMAS[template].shape);
  const problems: FieldProblem[] = [...extra];
  for (const found of issues) {
    const path = [...prefix, ...found.path];
    if (found.code === 'unrecognized_keys') {
      for (const key of found.keys) {
        problems.push({ path: formatPath([...path, key]), message: `is not a filter of the ${template} template (its filters are ${known.join(', ')})` });
      }
    } else {
      problems.push({ path: formatPath(path), message: found.message.replace(/^Invalid input: expected /, 'must be ').replace(/^Invalid option: expected one of /, 'must be one of ') });
    }
  }
  const listed = problems.map((p) => `${p.path === '' ? '(parameters)' : p.path} ${p.message}`).join('; ');
  return issue('INVALID', `The ${template} report's parameters are not valid: ${listed}.`, { template, issues: problems });
}

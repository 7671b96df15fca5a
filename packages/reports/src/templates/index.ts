/**
 * `generateReport`: validate the parameters, resolve the scope against the
 * data, run the template. Pure: the generation time is passed in.
 */
import { err, issue, ok, timestamp, type DomainIssue, type ReportTemplate, type Result } from '@steward/domain';
import { directoryOf, type ReportData } from '../data.ts';
import type { ReportModel } from '../model.ts';
import { parseParameters } from '../parameters.ts';
import { resolvePeriod } from '../period.ts';
import { accessReview } from './access-review.ts';
import { approvals } from './approvals.ts';
import { auditActivity } from './audit-activity.ts';
import type { TemplateContext, TemplateOutput } from './context.ts';
import { privilegedAccess } from './privileged-access.ts';
import { quotaUsage } from './quota-usage.ts';
import { sodViolations } from './sod-violations.ts';

const TEMPLATES: { readonly [T in ReportTemplate]: (ctx: TemplateContext<T>) => TemplateOutput } = {
  'access-review': accessReview,
  'privileged-access': privilegedAccess,
  'sod-violations': sodViolations,
  'audit-activity': auditActivity,
  'quota-usage': quotaUsage,
  approvals,
};

export interface GenerateInput<T extends ReportTemplate = ReportTemplate> {
  readonly template: T;
  /** A report definition's `parameters` (tenantIds, from, to, filters); validated here. */
  readonly parameters: unknown;
  readonly data: ReportData;
  /** The clock, passed in: ISO-8601 UTC with milliseconds. */
  readonly generatedAt: string;
}

export function generateReport<T extends ReportTemplate>(input: GenerateInput<T>): Result<ReportModel, DomainIssue<'INVALID'>> {
  if (!timestamp.safeParse(input.generatedAt).success) {
    return err(issue('INVALID', `The generation time ${JSON.stringify(input.generatedAt)} must be a UTC timestamp like 2024-05-01T12:00:00.000Z.`, { reason: 'invalid-clock' }));
  }
  const parameters = parseParameters(input.template, input.parameters);
  if (!parameters.ok) return parameters;
  const directory = directoryOf(input.data, parameters.value.tenantIds);
  if (!directory.ok) return directory;
  const period = resolvePeriod(parameters.value.from, parameters.value.to, input.generatedAt);
  const ctx: TemplateContext<T> = { data: input.data, parameters: parameters.value, directory: directory.value, period, generatedAt: input.generatedAt };
  const output = TEMPLATES[input.template](ctx);
  return ok({
    template: input.template,
    title: output.title,
    scope: { tenants: directory.value.tenants, from: period.from, to: period.to },
    generatedAt: input.generatedAt,
    filters: parameters.value.filters,
    sections: output.sections,
  });
}

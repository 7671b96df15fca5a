import type { ReportTemplate } from '@steward/domain';
import { generateReport, type ReportModel, type Section } from '../src/index.ts';
import { NOW, world, ACME } from './world.ts';

/** Generates a report over the hand-made world, failing the test on an error. */
export function generate(template: ReportTemplate, parameters: Record<string, unknown> = {}): ReportModel {
  const result = generateReport({ template, parameters: { tenantIds: [ACME], from: null, to: null, filters: {}, ...parameters }, data: world, generatedAt: NOW });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function sectionOf(model: ReportModel, id: string): Section {
  const found = model.sections.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no section ${id} in ${model.sections.map((s) => s.id).join(', ')}`);
  return found;
}

export const rowsOf = (model: ReportModel, id: string) => sectionOf(model, id).table.rows;

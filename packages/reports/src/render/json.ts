/**
 * JSON as RFC 8785 canonical JSON (sorted keys, fixed number and string
 * forms, no whitespace), so one report hashes to the same SHA-256 on every
 * machine and an auditor can re-generate and compare.
 */
import { canonicalBytes } from '@steward/domain';
import type { ReportModel } from '../model.ts';

/** The format's version, in the document, so consumers can tell shapes apart later. */
export const REPORT_JSON_VERSION = 1;

export function renderJson(model: ReportModel): Uint8Array {
  return canonicalBytes({ format: 'steward.report', version: REPORT_JSON_VERSION, ...model });
}

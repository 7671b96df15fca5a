/**
 * What every template receives, and small helpers to build sections. A
 * template is a pure function of (data, parameters, generation time): it
 * reads no clock and does no I/O, so the desktop (from its replica, offline)
 * and the server (on a schedule) produce the same report from the same data.
 */
import type { ReportTemplate } from '@steward/domain';
import type { Directory, ReportData } from '../data.ts';
import type { BarChart, CellValue, Column, ColumnType, Section } from '../model.ts';
import type { ReportParameters } from '../parameters.ts';
import type { ResolvedPeriod } from '../period.ts';

export interface TemplateContext<T extends ReportTemplate> {
  readonly data: ReportData;
  readonly parameters: ReportParameters<T>;
  readonly directory: Directory;
  readonly period: ResolvedPeriod;
  readonly generatedAt: string;
}

/** The part of the model a template decides; the rest (scope, time, filters) is filled in by generateReport. */
export interface TemplateOutput {
  readonly title: string;
  readonly sections: readonly Section[];
}

export function column(key: string, label: string, type: ColumnType = 'text'): Column {
  return { key, label, type };
}

export function section(id: string, title: string, summary: string, columns: readonly Column[], rows: readonly (readonly CellValue[])[], chart: BarChart | null = null): Section {
  return { id, title, summary, table: { columns, rows }, chart };
}

/** Sorts rows by their cells left to right (code-point order for text), so output never depends on input order. */
export function sortRows(rows: CellValue[][], keys: readonly number[]): CellValue[][] {
  return rows.sort((a, b) => {
    for (const k of keys) {
      const x = a[k] ?? null;
      const y = b[k] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
}

export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

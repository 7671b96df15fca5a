import { writeFileSync } from 'node:fs';
import type { BenchResult } from './result.ts';

/**
 * A bench file ends with `await report(results)`. Run alone it prints a table;
 * under `pnpm bench` the runner sets STEWARD_BENCH_OUT and collects the JSON.
 */
export function report(results: readonly BenchResult[]): void {
  const out = process.env['STEWARD_BENCH_OUT'];
  if (out) writeFileSync(out, JSON.stringify(results));
  else console.log(formatTable(results));
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.name, formatValue(r.value), r.unit, r.better, r.notes ?? '']);
  const header = ['name', 'value', 'unit', 'better', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(4);
}

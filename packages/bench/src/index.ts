export { duration, formatSamples, rate } from './measure.ts';
export type { RateOptions } from './measure.ts';
export { formatTable, report } from './report.ts';
export { median, percentile } from './result.ts';
export type { BenchResult } from './result.ts';

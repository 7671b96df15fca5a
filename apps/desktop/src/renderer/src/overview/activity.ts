/**
 * Audit activity over time, for the Overview's charts: events per time
 * bucket by outcome, and document writes accepted or rejected (see
 * audit/write-events.ts). The 50,000+ events are read once: each is counted
 * under its UTC hour, keyed by the first 13 characters of its timestamp
 * (the schema fixes `2026-11-22T13:04:05.000Z`), so no date is parsed per
 * event; the at most few thousand hours are then rolled up into the bucket
 * size that suits the span shown.
 */
import type { Outcome } from '../audit/audit-row.ts';
import { isWriteAction } from '../audit/write-events.ts';

export type BucketSize = 'hour' | 'day' | 'week';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const BUCKET_MS: Readonly<Record<BucketSize, number>> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };

/** The fields the aggregation reads (an AuditRow has them). */
export interface ActivityEvent {
  readonly occurredAt: string;
  readonly outcome: Outcome;
  readonly action: string;
}

export interface OutcomeCounts {
  success: number;
  denied: number;
  failure: number;
}

/** Per UTC hour (epoch ms of its start): every event by outcome, and the writes among them by outcome. */
export interface HourlyActivity {
  readonly hours: ReadonlyMap<number, { readonly all: OutcomeCounts; readonly writes: OutcomeCounts }>;
  /** Events whose time could not be read (none, if the replica holds only valid events). */
  readonly undated: number;
}

export interface ActivitySeries {
  readonly size: BucketSize;
  /** Start of each bucket (epoch ms, UTC), contiguous and ascending; empty buckets included so time reads evenly. */
  readonly starts: readonly number[];
  readonly all: { readonly [K in Outcome]: readonly number[] };
  /** Writes by outcome: success = accepted, denied = refused (forbidden, quota…), failure = refused as invalid. */
  readonly writes: { readonly [K in Outcome]: readonly number[] };
  readonly totalEvents: number;
  readonly totalWrites: number;
}

const HOUR_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}$/;
const zero = (): OutcomeCounts => ({ success: 0, denied: 0, failure: 0 });

/** One pass over the events. */
export function countByHour(events: readonly ActivityEvent[]): HourlyActivity {
  const byKey = new Map<string, { all: OutcomeCounts; writes: OutcomeCounts }>();
  const writeAction = new Map<string, boolean>();
  let undated = 0;
  for (const event of events) {
    const key = event.occurredAt.slice(0, 13);
    let counts = byKey.get(key);
    if (counts === undefined) {
      if (!HOUR_KEY.test(key)) {
        undated += 1;
        continue;
      }
      counts = { all: zero(), writes: zero() };
      byKey.set(key, counts);
    }
    counts.all[event.outcome] += 1;
    let isWrite = writeAction.get(event.action);
    if (isWrite === undefined) {
      isWrite = isWriteAction(event.action);
      writeAction.set(event.action, isWrite);
    }
    if (isWrite) counts.writes[event.outcome] += 1;
  }
  const hours = new Map<number, { all: OutcomeCounts; writes: OutcomeCounts }>();
  for (const [key, counts] of byKey) {
    const start = Date.parse(`${key}:00:00.000Z`);
    if (Number.isFinite(start)) hours.set(start, counts);
    else undated += counts.all.success + counts.all.denied + counts.all.failure;
  }
  return { hours, undated };
}

/** Hours for up to two days, days up to four months, weeks beyond: a few dozen to about a hundred bars. */
export function bucketSizeFor(spanMs: number): BucketSize {
  if (spanMs <= 2 * DAY_MS) return 'hour';
  if (spanMs <= 120 * DAY_MS) return 'day';
  return 'week';
}

/** The UTC start of the bucket holding `ms`; weeks start on Monday (1970-01-05 was one). */
export function bucketStart(ms: number, size: BucketSize): number {
  if (size !== 'week') return Math.floor(ms / BUCKET_MS[size]) * BUCKET_MS[size];
  const monday = 4 * DAY_MS;
  return Math.floor((ms - monday) / BUCKET_MS.week) * BUCKET_MS.week + monday;
}

export interface SeriesOptions {
  /** Only hours at or after this instant (epoch ms); null: everything in the replica. */
  readonly sinceMs: number | null;
  /** Forces a bucket size; otherwise chosen from the span. */
  readonly size?: BucketSize;
}

export function activitySeries(hourly: HourlyActivity, { sinceMs, size: forced }: SeriesOptions): ActivitySeries {
  const hours = [...hourly.hours.keys()].filter((h) => sinceMs === null || h >= bucketStart(sinceMs, 'hour')).sort((a, b) => a - b);
  const first = hours[0];
  const last = hours[hours.length - 1];
  const size = forced ?? bucketSizeFor(first === undefined || last === undefined ? 0 : last - first + HOUR_MS);
  const starts: number[] = [];
  if (first !== undefined && last !== undefined) {
    for (let at = bucketStart(first, size), end = bucketStart(last, size); at <= end; at += BUCKET_MS[size]) starts.push(at);
  }
  const index = new Map(starts.map((start, i) => [start, i]));
  const series = (): { [K in Outcome]: number[] } => ({ success: starts.map(() => 0), denied: starts.map(() => 0), failure: starts.map(() => 0) });
  const all = series();
  const writes = series();
  let totalEvents = 0;
  let totalWrites = 0;
  for (const hour of hours) {
    const counts = hourly.hours.get(hour);
    const i = index.get(bucketStart(hour, size));
    if (counts === undefined || i === undefined) continue;
    for (const outcome of ['success', 'denied', 'failure'] as const) {
      all[outcome][i] = (all[outcome][i] ?? 0) + counts.all[outcome];
      writes[outcome][i] = (writes[outcome][i] ?? 0) + counts.writes[outcome];
      totalEvents += counts.all[outcome];
      totalWrites += counts.writes[outcome];
    }
  }
  return { size, starts, all, writes, totalEvents, totalWrites };
}

/** The audit-log time filter for one bucket: both bounds inclusive, in the events' own timestamp format. */
export function bucketRange(start: number, size: BucketSize): { readonly from: string; readonly to: string } {
  return { from: new Date(start).toISOString(), to: new Date(start + BUCKET_MS[size] - 1).toISOString() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** How a bucket reads on the axis and in the list beside the chart (UTC, as the buckets are). */
export function bucketLabel(start: number, size: BucketSize): string {
  const d = new Date(start);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (size === 'hour') return `${day} ${pad(d.getUTCHours())}:00`;
  return size === 'week' ? `Week of ${day}` : day;
}

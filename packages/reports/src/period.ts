/**
 * Periods and time buckets, in UTC and in epoch milliseconds, with the clock
 * passed in. The end of a report's period is never later than its
 * generation time: a report cannot cover time that has not happened, and an
 * open end (`to: null`) means "until now".
 */
import { formatIsoInstant, parseIsoInstant } from '@steward/domain';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface ResolvedPeriod {
  /** Inclusive; null = from the beginning. */
  readonly from: string | null;
  /** Exclusive. */
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export function resolvePeriod(from: string | null, to: string | null, generatedAt: string): ResolvedPeriod {
  const nowMs = parseIsoInstant(generatedAt);
  const toMs = to === null ? nowMs : Math.min(parseIsoInstant(to), nowMs);
  const fromMs = from === null ? Number.NEGATIVE_INFINITY : Math.min(parseIsoInstant(from), toMs);
  return { from: from === null ? null : formatIsoInstant(fromMs), to: formatIsoInstant(toMs), fromMs, toMs };
}

export function withinPeriod(period: ResolvedPeriod, at: string): boolean {
  const ms = parseIsoInstant(at);
  return ms >= period.fromMs && ms < period.toMs;
}

/** The start of the bucket (UTC day or hour) holding `ms`. */
export function bucketStart(ms: number, width: number): number {
  return Math.floor(ms / width) * width;
}

/** Whole days from `fromMs` to `toMs`, rounded down. */
export function daysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / DAY_MS);
}

/**
 * Audit retention: how long a tenant's plan keeps its audit events.
 *
 * `auditRetentionDays` is a window, not a counter, so it is not part of the
 * quota check: it decides which events the server may purge. Days are exact
 * 24-hour spans of UTC, which has no daylight-saving jumps, so the cutoff is
 * the same on every machine for the same clock reading. (The tenant's own
 * `retentionDays` is a different setting: how long deleted data is kept.)
 */
import { DomainError } from '../errors.ts';
import { MS_PER_DAY, formatIsoInstant, parseIsoInstant, toMillis, type Instant } from '../rbac/instant.ts';
import type { TenantLimits } from './plans.ts';

/**
 * The instant before which the tenant's audit events may be purged, as an
 * ISO-8601 UTC timestamp; null when the plan keeps them forever. An event is
 * past retention when it occurred strictly before the cutoff.
 */
export function retentionCutoff(limits: TenantLimits, now: Instant): string | null {
  const days = limits.limits.auditRetentionDays;
  if (days === null) return null;
  const ms = toMillis(now);
  if (Number.isNaN(ms)) {
    throw new DomainError('INVALID', `The clock reading ${JSON.stringify(now)} is not an instant (epoch milliseconds or an ISO-8601 time with a zone).`, { now });
  }
  return formatIsoInstant(ms - days * MS_PER_DAY);
}

/** True when an event that occurred at `occurredAt` is past the cutoff (and may be purged). */
export function isPastRetention(occurredAt: string, cutoff: string | null): boolean {
  if (cutoff === null) return false;
  const at = parseIsoInstant(occurredAt);
  // An unreadable time is never a reason to delete evidence.
  return !Number.isNaN(at) && at < parseIsoInstant(cutoff);
}

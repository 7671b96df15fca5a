/**
 * Per-API-key rate limiting: a token bucket per key, held in this process's
 * memory. A key limited to R requests per minute may burst up to R at once,
 * then gets one more every 60/R seconds.
 *
 * Each server process enforces its own buckets: with several processes
 * behind a load balancer, a key can reach up to (processes × R) requests per
 * minute in total. That is accepted for now — the limit protects the server
 * from a runaway integration, it is not a billing meter (daily API-call
 * quotas are counted in the database). A shared limit would need the
 * buckets in PostgreSQL or a shared cache.
 *
 * The clock is passed in (milliseconds) so tests and callers control time.
 */

export interface RateDecision {
  readonly allowed: boolean;
  /** 0 when allowed; otherwise how long until one request will be (for Retry-After). */
  readonly retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes one request from the key's bucket, if one is there. */
  take(keyId: string, ratePerMinute: number, nowMs: number): RateDecision;
  /** How many keys have a bucket (for metrics and tests). */
  size(): number;
}

export interface RateLimiterOptions {
  /** Above this many buckets, idle (full) buckets are dropped; default 10,000. */
  readonly maxBuckets?: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const MINUTE_MS = 60_000;

export function createRateLimiter({ maxBuckets = 10_000 }: RateLimiterOptions = {}): RateLimiter {
  const buckets = new Map<string, Bucket>();
  let sweepAbove = maxBuckets;

  const refill = (bucket: Bucket, ratePerMinute: number, nowMs: number): void => {
    // A clock that steps back refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (elapsed * ratePerMinute) / MINUTE_MS);
    bucket.updatedMs = Math.max(bucket.updatedMs, nowMs);
  };

  /** Drops buckets that have refilled completely: forgetting them changes no decision. */
  const sweep = (nowMs: number): void => {
    for (const [keyId, bucket] of buckets) {
      if (bucket.updatedMs + MINUTE_MS <= nowMs) buckets.delete(keyId);
    }
    // Still full of busy keys: wait until the map doubles before scanning again.
    sweepAbove = Math.max(maxBuckets, buckets.size * 2);
  };

  return {
    take(keyId, ratePerMinute, nowMs) {
      if (!(ratePerMinute > 0)) return { allowed: false, retryAfterMs: MINUTE_MS };
      let bucket = buckets.get(keyId);
      if (bucket === undefined) {
        if (buckets.size >= sweepAbove) sweep(nowMs);
        bucket = { tokens: ratePerMinute, updatedMs: nowMs };
        buckets.set(keyId, bucket);
      } else {
        refill(bucket, ratePerMinute, nowMs);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) * MINUTE_MS) / ratePerMinute) };
    },
    size: () => buckets.size,
  };
}

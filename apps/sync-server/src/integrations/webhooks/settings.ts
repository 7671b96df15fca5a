/**
 * How the delivery worker behaves. The defaults are for production; tests
 * shorten the schedule and allow plain-http receivers on the loopback
 * interface (never allowed by default: a webhook carries audit events).
 */

export interface WebhookSettings {
  /** Accept `http://127.0.0.1`, `http://localhost` and `http://[::1]` URLs (tests and local development only). */
  readonly allowLoopbackHttp: boolean;
  /** Wait before each retry (before the base jitter); attempts = retries + 1, then the delivery is dead-lettered. */
  readonly retryDelaysMs: readonly number[];
  /** How often each server process looks for due deliveries and unscanned events, besides the change feed's pokes. */
  readonly pollIntervalMs: number;
  /** How long a receiver has to answer one attempt. */
  readonly timeoutMs: number;
  /** Deliveries one process has in flight at once. */
  readonly concurrency: number;
}

/** 10 s, 70 s, ~8 min, ~57 min: five attempts over about an hour, each wait ×7. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [10_000, 70_000, 490_000, 3_430_000];

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowLoopbackHttp: false,
  retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
  pollIntervalMs: 2_000,
  timeoutMs: 10_000,
  concurrency: 8,
};

export function webhookSettings(overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  return { ...DEFAULT_WEBHOOK_SETTINGS, ...overrides };
}

/**
 * The wait before retry number `attempt` (1-based), with ±20 % jitter so
 * receivers recovering from an outage are not hit by every retry at once.
 * `random` is in [0, 1).
 */
export function retryDelayMs(settings: WebhookSettings, attempt: number, random: number): number | undefined {
  const base = settings.retryDelaysMs[attempt - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (0.8 + 0.4 * random));
}

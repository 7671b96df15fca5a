/**
 * Everything a request handler needs, created once per server and passed
 * down explicitly (no module-level state): the database, the clock, the id
 * generator, the change feed, the metrics and the audit ledger.
 */
import { createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import { uuidv7Generator } from '@steward/domain';
import type { Db, Dialect } from './db/dialect.ts';
import type { ServerKey } from './keys/server-key.ts';
import type { LedgerService } from './ledger/ledger-service.ts';
import { createRateLimiter, type RateLimiter } from './auth/rate-limiter.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { ChangeFeed } from './sync/change-feed.ts';
import { webhookSettings, type WebhookSettings } from './integrations/webhooks/settings.ts';

export interface Services {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The server's clock, ISO-8601 with milliseconds. */
  readonly now: () => string;
  /** A new UUIDv7. */
  readonly newId: () => string;
  readonly feed: ChangeFeed;
  readonly metrics: Metrics;
  /** Per-API-key request budgets (each server process keeps its own). */
  readonly apiKeyLimiter: RateLimiter;
  /** Signed checkpoints and proofs over the audit ledger. */
  readonly ledger: LedgerService;
  /** The server's Ed25519 key: signs checkpoints (through the ledger) and device certificates. */
  readonly serverKey: ServerKey;
  /** Seals pull checkpoints (HMAC), shared by every process on the database. */
  readonly checkpointKey: KeyObject;
  /** Aborted when the server stops, so long-lived work (live streams) ends. */
  readonly shutdown: AbortController;
  /** Outbound webhooks: which URLs are allowed, the retry schedule, the worker's pace. */
  readonly webhooks: WebhookSettings;
}

export interface ServiceParts {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly ledger: LedgerService;
  readonly serverKey: ServerKey;
  readonly checkpointKey: Uint8Array;
  readonly clock?: (() => number) | undefined;
  readonly webhooks?: Partial<WebhookSettings> | undefined;
}

export function createServices({ db, dialect, ledger, serverKey, checkpointKey, clock = Date.now, webhooks }: ServiceParts): Services {
  return {
    db,
    dialect,
    now: () => new Date(clock()).toISOString(),
    newId: uuidv7Generator(clock, (bytes) => randomFillSync(bytes)),
    feed: new ChangeFeed(),
    metrics: createMetrics(),
    apiKeyLimiter: createRateLimiter(),
    ledger,
    serverKey,
    // A KeyObject once, rather than raw bytes HMAC would import on every seal.
    checkpointKey: createSecretKey(checkpointKey),
    shutdown: new AbortController(),
    webhooks: webhookSettings(webhooks),
  };
}

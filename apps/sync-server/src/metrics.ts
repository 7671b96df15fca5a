/** Prometheus metrics for GET /metrics: one registry per server, so tests and several servers never share counters. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly requests: Histogram<'route' | 'method' | 'status'>;
  readonly pushedRows: Counter<'collection' | 'outcome'>;
  readonly pulledDocuments: Counter<'collection'>;
  readonly liveSubscribers: Gauge;
  readonly ledgerSize: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'steward_process_' });
  return {
    registry,
    requests: new Histogram({
      name: 'steward_http_request_duration_seconds',
      help: 'HTTP request latency by route, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    pushedRows: new Counter({ name: 'steward_push_rows_total', help: 'Pushed rows by collection and outcome (accepted, conflict, or the rejection code).', labelNames: ['collection', 'outcome'], registers: [registry] }),
    pulledDocuments: new Counter({ name: 'steward_pull_documents_total', help: 'Documents returned by pulls and the live stream.', labelNames: ['collection'], registers: [registry] }),
    liveSubscribers: new Gauge({ name: 'steward_live_subscribers', help: 'Open sync.stream subscriptions.', registers: [registry] }),
    ledgerSize: new Gauge({ name: 'steward_ledger_size', help: 'Audit events in the Merkle ledger.', registers: [registry] }),
  };
}

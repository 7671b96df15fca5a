/**
 * For the integrations tests: the real server with webhook settings a test
 * can wait for (short retries, fast polling, loopback http receivers), the
 * REST API called with fetch (recording which statuses each documented
 * operation answered), and a local HTTP receiver that records deliveries
 * byte for byte and answers with a status the test chooses per path.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookSettings } from '../src/integrations/webhooks/settings.ts';
import type { StewardServer } from '../src/server.ts';
import { createTestDatabase } from './databases.ts';
import type { Db } from '../src/db/dialect.ts';
import { createTestServer, harnessOf, type Client, type Harness } from './harness.ts';
import { seedWorld } from './world.ts';

export const FAST_WEBHOOKS: Partial<WebhookSettings> = { allowLoopbackHttp: true, retryDelaysMs: [150, 150], pollIntervalMs: 50, timeoutMs: 2_000 };

/** One server, or (PostgreSQL) `processes` servers sharing one database: the first is returned, all in `all`. */
export async function startIntegrationServers(kind: 'sqlite' | 'postgres', { webhooks = FAST_WEBHOOKS, processes = 1 } = {}): Promise<{ h: Harness; all: Harness[] }> {
  const db = createTestDatabase(kind);
  const stewards: StewardServer[] = [];
  const all: Harness[] = [];
  const closeAll = async (): Promise<void> => {
    for (const steward of stewards) await steward.stop();
    await db.dispose();
  };
  for (let i = 0; i < processes; i++) {
    const steward = await createTestServer(db, { webhooks });
    stewards.push(steward);
    if (i === 0) await seedWorld(steward.services);
    all.push(harnessOf(await steward.start(), steward, closeAll));
  }
  const [h] = all;
  if (h === undefined) throw new Error('start at least one server');
  return { h, all };
}

export interface RestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** `GET /api/v1/users` → 'get /api/v1/users'; `/api/v1/users/<id>` → 'get /api/v1/users/{id}' (the document's operation keys). */
export function operationOf(method: string, path: string): string {
  const parts = path.split('?')[0]?.split('/') ?? [];
  const template = parts.length === 5 ? [...parts.slice(0, 4), '{id}'].join('/') : parts.join('/');
  return `${method.toLowerCase()} ${template}`;
}

export class RestCaller {
  /** Operation → statuses seen. */
  readonly seen = new Map<string, Set<number>>();
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  async call(method: 'GET' | 'POST', path: string, { token, body, contentType = 'application/json' }: { token?: string; body?: string; contentType?: string } = {}): Promise<RestResponse> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = contentType;
    const response = await fetch(`${this.#base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const operation = operationOf(method, path);
    const statuses = this.seen.get(operation) ?? new Set<number>();
    statuses.add(response.status);
    this.seen.set(operation, statuses);
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }
}

export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** The status answered on a path (default 200). */
  answer(path: string, status: number): void;
  until(done: (received: readonly ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  const statuses = new Map<string, number>();
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(statuses.get(path) ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, status) => statuses.set(path, status),
    until: async (done, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!done(received)) {
        if (Date.now() > deadline) throw new Error(`receiver condition not met within ${timeoutMs} ms; got ${received.length} deliveries: ${received.map((r) => r.path).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * For the isolation tests: a subscription of `tenantId` (made by its admin
 * `client`) whose filter matches nothing that happens, and a dead-lettered
 * delivery of it planted in the table, to aim other tenants' calls at.
 */
export async function plantDeadLetter(client: Client, db: Db, tenantId: string): Promise<{ readonly subscriptionId: string; readonly deliveryId: string }> {
  const hook = await client.webhooks.create.mutate({ tenantId, url: 'https://127.0.0.1:9/never', actions: ['isolation.never'] });
  const deliveryId = `01900000-0000-7000-9000-${Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0')}`;
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('webhook_deliveries')
    .values({ id: deliveryId, subscription_id: hook.id, tenant_id: tenantId, event_id: deliveryId, action: 'isolation.never', payload: '{}', attempts: 5, next_attempt_at: at, last_status: 500, last_error: 'HTTP 500', created_at: at, delivered_at: null, dead_lettered_at: at })
    .execute();
  return { subscriptionId: hook.id, deliveryId };
}

/**
 * `createServer(opts)` → `{ server, services, start, stop }`: the sync
 * server as a value, used by the CLI, by tests (in-process, port 0) and
 * later by the desktop's embedded mode.
 */
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config.ts';
import { openDatabase, type OpenedDatabase } from './db/open-database.ts';
import { sharedSecret } from './db/server-secrets.ts';
import { consoleRootOf, registerConsole } from './console/serve-console.ts';
import { openServerLedger } from './ledger/open-ledger.ts';
import { registerReports } from './reports/register.ts';
import { registerIntegrations } from './integrations/register.ts';
import type { WebhookSettings } from './integrations/webhooks/settings.ts';
import { ensureBuiltInRoles } from './seed/built-ins.ts';
import { bridgeChangeFeed } from './sync/pg-notify.ts';
import { createServices, type Services } from './services.ts';
import { contextFactory } from './trpc/context.ts';
import { appRouter, type AppRouter } from './trpc/router.ts';

export interface ServerOptions {
  readonly config: Pick<ServerConfig, 'port' | 'host' | 'db' | 'dataDir'>;
  /** PostgreSQL only: a schema to use (tests). */
  readonly pgSchema?: string;
  /** pino options, or false for silence (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  readonly clock?: () => number;
  /** Outbound webhook settings (tests: a short retry schedule, loopback http receivers). */
  readonly webhooks?: Partial<WebhookSettings>;
  /** The audit ledger's checkpoint origin, also the server key's name (default DEFAULT_LEDGER_ORIGIN). */
  readonly ledgerOrigin?: string;
  /** A built web console (the desktop renderer's out/renderer) to serve at `/` under a strict CSP. */
  readonly consoleDir?: string;
}

export interface StewardServer {
  readonly server: FastifyInstance;
  readonly services: Services;
  readonly database: OpenedDatabase;
  /** Listens; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops accepting, drains in-flight requests, closes the database. */
  stop(): Promise<void>;
}

/** Push bodies of 500 documents fit well under this; anything larger is refused before parsing. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export async function createServer(options: ServerOptions): Promise<StewardServer> {
  const { config } = options;
  const consoleRoot = options.consoleDir === undefined ? undefined : await consoleRootOf(options.consoleDir);
  const database = await openDatabase({ url: config.db, dataDir: config.dataDir, ...(options.pgSchema === undefined ? {} : { pgSchema: options.pgSchema }) });
  const { ledger, key: serverKey } = await openServerLedger({ db: database.db, dataDir: config.dataDir, origin: options.ledgerOrigin, clock: options.clock }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const checkpointKey = await sharedSecret(database.db, 'pull-checkpoint-mac');
  const services = createServices({ db: database.db, dialect: database.dialect, ledger, serverKey, checkpointKey, clock: options.clock, webhooks: options.webhooks });
  await ensureBuiltInRoles(services);
  // Other processes on the same PostgreSQL commit changes too; their notices wake this one's streams.
  const notify = database.dialect.kind === 'postgres' ? await bridgeChangeFeed(services.feed, config.db, options.pgSchema, (error) => server.log.warn({ err: error }, 'change notification channel failed')) : undefined;

  const server = Fastify({
    logger: options.logger ?? { serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0] ?? '', remoteAddress: req.ip }) } },
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 5000 },
  });
  server.addHook('onResponse', (request, reply, done) => {
    services.metrics.requests.observe({ route: request.routeOptions.url ?? 'unknown', method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  await server.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: contextFactory(services),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') server.log.error({ err: error, path }, 'tRPC procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
  server.get('/healthz', async () => {
    await database.db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow();
    return { status: 'ok', database: database.dialect.kind };
  });
  server.get('/metrics', async (_request, reply) => {
    services.metrics.liveSubscribers.set(services.feed.subscribers);
    services.metrics.ledgerSize.set(await services.ledger.catchUp());
    return reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });

  if (consoleRoot !== undefined) registerConsole(server, consoleRoot);
  registerReports(server, services, config);
  await registerIntegrations(server, services);
  let stopped = false;
  return {
    server,
    services,
    database,
    start: async () => {
      await server.listen({ port: config.port, host: config.host });
      const address = server.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : config.port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Live streams never finish on their own: end them, then drain the rest.
      services.shutdown.abort();
      await server.close();
      await notify?.close();
      await database.close();
    },
  };
}

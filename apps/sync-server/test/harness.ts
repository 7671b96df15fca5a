/** Starts a real sync server (port 0) on a test database, with the test world, and makes tRPC clients for it. */
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { createServer, type ServerOptions, type StewardServer } from '../src/server.ts';
import type { AppRouter } from '../src/trpc/router.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { WORLD_PASSWORD, seedWorld } from './world.ts';

export type Client = TRPCClient<AppRouter>;

export interface Harness {
  readonly url: string;
  readonly steward: StewardServer;
  client(token?: string): Client;
  /** Signs in as `email` and returns a client carrying the session token. */
  signIn(email: string): Promise<Client>;
  close(): Promise<void>;
}

export function clientFor(url: string, token?: string): Client {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (token === undefined ? {} : { authorization: `Bearer ${token}` }) })],
  });
}

/** Server options a test may set (the server's clock, webhook settings, …). */
export type HarnessServerOptions = Omit<ServerOptions, 'config' | 'pgSchema' | 'logger'>;

/** A quiet server on port 0 over `db` (not yet listening). */
export function createTestServer(db: TestDatabase, options: HarnessServerOptions = {}): Promise<StewardServer> {
  return createServer({
    config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir },
    ...(db.pgSchema === undefined ? {} : { pgSchema: db.pgSchema }),
    logger: false,
    ...options,
  });
}

/** Clients for a started server at `url`. */
export function harnessOf(url: string, steward: StewardServer, close: () => Promise<void>): Harness {
  return {
    url,
    steward,
    client: (token) => clientFor(url, token),
    signIn: async (email) => {
      const { token } = await clientFor(url).auth.login.mutate({ email, password: WORLD_PASSWORD });
      return clientFor(url, token);
    },
    close,
  };
}

export async function startHarness(kind: 'sqlite' | 'postgres', { world = true, ...options }: { world?: boolean } & HarnessServerOptions = {}): Promise<Harness> {
  const db = createTestDatabase(kind);
  const steward = await createTestServer(db, options);
  if (world) await seedWorld(steward.services);
  return harnessOf(await steward.start(), steward, async () => {
    await steward.stop();
    await db.dispose();
  });
}

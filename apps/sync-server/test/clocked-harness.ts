/**
 * startHarness with the server's clock in the test's hands, for what only
 * time can cause (a session that expires). Kept beside harness.ts rather
 * than as an option of it so the shared harness stays as it is; fold it in
 * as `startHarness(kind, { clock })` when that file is next touched.
 */
import { createServer } from '../src/server.ts';
import { createTestDatabase } from './databases.ts';
import { clientFor, type Harness } from './harness.ts';
import { WORLD_PASSWORD, seedWorld } from './world.ts';

export async function startClockedHarness(kind: 'sqlite' | 'postgres', clock: () => number): Promise<Harness> {
  const db = createTestDatabase(kind);
  const steward = await createServer({
    config: { port: 0, host: '127.0.0.1', db: db.url, dataDir: db.dataDir },
    ...(db.pgSchema === undefined ? {} : { pgSchema: db.pgSchema }),
    logger: false,
    clock,
  });
  await seedWorld(steward.services);
  const url = await steward.start();
  return {
    url,
    steward,
    client: (token) => clientFor(url, token),
    signIn: async (address) => {
      const { token } = await clientFor(url).auth.login.mutate({ email: address, password: WORLD_PASSWORD });
      return clientFor(url, token);
    },
    close: async () => {
      await steward.stop();
      await db.dispose();
    },
  };
}

/**
 * Wires scheduled reports and their downloads into a sync server: the
 * scheduler starts when the server is ready (listening) and stops, waiting
 * for runs in progress, when it closes — before the database does.
 * Artifacts are kept in `<dataDir>/reports/`.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.ts';
import type { Services } from '../services.ts';
import { fileArtifactStore, type ArtifactStore } from './artifact-store.ts';
import { registerArtifactDownload } from './download.ts';
import { ReportScheduler } from './scheduler.ts';

export function registerReports(server: FastifyInstance, services: Services, config: Pick<ServerConfig, 'dataDir'>, store: ArtifactStore = fileArtifactStore(join(config.dataDir, 'reports'))): ReportScheduler {
  const scheduler = new ReportScheduler({ services, store, log: server.log });
  registerArtifactDownload(server, services, store);
  server.addHook('onReady', async () => {
    await scheduler.start();
  });
  server.addHook('onClose', async () => {
    await scheduler.stop();
  });
  return scheduler;
}

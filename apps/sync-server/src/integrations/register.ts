/**
 * Wires the integrations into a sync server: the REST API under /api/v1,
 * and the webhook delivery worker, started when the server is ready and
 * stopped (waiting for attempts in flight) when it closes — before the
 * database does.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { registerRestApi } from './rest/routes.ts';
import { WebhookWorker } from './webhooks/worker.ts';

export async function registerIntegrations(server: FastifyInstance, services: Services): Promise<WebhookWorker> {
  await registerRestApi(server, services);
  const worker = new WebhookWorker(services, server.log);
  server.addHook('onReady', async () => {
    await worker.start();
  });
  server.addHook('onClose', async () => {
    await worker.stop();
  });
  return worker;
}

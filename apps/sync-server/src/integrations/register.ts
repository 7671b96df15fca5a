/**
 * Wires the integrations into a sync server: the REST API under /api/v1.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { registerRestApi } from './rest/routes.ts';

export async function registerIntegrations(server: FastifyInstance, services: Services): Promise<void> {
  await registerRestApi(server, services);
}

/**
 * The REST API for integrators, under `/api/v1`: the same bearer
 * credentials as tRPC (a session token or an API key), the same per-key
 * rate limit and audit trail (admitCall), and the same decisions (handlers
 * call pull and push). This is the one place replies become HTTP: every
 * error is `{ error: { code, message } }`, Fastify's own refusals included.
 */
import { isCollectionName, type CollectionName } from '@steward/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import type { Principal } from '../../sync/principal.ts';
import { bearerOf, resolvePrincipal } from '../../trpc/context.ts';
import { admitCall } from '../../auth/admit-call.ts';
import { errorReply, getDocument, listDocuments, writeDocument, type RestReply } from './handlers.ts';
import { buildOpenApiDocument } from './openapi.ts';

export const REST_PREFIX = '/api/v1';

type Params = { collection: string; id?: string };

function send(reply: FastifyReply, answer: RestReply): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
  return reply.code(answer.status).send(answer.body);
}

/** Authenticates, spends the key's budget, audits; then the collection must exist. */
async function admit(services: Services, request: FastifyRequest<{ Params: Params }>, call: string): Promise<{ principal: Principal; collection: CollectionName } | RestReply<401 | 404 | 429>> {
  const principal = await resolvePrincipal(services, bearerOf(request.headers.authorization));
  const admission = await admitCall(services, principal, call);
  if (!admission.ok) {
    const { refusal } = admission;
    if (refusal.code === 'UNAUTHORIZED') return { ...errorReply(401, 'UNAUTHORIZED', `${refusal.message} Send Authorization: Bearer <token or API key>.`), headers: { 'www-authenticate': 'Bearer' } };
    return { ...errorReply(429, 'RATE_LIMITED', refusal.message), headers: { 'retry-after': String(refusal.retryAfterSeconds) } };
  }
  const { collection } = request.params;
  if (!isCollectionName(collection)) return errorReply(404, 'NOT_FOUND', `There is no collection "${collection.slice(0, 64)}" (see ${REST_PREFIX}/openapi.json).`);
  return { principal: admission.principal, collection };
}

/** Fastify's own refusals (unparsable JSON, wrong media type, oversized body) in the API's error shape. */
function fastifyErrorReply(error: FastifyError): RestReply {
  const status = error.statusCode ?? 500;
  if (status === 413) return errorReply(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (status === 415) return errorReply(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (content-type: application/json).');
  if (status >= 400 && status < 500) return errorReply(400, 'INVALID', `The request could not be read: ${error.message}`);
  return errorReply(500, 'INTERNAL', 'The server failed to answer; try again later.');
}

export async function registerRestApi(server: FastifyInstance, services: Services): Promise<void> {
  const openApi = buildOpenApiDocument();
  await server.register(
    (api, _options, done) => {
      api.setErrorHandler((error: FastifyError, request, reply) => {
        const answer = fastifyErrorReply(error);
        if (answer.status >= 500) request.log.error({ err: error }, 'REST API request failed');
        return send(reply, answer);
      });
      api.setNotFoundHandler((request, reply) => send(reply, errorReply(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''} (see ${REST_PREFIX}/openapi.json).`)));

      api.get('/openapi.json', (_request, reply) => reply.send(openApi));

      api.get<{ Params: Params }>('/:collection', async (request, reply) => {
        const admitted = await admit(services, request, `GET ${REST_PREFIX}/${request.params.collection.slice(0, 64)}`);
        if ('status' in admitted) return send(reply, admitted);
        return send(reply, await listDocuments(services, admitted.principal, admitted.collection, request.query));
      });

      api.get<{ Params: Params & { id: string } }>('/:collection/:id', async (request, reply) => {
        const admitted = await admit(services, request, `GET ${REST_PREFIX}/${request.params.collection.slice(0, 64)}/{id}`);
        if ('status' in admitted) return send(reply, admitted);
        return send(reply, await getDocument(services, admitted.principal, admitted.collection, request.params.id));
      });

      api.post<{ Params: Params }>('/:collection', async (request, reply) => {
        const admitted = await admit(services, request, `POST ${REST_PREFIX}/${request.params.collection.slice(0, 64)}`);
        if ('status' in admitted) return send(reply, admitted);
        return send(reply, await writeDocument(services, admitted.principal, admitted.collection, request.body));
      });
      done();
    },
    { prefix: REST_PREFIX },
  );
}

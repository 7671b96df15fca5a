/**
 * The OpenAPI 3.1 document of the REST API, generated from the zod schemas
 * the API enforces (schemas.ts, and the domain's COLLECTION_SCHEMAS for
 * documents), never written by hand. OpenAPI 3.1 schemas are JSON Schema
 * 2020-12, which zod 4 emits directly; shared schemas become components and
 * are referenced by `$ref`.
 */
import { COLLECTION_SCHEMAS, COLLECTIONS, type CollectionName } from '@steward/domain';
import { z } from 'zod';
import { componentName, errorBodySchema, evictionSchema, listQuerySchema, pageSchema, writeReceiptSchema, writtenSchema } from './schemas.ts';

type JsonObject = Record<string, unknown>;

const ref = (id: string): JsonObject => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });

/** Each status a route documents, with why it happens; the handlers' status types list the same. */
const ERRORS = {
  400: 'The query, cursor or body could not be read.',
  401: 'No valid session token or API key.',
  403: 'The document belongs to a tenant outside your scope, or your roles do not allow this write (the reason says which).',
  404: 'No such document that you may read: one answer for both, so nothing is learnt about other tenants.',
  409: 'CONFLICT: the document changed since the `revision` you sent (`error.current` holds it), or a domain rule reported a conflict.',
  413: 'The body is larger than the server accepts.',
  415: 'The body is not JSON.',
  422: 'The domain refused the write: INVALID (schema), QUOTA_EXCEEDED or IMMUTABLE, with the reason as the message.',
  429: 'The API key is over its per-minute rate limit; Retry-After says when to retry.',
} as const satisfies Record<number, string>;

function errorResponses(statuses: readonly (keyof typeof ERRORS)[]): JsonObject {
  const responses: JsonObject = {};
  for (const status of statuses) {
    const response: JsonObject = { description: ERRORS[status], content: json(ref('Error')) };
    if (status === 429) response['headers'] = { 'Retry-After': { description: 'Seconds until the key has budget again.', schema: { type: 'integer', minimum: 1 } } };
    responses[String(status)] = response;
  }
  return responses;
}

/** The JSON Schema of each component, by its id; `$ref`s between them point into `#/components/schemas`. */
function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const collection of COLLECTIONS) {
    registry.add(COLLECTION_SCHEMAS[collection], { id: componentName(collection) });
    registry.add(pageSchema(collection), { id: `${componentName(collection)}Page` });
    registry.add(writtenSchema(collection), { id: `${componentName(collection)}Written` });
  }
  registry.add(errorBodySchema, { id: 'Error' });
  registry.add(evictionSchema, { id: 'Eviction' });
  registry.add(writeReceiptSchema, { id: 'WriteReceipt' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', unrepresentable: 'throw', uri: (id) => `#/components/schemas/${id}` });
  const components: Record<string, JsonObject> = {};
  // The document's jsonSchemaDialect says which JSON Schema this is; an `$id` with a fragment is not allowed in 2020-12.
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
    components[id] = rest;
  }
  return components;
}

function queryParameters(): JsonObject[] {
  const schema = z.toJSONSchema(listQuerySchema, { io: 'input', target: 'draft-2020-12' }) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: schema.required?.includes(name) ?? false, description, schema: rest };
  });
}

function collectionPaths(collection: CollectionName, parameters: readonly JsonObject[]): Record<string, JsonObject> {
  const name = componentName(collection);
  const writtenBody = ref(`${name}Written`);
  const location = { Location: { description: 'Where the document can be read.', schema: { type: 'string' } } };
  return {
    [`/api/v1/${collection}`]: {
      get: {
        operationId: `list_${collection}`,
        tags: [collection],
        summary: `Changes to ${collection} you may read, a page at a time`,
        description: 'The same pages as tRPC `sync.pull`: every change after the cursor that you may read, in change order, none skipped. Documents that left your read scope come as evictions.',
        parameters,
        responses: { '200': { description: 'A page.', content: json(ref(`${name}Page`)) }, ...errorResponses([400, 401, 429]) },
      },
      post: {
        operationId: `write_${collection}`,
        tags: [collection],
        summary: `Create, update or delete (\`_deleted: true\`) a ${name}`,
        description: 'Decided exactly like one row of tRPC `sync.push`: schema, your scope, RBAC, invariants and quotas, then the conflict check on `revision` (the stored revision your change builds on; 0 to create). Audited either way.',
        requestBody: { required: true, content: json(ref(name)) },
        responses: {
          '200': { description: 'Already so: a retry of a write that landed. The stored document.', headers: location, content: json(writtenBody) },
          '201': { description: 'Written. The stored document, with the fields the server sets (revision, updatedAt).', headers: location, content: json(writtenBody) },
          ...errorResponses([400, 401, 403, 409, 413, 415, 422, 429]),
        },
      },
    },
    [`/api/v1/${collection}/{id}`]: {
      get: {
        operationId: `get_${collection}`,
        tags: [collection],
        summary: `One ${name}, as stored now`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The document.', content: json(ref(name)) }, ...errorResponses([401, 404, 429]) },
      },
    },
  };
}

export function buildOpenApiDocument(): JsonObject {
  const parameters = queryParameters();
  const paths: Record<string, JsonObject> = {
    '/api/v1/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document', security: [], responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
  };
  for (const collection of COLLECTIONS) Object.assign(paths, collectionPaths(collection, parameters));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Steward REST API',
      version: '1.0.0',
      description: 'Read and write the ten replicated collections with a session token or an API key. Every decision is the sync server’s own (the same as tRPC sync.pull / sync.push); every call with an API key is rate-limited and audited.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: COLLECTIONS.map((collection) => ({ name: collection })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A session token from tRPC auth.login, or an API key (`stw_k_…`).' } },
      schemas: componentSchemas(),
    },
  };
}

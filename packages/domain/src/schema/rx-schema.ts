/**
 * RxDB JSON Schemas generated from the zod schemas, so the replica and the
 * server validate against one source of truth. Plain objects: the domain does
 * not import RxDB.
 *
 * RxDB imposes three constraints on the document shape, handled by a small,
 * explicit mapping between a domain document and its replica ("rx") form:
 *  - `revision` is a reserved RxDocument property (dev-mode error SC17), so
 *    the replica stores the server revision as `serverRevision`;
 *  - an indexed field must be required and non-nullable, so the replica
 *    stores a null (platform-wide) `tenantId` as `''` ({@link PLATFORM_TENANT_KEY})
 *    and tenantId can lead indexes;
 *  - RxDB owns `_deleted`, `_rev`, `_meta` and `_attachments`: they are not
 *    declared here (RxDB adds them), and are dropped when reading back.
 * The replication's push/pull modifiers apply {@link toRxDocument} /
 * {@link fromRxDocument}.
 */
import { z } from 'zod';
import type { Result } from '../errors.ts';
import { COLLECTION_SCHEMAS, parseDocument, type CollectionName, type DocumentOf } from './collections.ts';

/** How the replica stores a null tenantId (platform-wide records). */
export const PLATFORM_TENANT_KEY = '';

export type JsonSchemaNode = { [keyword: string]: unknown };
export type RxIndex = string | readonly string[];

/** Shaped like RxDB's `RxJsonSchema`. */
export interface RxCollectionSchema {
  readonly title: string;
  readonly version: 0;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchemaNode>>;
  readonly required: readonly string[];
  readonly indexes: readonly RxIndex[];
  readonly additionalProperties: false;
}

/** A document as the replica stores it (RxDB's own fields aside). */
export type RxDocumentOf<C extends CollectionName> = Omit<DocumentOf<C>, 'revision' | 'tenantId'> & {
  serverRevision: number;
  tenantId: string;
};

/**
 * Secondary indexes per collection, for the queries the console runs: a
 * tenant's documents by recency, audit trails by time, actor and resource,
 * reviews by event, runs by state. RxDB appends `id` (and prepends
 * `_deleted`) to each, so every index has a deterministic order.
 */
export const RX_INDEXES: Readonly<Record<CollectionName, readonly RxIndex[]>> = {
  tenants: ['slug', 'updatedAt'],
  users: [['tenantId', 'email'], ['tenantId', 'updatedAt']],
  roles: [['tenantId', 'name'], ['tenantId', 'updatedAt']],
  roleAssignments: [['tenantId', 'userId'], 'roleId', ['tenantId', 'updatedAt']],
  auditEvents: [
    ['tenantId', 'occurredAt'],
    ['actorId', 'occurredAt'],
    ['resourceType', 'resourceId', 'occurredAt'],
    'occurredAt',
  ],
  auditReviews: ['eventId', ['tenantId', 'updatedAt']],
  workflows: [['tenantId', 'updatedAt']],
  workflowRuns: [['tenantId', 'state', 'updatedAt'], 'workflowId', 'requesterId'],
  reports: [['tenantId', 'updatedAt']],
  reportRuns: [['reportId', 'generatedAt'], ['tenantId', 'generatedAt']],
};

const RX_OWNED_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'];

const rxSchemas = new Map<CollectionName, RxCollectionSchema>();

/** The replica schema of a collection: generated once per collection (zod's JSON Schema export is slow), a fresh copy for every caller. */
export function rxSchemaFor(collection: CollectionName): RxCollectionSchema {
  let schema = rxSchemas.get(collection);
  if (schema === undefined) {
    schema = generateRxSchema(collection);
    rxSchemas.set(collection, schema);
  }
  return structuredClone(schema);
}

function generateRxSchema(collection: CollectionName): RxCollectionSchema {
  const generated = z.toJSONSchema(COLLECTION_SCHEMAS[collection], { target: 'draft-07', unrepresentable: 'throw' });
  const root = toRxNode({ ...generated }, collection);
  const properties: Record<string, JsonSchemaNode> = {};
  for (const [field, node] of Object.entries(asNode(root['properties'], collection))) {
    if (RX_OWNED_FIELDS.includes(field)) continue;
    const schemaNode = asNode(node, collection);
    if (field === 'revision') properties['serverRevision'] = schemaNode;
    else if (field === 'tenantId') properties[field] = nonNullTenantKey(schemaNode, collection);
    else properties[field] = schemaNode;
  }
  const required = (Array.isArray(root['required']) ? (root['required'] as unknown[]) : [])
    .filter((field): field is string => typeof field === 'string' && !RX_OWNED_FIELDS.includes(field))
    .map((field) => (field === 'revision' ? 'serverRevision' : field));
  return {
    title: collection,
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes: RX_INDEXES[collection],
    additionalProperties: false,
  };
}

/** The replica form of a (valid) domain document. */
export function toRxDocument<C extends CollectionName>(doc: DocumentOf<C>): RxDocumentOf<C> {
  const { revision, tenantId, ...rest } = doc;
  return { ...rest, serverRevision: revision, tenantId: tenantId ?? PLATFORM_TENANT_KEY };
}

/** Reads a replica document back into the domain, validating it. */
export function fromRxDocument<C extends CollectionName>(collection: C, data: Readonly<Record<string, unknown>>): Result<DocumentOf<C>> {
  const doc: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    if (field === '_rev' || field === '_meta' || field === '_attachments') continue;
    if (field === 'serverRevision') doc['revision'] = value;
    else if (field === 'tenantId') doc[field] = value === PLATFORM_TENANT_KEY ? null : value;
    else doc[field] = value;
  }
  if (!('_deleted' in doc)) doc['_deleted'] = false;
  return parseDocument(collection, doc);
}

/** Rewrites one generated JSON Schema node into the subset RxDB and its validators accept. */
function toRxNode(node: JsonSchemaNode, collection: CollectionName): JsonSchemaNode {
  const out: JsonSchemaNode = {};
  for (const [keyword, value] of Object.entries(node)) {
    switch (keyword) {
      case '$schema':
      case 'contentEncoding':
        break; // annotations some validators reject
      case 'format':
        // Validators disagree on formats (ajv-formats has no "base64"); zod emits a pattern for each one we use.
        break;
      case '$ref':
      case 'definitions':
      case '$defs':
        throw new Error(`rxSchemaFor(${collection}): references are not allowed in RxDB schemas`);
      case 'properties':
        out[keyword] = mapValues(asNode(value, collection), (inner) => toRxNode(asNode(inner, collection), collection));
        break;
      case 'items':
      case 'additionalProperties':
      case 'propertyNames':
      case 'not':
        out[keyword] = typeof value === 'object' && value !== null ? toRxNode(asNode(value, collection), collection) : value;
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        out[keyword] = (value as unknown[]).map((inner) => toRxNode(asNode(inner, collection), collection));
        break;
      default:
        out[keyword] = value;
    }
  }
  // RxDB needs maxLength on indexed strings: give every enum and constant one.
  if (out['type'] === 'string' && out['maxLength'] === undefined) {
    const values = Array.isArray(out['enum']) ? (out['enum'] as unknown[]) : typeof out['const'] === 'string' ? [out['const']] : [];
    if (values.length > 0) out['maxLength'] = Math.max(...values.map((value) => String(value).length));
  }
  return out;
}

/** `uuid | null` becomes `uuid | ''` so tenantId can be indexed. */
function nonNullTenantKey(node: JsonSchemaNode, collection: CollectionName): JsonSchemaNode {
  if (node['type'] === 'string') return node;
  const branches = Array.isArray(node['anyOf']) ? (node['anyOf'] as unknown[]).map((inner) => asNode(inner, collection)) : [];
  const text = branches.find((branch) => branch['type'] === 'string');
  if (text === undefined || typeof text['pattern'] !== 'string' || typeof text['maxLength'] !== 'number') {
    throw new Error(`rxSchemaFor(${collection}): tenantId must be a bounded, patterned string or null`);
  }
  return { type: 'string', maxLength: text['maxLength'], pattern: `^$|${text['pattern']}` };
}

function asNode(value: unknown, collection: CollectionName): JsonSchemaNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`rxSchemaFor(${collection}): expected a schema object`);
  }
  return value as JsonSchemaNode;
}

function mapValues(record: JsonSchemaNode, map: (value: unknown) => JsonSchemaNode): JsonSchemaNode {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

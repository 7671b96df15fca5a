/** The ten replicated collections: names, schemas, types and one parser. */
import type { z } from 'zod';
import { err, issue, ok, type DomainIssue, type Result } from '../errors.ts';
import { auditEventSchema, auditReviewSchema } from './audit.ts';
import { roleAssignmentSchema, roleSchema, tenantSchema, userSchema } from './identity.ts';
import { reportRunSchema, reportSchema } from './reports.ts';
import { workflowRunSchema, workflowSchema } from './workflows.ts';

export const COLLECTIONS = [
  'tenants',
  'users',
  'roles',
  'roleAssignments',
  'auditEvents',
  'auditReviews',
  'workflows',
  'workflowRuns',
  'reports',
  'reportRuns',
] as const;

export type CollectionName = (typeof COLLECTIONS)[number];

/** Collection name → its zod schema: the single source of truth for documents. */
export const COLLECTION_SCHEMAS = {
  tenants: tenantSchema,
  users: userSchema,
  roles: roleSchema,
  roleAssignments: roleAssignmentSchema,
  auditEvents: auditEventSchema,
  auditReviews: auditReviewSchema,
  workflows: workflowSchema,
  workflowRuns: workflowRunSchema,
  reports: reportSchema,
  reportRuns: reportRunSchema,
} as const satisfies Record<CollectionName, z.ZodObject>;

export type DocumentOf<C extends CollectionName> = z.output<(typeof COLLECTION_SCHEMAS)[C]>;
export type AnyDocument = DocumentOf<CollectionName>;

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && (COLLECTIONS as readonly string[]).includes(value);
}

/** The top-level field names of a collection's documents, in schema order. */
export function fieldsOf(collection: CollectionName): readonly string[] {
  return Object.keys(COLLECTION_SCHEMAS[collection].shape);
}

export interface FieldIssue {
  /** Where, e.g. `steps[0].minApprovals`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

/**
 * Validates untrusted input as a document of `collection`. On failure the
 * INVALID issue's message names each bad field; `details.issues` lists them.
 */
export function parseDocument<C extends CollectionName>(collection: C, input: unknown): Result<DocumentOf<C>> {
  if (!isCollectionName(collection)) {
    return err(issue('INVALID', `There is no collection named "${String(collection)}".`, { collection }));
  }
  const parsed = schemaOf(collection).safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(invalidDocument(collection, parsed.error.issues));
}

/** The schema of one collection, typed by its name. */
export function schemaOf<C extends CollectionName>(collection: C): z.ZodType<DocumentOf<C>> {
  // TypeScript cannot correlate an indexed access on the map with DocumentOf<C>; the map's own type guarantees it.
  return COLLECTION_SCHEMAS[collection] as unknown as z.ZodType<DocumentOf<C>>;
}

export function invalidDocument(collection: CollectionName, issues: readonly z.core.$ZodIssue[]): DomainIssue<'INVALID'> {
  const fieldIssues = issues.flatMap((found) => flattenIssue(found, []));
  const listed = fieldIssues.map((found) => `${found.path === '' ? '(document)' : found.path} ${found.message}`);
  const noun = collection.endsWith('s') ? collection.slice(0, -1) : collection;
  return issue('INVALID', `This ${noun} is not valid: ${listed.join('; ')}.`, {
    collection,
    issues: fieldIssues,
    fields: [...new Set(fieldIssues.map((found) => found.path))],
  });
}

function flattenIssue(found: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FieldIssue[] {
  const path = [...prefix, ...found.path];
  switch (found.code) {
    case 'invalid_key':
      return found.issues.flatMap((inner) => flattenIssue(inner, path)).map((inner) => ({ ...inner, message: `(a key) ${inner.message}` }));
    case 'invalid_element':
      return found.issues.flatMap((inner) => flattenIssue(inner, path));
    case 'invalid_union': {
      const first = found.errors[0];
      if (found.errors.length === 1 && first !== undefined) return first.flatMap((inner) => flattenIssue(inner, path));
      return [{ path: formatPath(path), message: 'matches none of the allowed shapes' }];
    }
    case 'unrecognized_keys':
      return found.keys.map((key) => ({ path: formatPath([...path, key]), message: 'is not a known field' }));
    default:
      return [{ path: formatPath(path), message: readable(found.message) }];
  }
}

/** zod's default messages, phrased to follow a field name. */
function readable(message: string): string {
  if (message.startsWith('Invalid input: expected ')) return `must be ${message.slice('Invalid input: expected '.length)}`;
  if (message.startsWith('Invalid option: expected one of ')) return `must be one of ${message.slice('Invalid option: expected one of '.length)}`;
  if (message.startsWith('Too big: expected ')) return `is too long or too large: expected ${message.slice('Too big: expected '.length)}`;
  if (message.startsWith('Too small: expected ')) return `is too short or too small: expected ${message.slice('Too small: expected '.length)}`;
  return message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/**
 * Field schemas every collection shares. Each is bounded (length, count or
 * range) so the server can refuse oversized input before doing any work, and
 * each compiles to a JSON Schema RxDB accepts (see rx-schema.ts).
 */
import { z } from 'zod';
import { isJsonRecord, jsonProblem } from './json-value.ts';

export const LIMITS = {
  name: 120,
  description: 2_000,
  note: 4_000,
  reason: 1_000,
  email: 254,
  url: 2_048,
  shortText: 64,
  externalId: 256,
  summary: 500,
  listSmall: 32,
  listMedium: 256,
  listLarge: 1_000,
  recordEntries: 200,
} as const;

/** A document's own id: a UUIDv7 in lowercase canonical form, made offline. */
export const documentId = z
  .string()
  .length(36)
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
    error: 'must be a lowercase UUIDv7 (e.g. 017f22e2-79b0-7cc3-98c4-dc0c0c07398f)',
  });

/** A reference to another record: any UUID in lowercase canonical form. */
export const uuidRef = z
  .string()
  .length(36)
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: 'must be a lowercase UUID (8-4-4-4-12 hex digits)',
  });

/**
 * A UTC instant exactly as `Date.prototype.toISOString()` writes it
 * (`2024-05-01T12:00:00.000Z`): one fixed width, so string order is time
 * order and timestamps can be compared and indexed as strings.
 */
export const timestamp = z.iso
  .datetime({ precision: 3, error: 'must be a UTC timestamp like 2024-05-01T12:00:00.000Z' })
  .length(24);

/** The server's revision: 0 until the server first stores the document. */
export const revision = z.int().min(0);

export const nonNegativeInt = z.int().min(0);

export const name = z.string().min(1, { error: 'must not be empty' }).max(LIMITS.name);
export const description = z.string().max(LIMITS.description);
export const note = z.string().max(LIMITS.note);

/** The fields every replicated document carries. */
export const documentBase = {
  id: documentId,
  /** null only for platform-wide records. */
  tenantId: uuidRef.nullable(),
  revision,
  updatedAt: timestamp,
  _deleted: z.boolean(),
} as const;

/** A dotted identifier such as an audit action (`role.assign`) or a resource type. */
export const dottedName = z
  .string()
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*(?:[.:][A-Za-z0-9_*-]+)*$/, {
    error: 'must be a dotted name like "role.assign" (letters, digits, "_", "-", separated by "." or ":")',
  });

/** A short key such as a workflow step id or a feature flag. */
export const shortKey = z
  .string()
  .max(LIMITS.shortText)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
    error: 'must start with a letter or digit and use only letters, digits, "_", "." and "-"',
  });

/**
 * `resource:action` with `*` wildcards (`*`, `audit:*`, `role:assign`). Only
 * the shape is checked here; the RBAC module parses permissions strictly.
 */
export const permission = z
  .string()
  .max(128)
  .regex(/^(?:\*|[A-Za-z][A-Za-z0-9_.-]*(?::(?:\*|[A-Za-z][A-Za-z0-9_.*-]*))*)$/, {
    error: 'must look like "resource:action" ("*" and "audit:*" are allowed)',
  });

/**
 * A cron expression (5 or 6 fields) or a nickname such as `@daily`. Only the
 * shape is checked; the scheduler parses it.
 */
export const cron = z
  .string()
  .max(120)
  .regex(/^(?:@(?:yearly|annually|monthly|weekly|daily|hourly)|[0-9A-Za-z*/,?#LW-]+(?: [0-9A-Za-z*/,?#LW-]+){4,5})$/, {
    error: 'must be a cron expression with 5 or 6 fields (e.g. "0 6 * * 1") or a nickname like "@daily"',
  });

export const httpsUrl = z
  .string()
  .max(LIMITS.url)
  .regex(/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, { error: 'must be an https:// URL' });

export const sha256Hex = z.string().length(64).regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' });

export const base64 = z
  .string()
  .max(1_024)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, { error: 'must be base64' });

/** A record of canonicalizable JSON with bounded size (see json-value.ts). */
export const jsonRecord = z
  .record(z.string().min(1).max(128), z.unknown())
  .refine(isJsonRecord, { error: (iss) => `must be JSON that can be canonicalized: it ${jsonProblem(iss.input) ?? 'is not a plain object'}` });

/** A list with at most `max` entries. */
export function list<T extends z.ZodType>(item: T, max: number) {
  return z.array(item).max(max);
}

/** A record with a bounded number of entries. */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, max: number) {
  return z.record(key, value).refine((entries) => Object.keys(entries).length <= max, {
    error: `must have at most ${max} entries`,
  });
}

/**
 * Free-form JSON carried by documents (audit event context, report filters).
 * It must survive RFC 8785 canonicalization unchanged, so the audit ledger can
 * hash it: plain objects, arrays, strings, finite numbers, booleans, null —
 * no NaN/Infinity, undefined, bigint, Dates, class instances or lone
 * surrogates. It is also bounded, so a server can refuse oversized input.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const JSON_LIMITS = {
  /** Nesting depth below the record itself. */
  maxDepth: 8,
  /** Characters of keys and strings, plus one per value, across the whole value. */
  maxWeight: 65_536,
  maxKeyLength: 128,
} as const;

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What makes `value` unfit as canonical JSON, as a readable sentence, or null. */
export function jsonProblem(value: unknown): string | null {
  const budget = { weight: 0 };
  return problemAt(value, '', 0, budget);
}

/** True when `value` is a record of canonicalizable JSON within {@link JSON_LIMITS}. */
export function isJsonRecord(value: unknown): value is Record<string, JsonValue> {
  return isPlainObject(value) && jsonProblem(value) === null;
}

function problemAt(value: unknown, path: string, depth: number, budget: { weight: number }): string | null {
  budget.weight += 1;
  if (budget.weight > JSON_LIMITS.maxWeight) return `is too large (over ${JSON_LIMITS.maxWeight} characters of JSON content)`;
  const where = path === '' ? '' : ` at ${path}`;
  switch (typeof value) {
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : `has ${String(value)}${where}; JSON numbers must be finite`;
    case 'string':
      budget.weight += value.length;
      if (budget.weight > JSON_LIMITS.maxWeight) return `is too large (over ${JSON_LIMITS.maxWeight} characters of JSON content)`;
      return LONE_SURROGATE.test(value) ? `has a string with an unpaired surrogate${where}` : null;
    case 'object':
      break;
    default:
      return `has a ${typeof value} value${where}, which is not JSON`;
  }
  if (value === null) return null;
  if (depth >= JSON_LIMITS.maxDepth) return `is nested deeper than ${JSON_LIMITS.maxDepth} levels${where}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) return `has an empty array slot at ${path}[${i}]`;
      const found = problemAt(value[i] as unknown, `${path}[${i}]`, depth + 1, budget);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isPlainObject(value)) return `has a non-plain object${where} (only plain objects and arrays are JSON)`;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === '__proto__') return `uses the reserved key "__proto__"${where}`;
    if (key.length > JSON_LIMITS.maxKeyLength) return `has a key longer than ${JSON_LIMITS.maxKeyLength} characters${where}`;
    if (LONE_SURROGATE.test(key)) return `has a key with an unpaired surrogate${where}`;
    budget.weight += key.length;
    const found = problemAt(inner, at, depth + 1, budget);
    if (found !== null) return found;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

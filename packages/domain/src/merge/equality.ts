/**
 * Structural equality of JSON values, the comparison every merge decision
 * rests on. Documents cross the wire as JSON, so two values are equal when
 * they would serialize to the same canonical JSON: key order does not matter,
 * array order does, and a member whose value is `undefined` is the same as an
 * absent one (JSON drops it). This is what RFC 8785 canonical-form equality
 * decides, computed without building the strings and without throwing.
 */

export function jsonEqual(a: unknown, b: unknown): boolean {
  // `===` also makes 0 and -0 equal, as canonical JSON does.
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const left = definedEntries(a);
  const right = definedEntries(b);
  if (left.size !== right.size) return false;
  for (const [key, value] of left) {
    if (!right.has(key) || !jsonEqual(value, right.get(key))) return false;
  }
  return true;
}

/**
 * The top-level fields whose values differ between two documents, in the
 * order they first appear (`a`'s fields, then `b`'s). A missing document
 * (null) differs from the other in every field it has.
 */
export function changedFields(a: object | null, b: object | null): string[] {
  const left = a === null ? new Map<string, unknown>() : definedEntries(a);
  const right = b === null ? new Map<string, unknown>() : definedEntries(b);
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  return fields.filter((field) => !jsonEqual(left.get(field), right.get(field)));
}

function definedEntries(value: object): Map<string, unknown> {
  return new Map(Object.entries(value).filter(([, inner]) => inner !== undefined));
}

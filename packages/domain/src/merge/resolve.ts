/**
 * Resolving a conflict field by field, as the desktop's conflict view does:
 * for every conflicting field the person picks this device's value, the
 * server's, or the value both started from. The result is the document to
 * push next, with the server's current state as its assumed master state.
 *
 * Every conflict must be decided — a field left undecided would silently keep
 * the server's value and lose the person's — and nothing else may be, so a
 * stale choice (from a conflict that has since changed) is refused rather
 * than applied to the wrong question. The resolved document is validated,
 * since choices from different sides can break a rule spanning fields.
 */
import { err, issue, ok, type DomainIssue, type Result } from '../errors.ts';
import { invalidDocument, schemaOf, type CollectionName, type DocumentOf } from '../schema/collections.ts';
import type { ConflictResult } from './merge.ts';

export const RESOLUTION_SIDES = ['mine', 'theirs', 'base'] as const;
export type ResolutionSide = (typeof RESOLUTION_SIDES)[number];

/** Field → which side's value to keep. */
export type ConflictChoices = Readonly<Record<string, ResolutionSide>>;

export function resolveConflicts<C extends CollectionName>(conflict: ConflictResult<C>, choices: ConflictChoices): Result<DocumentOf<C>, DomainIssue<'INVALID'>> {
  const asked = new Set(conflict.conflicts.map((found) => found.field));
  const unknown = Object.keys(choices).filter((field) => !asked.has(field));
  if (unknown.length > 0) {
    return err(invalid(`There is no conflict on ${unknown.join(', ')}; the conflicting fields are ${[...asked].join(', ')}.`, { reason: 'not-in-conflict', fields: unknown }));
  }
  const undecided = [...asked].filter((field) => choices[field] === undefined);
  if (undecided.length > 0) {
    return err(invalid(`Choose a version for every conflicting field; still undecided: ${undecided.join(', ')}.`, { reason: 'undecided', fields: undecided }));
  }
  const resolved: Record<string, unknown> = { ...conflict.merged };
  for (const found of conflict.conflicts) {
    const side: unknown = choices[found.field];
    if (!isSide(side)) {
      return err(invalid(`The choice for ${found.field} must be one of ${RESOLUTION_SIDES.join(', ')}; got ${JSON.stringify(side)}.`, { reason: 'bad-choice', fields: [found.field] }));
    }
    const value = found[side];
    if (value === undefined && side === 'base') {
      return err(invalid(`${found.field} has no earlier version to go back to: both sides created this document.`, { reason: 'no-base', fields: [found.field] }));
    }
    if (value === undefined) delete resolved[found.field];
    else resolved[found.field] = value;
  }
  const parsed = schemaOf(conflict.collection).safeParse(resolved);
  if (parsed.success) return ok(parsed.data);
  const found = invalidDocument(conflict.collection, parsed.error.issues);
  return err(issue('INVALID', `These choices do not make a valid document: ${found.message}`, { ...found.details, reason: 'resolution-invalid' }));
}

function isSide(value: unknown): value is ResolutionSide {
  return typeof value === 'string' && (RESOLUTION_SIDES as readonly string[]).includes(value);
}

function invalid(message: string, details: Record<string, unknown>): DomainIssue<'INVALID'> {
  return issue('INVALID', message, details);
}

/**
 * A conflict as a person meets it: which field, and its value at the base
 * (what both sides started from), on this device, and on the server.
 */
import { issue, type DomainIssue } from '../errors.ts';
import type { CollectionName } from '../schema/collections.ts';
import { MERGE_POLICIES } from './policy.ts';

export interface FieldConflict {
  readonly field: string;
  /** The value both sides started from; undefined when both sides created the document. */
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
}

/**
 * The CONFLICT rejection for a merge, naming the fields. A delete against an
 * edit is said in those words, since "_deleted" means nothing to a person.
 */
export function conflictIssue(collection: CollectionName, id: unknown, conflicts: readonly FieldConflict[]): DomainIssue<'CONFLICT'> {
  const { noun } = MERGE_POLICIES[collection];
  const fields = conflicts.map((conflict) => conflict.field);
  const edited = fields.filter((field) => field !== '_deleted');
  const deletion = conflicts.find((conflict) => conflict.field === '_deleted');
  const sentences: string[] = [];
  if (deletion !== undefined) {
    if (deletion.mine === true) sentences.push(`You deleted this ${noun}, but it was changed on the server meanwhile.`);
    else if (deletion.theirs === true) sentences.push(`This ${noun} was deleted on the server while you changed it.`);
    else sentences.push(`This ${noun} was deleted on one side and restored or changed on the other.`);
  }
  if (edited.length > 0) {
    sentences.push(`${edited.length === 1 ? 'A field was' : 'Fields were'} changed both here and on the server: ${edited.join(', ')}.`);
  }
  sentences.push(conflicts.length === 1 ? 'Choose which version to keep.' : 'Choose which version to keep for each.');
  return issue('CONFLICT', sentences.join(' '), { collection, id, fields });
}

/**
 * Three-way merge per collection against the assumed master state.
 *
 * Server, for a pushed row whose assumedMasterState.revision is not the stored one:
 *
 *     const result = mergeDocument(collection, row.assumedMasterState ?? null, row.newDocumentState, stored ?? null)
 *     merged     → write result.doc if result.changedFields is not empty (empty: already applied)
 *     conflict   → answer with the stored document as the conflict (result.issue for the reason)
 *     immutable  → reject with result.issue (IMMUTABLE)
 *     invalid    → reject with result.issue (INVALID)
 *
 * Desktop: show `conflict.conflicts` field by field, then
 * `resolveConflicts(conflict, choices)` gives the document to push next.
 */
export { changedFields, jsonEqual } from './equality.ts';
export { conflictIssue, type FieldConflict } from './conflict.ts';
export { mergeDocument, mergeFields, type ConflictResult, type MergeResult, type MergedResult } from './merge.ts';
// The server-set field list itself is not re-exported: rules/ exports its own SERVER_SET_FIELDS; ask isServerSet per collection.
export { MERGE_POLICIES, isServerSet, type GrowOnlyList, type MergePolicy } from './policy.ts';
export { RESOLUTION_SIDES, resolveConflicts, type ConflictChoices, type ResolutionSide } from './resolve.ts';
export { mergeGrowOnly } from './grow-only.ts';

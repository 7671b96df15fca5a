/**
 * The audit log's rows from the replica's documents, in one pass that also
 * gathers the filter menus' choices, and that can run in short slices
 * (time-slices.ts): on 50,000 events, making the rows and the choices in the
 * render that received them blocked the main thread for 160–280 ms when the
 * full set arrived. Their order is the documents'; sorting is the table's.
 */
import type { ReplicaDoc } from '../replica/bulk-read.ts';
import { collectChoices, type FilterChoices } from './audit-filters.ts';
import { toAuditRow, type AuditRow } from './audit-row.ts';
import { AT_ONCE, type Slicer } from './time-slices.ts';

export interface BuiltRows {
  /** One per document, in the documents' order. */
  readonly rows: readonly AuditRow[];
  readonly choices: FilterChoices;
}

/** How many rows are made between two looks at the slice's clock. */
const ROWS_PER_LOOK = 256;

/** Every document's row and the filter choices; null if `signal` aborted meanwhile. */
export async function buildAuditRows(docs: readonly ReplicaDoc[], labels: ReadonlyMap<string, string>, slicer: Slicer = AT_ONCE, signal?: AbortSignal): Promise<BuiltRows | null> {
  const rows: AuditRow[] = [];
  const collector = collectChoices();
  for (const doc of docs) {
    const row = rowOf(doc, labels);
    rows.push(row);
    collector.add(row);
    if (rows.length % ROWS_PER_LOOK === 0 && slicer.due()) {
      await slicer.next();
      if (signal?.aborted === true) return null;
    }
  }
  return { rows, choices: collector.choices() };
}

/** The same, in the current task. */
export function buildAuditRowsNow(docs: readonly ReplicaDoc[], labels: ReadonlyMap<string, string>): BuiltRows {
  const collector = collectChoices();
  const rows = docs.map((doc) => {
    const row = rowOf(doc, labels);
    collector.add(row);
    return row;
  });
  return { rows, choices: collector.choices() };
}

/**
 * Each document's row, kept while the document is (and the labels are the
 * same): while syncing, every emission holds all events read so far, and
 * only the new ones need rows; a screen opening on an already-read replica
 * finds them all. New labels (a user renamed) start a new cache.
 */
let rowCache: { readonly labels: ReadonlyMap<string, string>; readonly rows: WeakMap<ReplicaDoc, AuditRow> } | null = null;

let lastLabels: { readonly key: string; readonly labels: ReadonlyMap<string, string> } | null = null;

/** The previous labels when no user's label changed, so rows made with them stay valid (users are re-read on every screen and re-emitted while syncing). */
export function sameLabels(labels: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const key = [...labels].join('\n');
  if (lastLabels?.key !== key) lastLabels = { key, labels };
  return lastLabels.labels;
}

export function rowOf(doc: ReplicaDoc, labels: ReadonlyMap<string, string>): AuditRow {
  if (rowCache?.labels !== labels) rowCache = { labels, rows: new WeakMap() };
  let row = rowCache.rows.get(doc);
  if (row === undefined) {
    row = toAuditRow(doc, labels);
    rowCache.rows.set(doc, row);
  }
  return row;
}

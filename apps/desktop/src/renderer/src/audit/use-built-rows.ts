import { startTransition, useEffect, useMemo, useState } from 'react';
import { markOnce } from '../perf/marks.ts';
import type { ReplicaDoc } from '../replica/bulk-read.ts';
import type { Loaded } from '../replica/live-collection.ts';
import { buildAuditRows, buildAuditRowsNow, type BuiltRows } from './build-rows.ts';
import { latestBuild } from './latest-build.ts';
import { timeSlicer } from './time-slices.ts';

/** Up to this many documents (the first page, a small replica) are made into rows during the render that receives them; more in slices after it. */
export const BUILD_NOW_LIMIT = 2_000;

/** Each slice's share of the main thread: well under a frame, so the page keeps drawing and answering input. */
const SLICE_MS = 6;

interface BuildInput {
  /** The documents the rows are made of. */
  readonly loaded: Loaded<ReplicaDoc>;
  readonly labels: ReadonlyMap<string, string>;
}

export interface ShownRows extends BuiltRows, BuildInput {}

/** Emissions numbered in the order this module first sees them (the order they were emitted), so rows built late never replace newer ones. */
const emissionOrder = new WeakMap<Loaded<ReplicaDoc>, number>();
let emissionsSeen = 0;

function orderOf(loaded: Loaded<ReplicaDoc>): number {
  let order = emissionOrder.get(loaded);
  if (order === undefined) {
    order = ++emissionsSeen;
    emissionOrder.set(loaded, order);
  }
  return order;
}

/** The rows to show: `next` unless `shown` is of a later emission. */
function newer(shown: ShownRows | null, next: ShownRows): ShownRows {
  return shown !== null && orderOf(shown.loaded) > orderOf(next.loaded) ? shown : next;
}

/** What was built for each emission (kept while the emission is), so a screen opening on rows built before shows them at once. */
const builtBefore = new WeakMap<Loaded<ReplicaDoc>, ShownRows>();

function builtFor(loaded: Loaded<ReplicaDoc>, labels: ReadonlyMap<string, string>): ShownRows | null {
  const known = builtBefore.get(loaded);
  return known?.labels === labels ? known : null;
}

function remember(loaded: Loaded<ReplicaDoc>, labels: ReadonlyMap<string, string>, built: BuiltRows): ShownRows {
  const shown = { ...built, loaded, labels };
  builtBefore.set(loaded, shown);
  return shown;
}

/**
 * The rows of the newest emission, once they are made; until then those of
 * an earlier one (the first page while the full set is made into rows).
 * A large set is made in slices of a few milliseconds and shown in a
 * transition, so React may split its render too: neither blocks the main
 * thread in one long task. One set is made at a time (latest-build.ts).
 * Null until the first emission's rows are made.
 */
export function useBuiltRows(loaded: Loaded<ReplicaDoc> | null, labels: ReadonlyMap<string, string>, onError: (error: unknown) => void): ShownRows | null {
  const [shown, setShown] = useState<ShownRows | null>(null);
  if (loaded !== null && (shown?.loaded !== loaded || shown.labels !== labels)) {
    orderOf(loaded);
    // Rows that can be had now are shown in this render (React renders again at once, before any child).
    const ready = builtFor(loaded, labels) ?? (loaded.docs.length <= BUILD_NOW_LIMIT ? remember(loaded, labels, buildAuditRowsNow(loaded.docs, labels)) : null);
    if (ready !== null && newer(shown, ready) === ready) setShown(ready);
  }

  const builder = useMemo(
    () =>
      latestBuild<BuildInput, ShownRows>(
        async (input, signal) => {
          const built = await buildAuditRows(input.loaded.docs, input.labels, timeSlicer(SLICE_MS), signal);
          return built === null ? null : remember(input.loaded, input.labels, built);
        },
        (_input, ready) => {
          if (ready.loaded.complete) markOnce('audit-all-rows-built');
          startTransition(() => setShown((current) => newer(current, ready)));
        },
        onError,
      ),
    [onError],
  );
  useEffect(() => () => builder.stop(), [builder]);
  useEffect(() => {
    if (loaded !== null && builtFor(loaded, labels) === null) builder.request({ loaded, labels });
  }, [loaded, labels, builder]);

  return shown;
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReplaySubject, Subject, of, race, share, timer, type Observable } from 'rxjs';
import { markOnce } from '../perf/marks.ts';
import type { ReplicaDoc } from '../replica/bulk-read.ts';
import type { ReplicaCollection, ReplicaDatabase } from '../replica/database.ts';
import { liveCollection, progressiveCollection, replicaSource, type Loaded } from '../replica/live-collection.ts';
import { NO_CHOICES, type FilterChoices } from './audit-filters.ts';
import { userLabels, type AuditRow } from './audit-row.ts';
import { sameLabels } from './build-rows.ts';
import { useBuiltRows } from './use-built-rows.ts';

type Docs = readonly Readonly<Record<string, unknown>>[];

/** How many of the newest events are read (through the occurredAt index) and shown before the rest. */
export const FIRST_PAGE = 200;

export interface AuditRowsState {
  /** null until the replica has been read once; while `complete` is false, only the newest events (and any changed since). */
  readonly rows: readonly AuditRow[] | null;
  /** What the filter menus offer: the values present in `rows`. */
  readonly choices: FilterChoices;
  /** Whether `rows` is every event in the replica, or still only the newest page while the rest is read. */
  readonly complete: boolean;
  /** How many events the replica holds (counted when the screen opened, until every event is read). */
  readonly total: number;
  readonly error: string | null;
  /** Tenant names by id, for the details panel. */
  readonly tenantNames: ReadonlyMap<string, string>;
  /** User labels by id, for naming reviewers. */
  readonly userNames: ReadonlyMap<string, string>;
}

/**
 * Every audit event in the replica, kept current; redrawn at most a few
 * times a second while syncing. The newest page comes first, so the table
 * can be drawn at once while the rest (50,000+ events) is read.
 */
export function useAuditRows(db: ReplicaDatabase): AuditRowsState {
  const [events, setEvents] = useState<Loaded<ReplicaDoc> | null>(null);
  const [counted, setCounted] = useState<number | null>(null);
  const [users, setUsers] = useState<Docs | null>(null);
  const [tenants, setTenants] = useState<Docs>([]);
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((e: unknown): void => setError(`The local replica could not be read: ${e instanceof Error ? e.message : String(e)}`), []);

  useEffect(() => {
    const auditEvents = db.collections.auditEvents;
    const eventsSub = sharedAuditEvents(auditEvents).subscribe({
      next: (loaded) => {
        markOnce(loaded.complete ? 'audit-all-read' : 'audit-first-page-read');
        setEvents(loaded);
      },
      error: fail,
    });
    let open = true;
    auditEvents
      .count()
      .exec()
      .then((n) => open && setCounted(n), fail);
    const usersSub = liveCollection(replicaSource(db.collections.users), (d) => d.id, 400).subscribe({ next: setUsers, error: fail });
    const tenantsSub = liveCollection(replicaSource(db.collections.tenants), (d) => d.id, 400).subscribe({ next: setTenants, error: fail });
    return () => {
      open = false;
      eventsSub.unsubscribe();
      usersSub.unsubscribe();
      tenantsSub.unsubscribe();
    };
  }, [db, fail]);

  const labels = useMemo(() => sameLabels(userLabels(users ?? [])), [users]);
  // Rows wait for the users too, so actors are named from the first draw.
  const shown = useBuiltRows(users === null ? null : events, labels, fail);
  const rows = shown?.rows ?? null;
  const tenantNames = useMemo(() => new Map(tenants.map((t) => [String(t['id']), typeof t['name'] === 'string' ? t['name'] : String(t['id'])])), [tenants]);
  // Complete once the rows of every event are made, not merely read.
  const complete = shown?.loaded.complete ?? false;
  const total = complete ? (rows?.length ?? 0) : Math.max(counted ?? 0, rows?.length ?? 0);
  return { rows, choices: shown?.choices ?? NO_CHOICES, complete, total, error, tenantNames, userNames: labels };
}

/** How long the audit events stay read (and kept current) after the last screen showing them closes, unless the replica closes first. */
const KEEP_READ_MS = 5 * 60_000;
const readings = new WeakMap<ReplicaCollection, Observable<Loaded<ReplicaDoc>>>();

/**
 * One reading of a replica's audit events, shared by every screen that
 * shows them, so going from the Overview to the audit log and back does not
 * read 50,000 events again each time.
 */
function sharedAuditEvents(auditEvents: ReplicaCollection): Observable<Loaded<ReplicaDoc>> {
  let reading = readings.get(auditEvents);
  if (reading === undefined) {
    const source = replicaSource(auditEvents, { first: { newestBy: 'occurredAt', limit: FIRST_PAGE } });
    const closed = new Subject<void>();
    auditEvents.onClose.push(() => {
      readings.delete(auditEvents);
      closed.next();
    });
    reading = progressiveCollection(source, (d) => d.id, 400, { beforeRest: afterNextPaint }).pipe(
      share({
        connector: () => new ReplaySubject<Loaded<ReplicaDoc>>(1),
        resetOnError: true,
        resetOnComplete: true,
        // Signed out (the replica closed): nothing is kept.
        resetOnRefCountZero: () => (auditEvents.closed ? of(true) : race(timer(KEEP_READ_MS), closed)),
      }),
    );
    readings.set(auditEvents, reading);
  }
  return reading;
}

/** Resolves once the browser has painted what is rendered now (or after 250 ms where frames are not drawn, e.g. a hidden window). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 250);
  });
}

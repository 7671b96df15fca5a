import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { liveCollection, progressiveCollection, type Change, type Loaded } from './live-collection.ts';

interface Doc {
  readonly id: string;
  readonly v: number;
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('liveCollection', () => {
  it('emits the loaded documents, then applies changes in coalesced emissions', async () => {
    const changes$ = new Subject<readonly Change<Doc>[]>();
    const emitted: (readonly Doc[])[] = [];
    const sub = liveCollection({ load: () => Promise.resolve([{ id: 'a', v: 1 }]), changes$ }, (d) => d.id, 5).subscribe((docs) => emitted.push(docs));
    await tick();
    expect(emitted).toEqual([[{ id: 'a', v: 1 }]]);
    changes$.next([{ op: 'upsert', id: 'b', doc: { id: 'b', v: 1 } }]);
    changes$.next([{ op: 'upsert', id: 'a', doc: { id: 'a', v: 2 } }, { op: 'delete', id: 'b' }]);
    await tick(20);
    expect(emitted).toHaveLength(2);
    expect(emitted[1]).toEqual([{ id: 'a', v: 2 }]);
    sub.unsubscribe();
    expect(changes$.observed).toBe(false);
  });

  it('keeps changes made while the first query runs (none lost, none doubled)', async () => {
    const changes$ = new Subject<readonly Change<Doc>[]>();
    const load = deferred<readonly Doc[]>();
    const emitted: (readonly Doc[])[] = [];
    liveCollection({ load: () => load.promise, changes$ }, (d) => d.id, 5).subscribe((docs) => emitted.push(docs));
    changes$.next([{ op: 'upsert', id: 'c', doc: { id: 'c', v: 1 } }]);
    changes$.next([{ op: 'delete', id: 'a' }]);
    changes$.next([{ op: 'upsert', id: 'b', doc: { id: 'b', v: 2 } }]);
    load.resolve([{ id: 'a', v: 1 }, { id: 'b', v: 1 }]);
    await tick();
    expect(emitted).toEqual([[{ id: 'b', v: 2 }, { id: 'c', v: 1 }]]);
  });

  it('reports a failed first query', async () => {
    const errors: unknown[] = [];
    liveCollection({ load: () => Promise.reject(new Error('IndexedDB closed')), changes$: new Subject<readonly Change<Doc>[]>() }, (d: Doc) => d.id, 5).subscribe({ error: (e: unknown) => errors.push(e) });
    await tick();
    expect(errors).toEqual([new Error('IndexedDB closed')]);
  });
});

describe('progressiveCollection', () => {
  const upsert = (id: string, v: number): Change<Doc> => ({ op: 'upsert', id, doc: { id, v } });

  it('emits the first page as incomplete, then every document as complete', async () => {
    const changes$ = new Subject<readonly Change<Doc>[]>();
    const all = deferred<readonly Doc[]>();
    const emitted: Loaded<Doc>[] = [];
    let fullReads = 0;
    const source = {
      loadFirst: () => Promise.resolve([{ id: 'c', v: 1 }]),
      load: () => {
        fullReads += 1;
        return all.promise;
      },
      changes$,
    };
    progressiveCollection(source, (d) => d.id, 5).subscribe((loaded) => emitted.push(loaded));
    await tick(5);
    expect(emitted).toEqual([{ docs: [{ id: 'c', v: 1 }], complete: false }]);
    expect(fullReads).toBe(1);
    all.resolve([{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }]);
    await tick();
    expect(emitted[1]).toEqual({ docs: [{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }], complete: true });
  });

  it('loses no change made during either read, and lets none be undone by an older full read', async () => {
    const changes$ = new Subject<readonly Change<Doc>[]>();
    const first = deferred<readonly Doc[]>();
    const all = deferred<readonly Doc[]>();
    const emitted: Loaded<Doc>[] = [];
    progressiveCollection({ loadFirst: () => first.promise, load: () => all.promise, changes$ }, (d) => d.id, 5).subscribe((loaded) => emitted.push(loaded));
    // During the first read: a new event arrives, the newest is updated.
    changes$.next([upsert('d', 1), upsert('c', 2)]);
    first.resolve([{ id: 'c', v: 1 }]);
    await tick(5);
    expect(emitted).toEqual([{ docs: [{ id: 'c', v: 2 }, { id: 'd', v: 1 }], complete: false }]);
    // During the full read (which started before these, so returns the old versions): shown at once, as part of the page.
    changes$.next([upsert('a', 2), { op: 'delete', id: 'b' }, upsert('e', 1)]);
    await tick(20);
    expect(emitted.at(-1)).toEqual({ docs: [{ id: 'c', v: 2 }, { id: 'd', v: 1 }, { id: 'a', v: 2 }, { id: 'e', v: 1 }], complete: false });
    all.resolve([{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }]);
    await tick();
    const last = emitted.at(-1);
    expect(last?.complete).toBe(true);
    expect([...(last?.docs ?? [])].sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: 'a', v: 2 },
      { id: 'c', v: 2 },
      { id: 'd', v: 1 },
      { id: 'e', v: 1 },
    ]);
    // Afterwards, changes apply as usual.
    changes$.next([{ op: 'delete', id: 'a' }]);
    await tick(20);
    expect(emitted.at(-1)?.docs.map((d) => d.id)).toEqual(['c', 'd', 'e']);
    expect(emitted.at(-1)?.complete).toBe(true);
  });

  it('starts the full read only after beforeRest, and not at all once unsubscribed', async () => {
    const painted = deferred<void>();
    let fullReads = 0;
    const source = {
      loadFirst: () => Promise.resolve([{ id: 'a', v: 1 }]),
      load: () => {
        fullReads += 1;
        return Promise.resolve([{ id: 'a', v: 1 }]);
      },
      changes$: new Subject<readonly Change<Doc>[]>(),
    };
    const emitted: Loaded<Doc>[] = [];
    const sub = progressiveCollection(source, (d) => d.id, 5, { beforeRest: () => painted.promise }).subscribe((loaded) => emitted.push(loaded));
    await tick(20);
    expect(emitted).toHaveLength(1);
    expect(fullReads).toBe(0);
    sub.unsubscribe();
    painted.resolve();
    await tick();
    expect(fullReads).toBe(0);
    expect(source.changes$.observed).toBe(false);
  });

  it('reports a failed full read after the first page', async () => {
    const errors: unknown[] = [];
    const source = { loadFirst: () => Promise.resolve([]), load: () => Promise.reject(new Error('IndexedDB closed')), changes$: new Subject<readonly Change<Doc>[]>() };
    progressiveCollection(source, (d: Doc) => d.id, 5).subscribe({ error: (e: unknown) => errors.push(e) });
    await tick(5);
    expect(errors).toEqual([new Error('IndexedDB closed')]);
  });

  it('is not used by liveCollection, which reads everything once and emits only the whole collection', async () => {
    let firstReads = 0;
    const source = {
      loadFirst: () => {
        firstReads += 1;
        return Promise.resolve([{ id: 'b', v: 1 }]);
      },
      load: () => Promise.resolve([{ id: 'a', v: 1 }, { id: 'b', v: 1 }]),
      changes$: new Subject<readonly Change<Doc>[]>(),
    };
    const emitted: (readonly Doc[])[] = [];
    liveCollection(source, (d) => d.id, 5).subscribe((docs) => emitted.push(docs));
    await tick();
    expect(firstReads).toBe(0);
    expect(emitted).toEqual([[{ id: 'a', v: 1 }, { id: 'b', v: 1 }]]);
  });
});

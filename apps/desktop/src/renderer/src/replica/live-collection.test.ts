import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { liveCollection, type Change } from './live-collection.ts';

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

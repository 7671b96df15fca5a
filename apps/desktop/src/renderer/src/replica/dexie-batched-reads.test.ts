import { describe, expect, it } from 'vitest';
import { BATCHED_READ_MIN_KEYS, BATCHED_READ_SPREAD, batchedGetMany, type DBCoreTable } from './dexie-batched-reads.ts';

/** An in-memory table with Dexie's DBCore read semantics (primary key `id`), counting the requests it serves. */
function memoryTable(ids: readonly string[], { outbound = false }: { outbound?: boolean } = {}) {
  const rows = new Map(ids.map((id) => [id, { id, body: `doc ${id}` }]));
  const calls = { getMany: [] as unknown[][], query: 0 };
  const table = {
    name: 'docs',
    schema: { name: 'docs', primaryKey: { name: null, isPrimaryKey: true, outbound, keyPath: outbound ? null : 'id' }, indexes: [], getIndexByKeyPath: () => undefined },
    getMany: (req: { keys: unknown[] }) => {
      calls.getMany.push(req.keys);
      return Promise.resolve(req.keys.map((key) => (typeof key === 'string' ? rows.get(key) : undefined)));
    },
    query: (req: { values?: boolean; limit?: number; query: { range: { lower: string; upper: string; lowerOpen?: boolean; upperOpen?: boolean } } }) => {
      calls.query++;
      expect(req.values).toBe(false);
      const { lower, upper, lowerOpen, upperOpen } = req.query.range;
      const keys = [...rows.keys()].sort().filter((key) => (lowerOpen === true ? key > lower : key >= lower) && (upperOpen === true ? key < upper : key <= upper));
      return Promise.resolve({ result: keys.slice(0, req.limit ?? Infinity) });
    },
  };
  return { table: table as unknown as DBCoreTable, calls };
}

const trans = { abort: () => undefined };
const id = (n: number): string => `0190${n.toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`;

describe('batchedGetMany', () => {
  it('reads only the ids the table holds, and answers as per-id reads would (order, duplicates, misses)', async () => {
    const { table, calls } = memoryTable([id(1), id(3), id(5), id(100)]);
    const keys = [id(5), id(2), id(1), id(4), id(5), id(6), id(7), id(8), id(9)];
    const got = await batchedGetMany(table)({ trans, keys });
    expect(got).toEqual(await memoryTable([id(1), id(3), id(5), id(100)]).table.getMany({ trans, keys }));
    expect(got[0]).toEqual({ id: id(5), body: `doc ${id(5)}` });
    expect(got[1]).toBeUndefined();
    expect(calls.query).toBe(1);
    expect(calls.getMany).toEqual([[id(5), id(1)]]);
  });

  it('makes no per-id reads when none of the ids is held (a fresh replica)', async () => {
    const { table, calls } = memoryTable([id(1000), id(2000)]);
    const keys = Array.from({ length: 50 }, (_, i) => id(i));
    const got = await batchedGetMany(table)({ trans, keys });
    expect(got).toEqual(keys.map(() => undefined));
    expect(calls).toEqual({ getMany: [], query: 1 });
  });

  it('reads id by id when the range is crowded with documents not asked for', async () => {
    const held = Array.from({ length: BATCHED_READ_MIN_KEYS * BATCHED_READ_SPREAD * 3 }, (_, i) => id(i));
    const { table, calls } = memoryTable(held);
    // Eight ids spread over 5,000 positions: the range holds every document, far more than asked for.
    const keys = [...Array.from({ length: BATCHED_READ_MIN_KEYS - 1 }, (_, i) => id(i * 10)), id(5000)];
    const got = await batchedGetMany(table)({ trans, keys });
    expect(got.map((doc) => (doc as { id: string } | undefined)?.id)).toEqual([...keys.slice(0, -1), undefined]);
    expect(calls.query).toBe(1);
    expect(calls.getMany).toEqual([keys]);
  });

  it('leaves few ids, non-string keys and outbound primary keys to the per-id reads', async () => {
    const few = memoryTable([id(1)]);
    await batchedGetMany(few.table)({ trans, keys: [id(1), id(2)] });
    expect(few.calls).toEqual({ getMany: [[id(1), id(2)]], query: 0 });
    const numbers = memoryTable([id(1)]);
    const mixed: unknown[] = [...Array.from({ length: BATCHED_READ_MIN_KEYS }, (_, i) => id(i)), 7];
    await batchedGetMany(numbers.table)({ trans, keys: mixed });
    expect(numbers.calls).toEqual({ getMany: [mixed], query: 0 });
    const outbound = memoryTable([id(1)], { outbound: true });
    const keys = Array.from({ length: BATCHED_READ_MIN_KEYS }, (_, i) => id(i));
    await batchedGetMany(outbound.table)({ trans, keys });
    expect(outbound.calls).toEqual({ getMany: [keys], query: 0 });
  });

  it('agrees with per-id reads on random tables and id sets', async () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const held = Array.from({ length: random(200) }, () => id(random(1000)));
      const keys = Array.from({ length: random(60) }, () => (random(3) === 0 && held.length > 0 ? (held[random(held.length)] ?? id(0)) : id(random(1000))));
      const batched = await batchedGetMany(memoryTable(held).table)({ trans, keys });
      const plain = await memoryTable(held).table.getMany({ trans, keys });
      expect(batched).toEqual(plain);
    }
  });
});

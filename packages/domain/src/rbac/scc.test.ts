import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCycle, stronglyConnectedComponents } from './scc.ts';

function graph(edges: Record<string, string[]>): [string[], Map<string, string[]>] {
  return [Object.keys(edges), new Map(Object.entries(edges))];
}

describe('stronglyConnectedComponents', () => {
  it('finds cycles and lists components in reverse topological order', () => {
    // a → b → c → b, c → d; e alone
    const [nodes, links] = graph({ a: ['b'], b: ['c'], c: ['b', 'd'], d: [], e: [] });
    const components = stronglyConnectedComponents(nodes, links).map((c) => [...c].sort());
    expect(components).toEqual([['d'], ['b', 'c'], ['a'], ['e']]);
  });

  it('handles a 100,000-long chain without overflowing the stack', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
    const links = new Map(nodes.map((id, i) => [id, i + 1 < n ? [`n${i + 1}`] : []]));
    const components = stronglyConnectedComponents(nodes, links);
    expect(components.length).toBe(n);
    expect(components[0]).toEqual([`n${n - 1}`]);
  });

  it('partitions the nodes, and every link points to its own or an earlier component', () => {
    const edges = fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 25 });
    fc.assert(
      fc.property(edges, (pairs) => {
        const nodes = Array.from({ length: 10 }, (_, i) => `n${i}`);
        const links = new Map<string, string[]>(nodes.map((n) => [n, []]));
        for (const [from, to] of pairs) links.get(`n${from}`)?.push(`n${to}`);
        const components = stronglyConnectedComponents(nodes, links);
        const position = new Map<string, number>();
        components.forEach((c, i) => c.forEach((n) => position.set(n, i)));
        expect(position.size).toBe(nodes.length);
        expect(components.flat().length).toBe(nodes.length);
        for (const [from, tos] of links) for (const to of tos) expect(position.get(to) ?? -1).toBeLessThanOrEqual(position.get(from) ?? -1);
      }),
    );
  });
});

describe('findCycle', () => {
  it('returns a shortest cycle through the smallest id, closed at the end', () => {
    const [, links] = graph({ c: ['a'], a: ['b'], b: ['c', 'a'] });
    expect(findCycle(['c', 'a', 'b'], links)).toEqual(['a', 'b', 'a']);
  });

  it('reports a self-link as a one-role cycle, and a lone node as none', () => {
    expect(findCycle(['x'], new Map([['x', ['x']]]))).toEqual(['x', 'x']);
    expect(findCycle(['x'], new Map([['x', []]]))).toBeNull();
    expect(findCycle([], new Map())).toBeNull();
  });
});

/** Graph helpers for role inheritance: strongly connected components and a witness cycle. */

/**
 * Tarjan's algorithm, iterative so a long inheritance chain cannot overflow
 * the stack. Components are returned in reverse topological order: every
 * component a node links to comes before the node's own component.
 */
export function stronglyConnectedComponents(
  nodes: readonly string[],
  links: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
  };
  const lowOf = (node: string): number => low.get(node) ?? Number.POSITIVE_INFINITY;

  for (const root of nodes) {
    if (index.has(root)) continue;
    visit(root);
    const frames: { node: string; next: number }[] = [{ node: root, next: 0 }];
    for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
      const children = links.get(frame.node) ?? [];
      const child = children[frame.next];
      if (child !== undefined) {
        frame.next++;
        if (!index.has(child)) {
          visit(child);
          frames.push({ node: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(lowOf(frame.node), index.get(child) ?? Number.POSITIVE_INFINITY));
        }
        continue;
      }
      frames.pop();
      const parent = frames.at(-1);
      if (parent !== undefined) low.set(parent.node, Math.min(lowOf(parent.node), lowOf(frame.node)));
      if (lowOf(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * A shortest cycle through the smallest id of a component, as ids with the
 * first repeated at the end ("a → b → a"); null when the component is a single
 * node without a self-link. Starting from the smallest id makes the reported
 * path the same on every replica, whatever order the documents came in.
 */
export function findCycle(members: readonly string[], links: ReadonlyMap<string, readonly string[]>): string[] | null {
  const start = [...members].sort()[0];
  if (start === undefined) return null;
  const inComponent = new Set(members);
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === undefined) break;
    for (const next of links.get(node) ?? []) {
      if (next === start) {
        const path = [node];
        for (let step = cameFrom.get(node); step !== undefined; step = cameFrom.get(step)) path.push(step);
        return [...path.reverse(), start];
      }
      if (inComponent.has(next) && !cameFrom.has(next) && next !== start) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * Named points on the way from a (re)load to the first audit row, as
 * `performance.mark`s ("steward:<name>", time from navigation start). The
 * cold-start profile (bench/cold-start.profile.ts) reads them; a mark costs
 * microseconds, and each is recorded once per page load.
 */
const done = new Set<string>();

export function markOnce(name: string): void {
  if (done.has(name)) return;
  done.add(name);
  performance.mark(`steward:${name}`);
}

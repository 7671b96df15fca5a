/** How times and counts read in the console: the viewer's locale and time zone. */
const longTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const countFormat = new Intl.NumberFormat();

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `2026-11-22 10:57:03` in the viewer's time zone: fixed width, so a column
 * of times lines up and reads in order; the full form is in the tooltip.
 */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatLongTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? longTimeFormat.format(ms) : iso;
}

export function formatClock(ms: number): string {
  return clockFormat.format(ms);
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "just now", "3 min ago", "2 h ago": for the last-sync indicator. */
export function formatAgo(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The time-range filter's inputs are `datetime-local` (the person's own
 * time zone, to the minute); the filter compares UTC timestamps. Both ends
 * are inclusive, so "to 14:05" keeps everything up to 14:05:59.999.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-02-01T10:30` in local time for a UTC timestamp, or '' for none. */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * The UTC timestamp a `datetime-local` value stands for: the start of that
 * minute for a range's start, its last millisecond for a range's end; null
 * for an empty or unreadable value.
 */
export function fromLocalInput(value: string, end: 'from' | 'to'): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (match === null) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, end === 'to' ? 59 : 0, end === 'to' ? 999 : 0);
  return Number.isNaN(at.getTime()) || at.getFullYear() !== y ? null : at.toISOString();
}

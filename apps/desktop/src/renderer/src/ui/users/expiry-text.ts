/** How a grant's end reads on screen: its last day when it stops at midnight (as the form makes them), else date and time. */
import { lastDayOf } from '../../people/grant-draft.ts';
import { formatTime } from '../format.ts';

export function expiryText(expiresAt: string): string {
  const day = lastDayOf(expiresAt);
  return day === null ? formatTime(expiresAt).slice(0, 16) : `${day}, end of day`;
}

export function dayText(iso: string): string {
  return formatTime(iso).slice(0, 10);
}

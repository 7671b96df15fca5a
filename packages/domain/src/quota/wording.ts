/**
 * How each counted limit reads in a refusal. The refusal is shown where the
 * person acted (and sent back from the server as the rejection's reason), so
 * it names the limit, the plan and the numbers: what is used, what the limit
 * is, and what the write would make.
 *
 * Numbers are formatted here rather than with `Intl`/`toLocaleString`, whose
 * output depends on the runtime's locale data: desktop and server must write
 * the same sentence for the same refusal.
 */
import type { CounterName } from './plans.ts';

export interface CounterWording {
  /** "Seat limit" */
  readonly label: string;
  /** A quantity with its unit: "25 seats", "1.5 GiB". */
  readonly amount: (n: number) => string;
  /** A quantity as it reads next to one with a unit ("25 of 25 seats"): "25", "1.5 GiB". */
  readonly bare: (n: number) => string;
  /** Where the count applies: "in use", "this month". */
  readonly scope: string;
}

const counted = (one: string, many: string) => ({
  amount: (n: number): string => `${groupDigits(n)} ${n === 1 ? one : many}`,
  bare: groupDigits,
});

export const COUNTER_WORDING: Readonly<Record<CounterName, CounterWording>> = Object.freeze({
  seats: { label: 'Seat limit', ...counted('seat', 'seats'), scope: 'in use' },
  roles: { label: 'Custom role limit', ...counted('custom role', 'custom roles'), scope: 'defined' },
  workflows: { label: 'Workflow limit', ...counted('workflow', 'workflows'), scope: 'defined' },
  reportRunsPerMonth: { label: 'Monthly report run limit', ...counted('report run', 'report runs'), scope: 'this month (UTC)' },
  storageBytes: { label: 'Storage limit', amount: formatBytes, bare: formatBytes, scope: 'in use' },
  apiCallsPerDay: { label: 'Daily API call limit', ...counted('API call', 'API calls'), scope: 'today (UTC)' },
});

/**
 * Storage in exact bytes, for when rounded units would hide the difference
 * ("1 GiB of 1 GiB in use; this would make 1 GiB").
 */
export const EXACT_STORAGE_WORDING: CounterWording = Object.freeze({ ...COUNTER_WORDING.storageBytes, ...counted('byte', 'bytes') });

/** "1,234,567": thousands grouped with commas, whatever the runtime's locale. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/**
 * Binary units, as the plans define storage (1 GiB = 1024³ bytes), with at
 * most two decimals and trailing zeros dropped: "25 GiB", "1.02 GiB".
 */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${groupDigits(bytes)} ${Math.abs(bytes) === 1 ? 'byte' : 'bytes'}`;
  let value = bytes;
  let unit: string = BYTE_UNITS[0];
  for (const next of BYTE_UNITS) {
    value /= 1024;
    unit = next;
    if (Math.abs(value) < 1024) break;
  }
  return `${String(Number(value.toFixed(2)))} ${unit}`;
}

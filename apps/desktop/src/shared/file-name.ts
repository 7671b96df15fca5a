/**
 * The file name a save offers: the last path segment of what the caller
 * suggested, without control or reserved characters (Windows forbids
 * <>:"|?*), without leading dots, never empty. Used by the web download and
 * by the main process's save dialog, so no suggestion can point elsewhere.
 */
export function safeFileName(suggested: string, fallback = 'steward-export'): string {
  const base = suggested.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return cleaned === '' ? fallback : cleaned;
}

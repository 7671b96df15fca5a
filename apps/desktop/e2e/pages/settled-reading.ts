/**
 * Waits until a reading has not changed for `quietMs` and returns it, with
 * how long after the call it last changed. The audit table draws the events
 * a sync wrote a moment after the sync says it is done; tests and benchmarks
 * that read its count wait for it here. Plain Playwright (no test runner),
 * so benchmarks can use it too.
 */
import type { Page } from 'playwright';

export async function settledReading(page: Page, read: () => Promise<string>, quietMs: number): Promise<{ value: string; changedAfterMs: number }> {
  const start = Date.now();
  let value = await read();
  let changedAt = start;
  while (Date.now() - changedAt < quietMs) {
    await page.waitForTimeout(100);
    const now = await read();
    if (now !== value) [value, changedAt] = [now, Date.now()];
  }
  return { value, changedAfterMs: changedAt - start };
}

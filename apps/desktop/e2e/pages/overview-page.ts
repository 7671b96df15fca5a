import { expect, type Locator, type Page } from 'playwright/test';
import { BAR_GRID } from '../../src/renderer/src/overview/chart-options.ts';

export interface BucketRow {
  readonly label: string;
  /** Per series, in the chart's order (success, denied, failure). */
  readonly counts: readonly number[];
}

/** The Overview screen: two time charts (each with its table of counts) and the quota gauges. */
export class OverviewPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly activity: Locator;
  readonly writes: Locator;
  readonly gauges: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Overview', exact: true });
    this.activity = page.locator('[data-chart="all"]');
    this.writes = page.locator('[data-chart="writes"]');
    this.gauges = page.locator('.gauge-cell');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Overview' }).click();
    await expect(this.heading).toBeVisible();
  }

  chart(card: Locator): Locator {
    return card.locator('.echart[data-drawn="true"]');
  }

  /** How many pixels of the chart's canvas are painted (ECharts draws on a transparent canvas). */
  inkOf(card: Locator): Promise<number> {
    return card.locator('.echart canvas').first().evaluate((canvas) => {
      if (!(canvas instanceof HTMLCanvasElement)) return 0;
      const context = canvas.getContext('2d');
      if (context === null) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
      return painted;
    });
  }

  /** The chart's table of counts, oldest bucket first (the table lists newest first). */
  async buckets(card: Locator): Promise<BucketRow[]> {
    const rows = await card.locator('.chart-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        label: tr.querySelector('th')?.textContent ?? '',
        counts: [...tr.querySelectorAll('td')].map((td) => Number((td.textContent ?? '').replaceAll(/[^\d]/g, ''))),
      })),
    );
    return rows.reverse();
  }

  /**
   * Clicks the bottom of bar `index` (oldest first) of `count`: the plot area
   * is the chart box less BAR_GRID's fixed margins, split evenly per bucket.
   * The bottom segment of the stack is the first series (success / accepted).
   */
  async clickBar(card: Locator, index: number, count: number): Promise<void> {
    const box = await card.locator('.echart').boundingBox();
    if (box === null) throw new Error('the chart is not on screen');
    const plotWidth = box.width - BAR_GRID.left - BAR_GRID.right;
    const x = box.x + BAR_GRID.left + ((index + 0.5) * plotWidth) / count;
    const y = box.y + box.height - BAR_GRID.bottom - 3;
    await this.page.mouse.click(x, y);
  }

  /**
   * Clicks the top of a gauge's dial (the gauge's option: centre at 58 % of
   * the height, radius 92 % of half the smaller side, a 12 px arc starting
   * at 200° and sweeping clockwise), which its progress arc covers once the
   * tenant uses more than about half of its tightest limit.
   */
  async clickGaugeTop(cell: Locator): Promise<void> {
    const box = await cell.locator('.echart').boundingBox();
    if (box === null) throw new Error('the gauge is not on screen');
    const radius = (0.92 * Math.min(box.width, box.height)) / 2;
    await this.page.mouse.click(box.x + box.width / 2, box.y + 0.58 * box.height - radius + 6);
  }

  /** The table's button for one bucket and series, as a keyboard user reaches it. */
  async openCountWithKeyboard(card: Locator, label: string, seriesIndex: number): Promise<void> {
    await card.locator('.chart-table summary').press('Enter');
    const button = card.locator('.chart-table tbody tr').filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) }).locator('td').nth(seriesIndex).getByRole('button');
    await button.focus();
    await this.page.keyboard.press('Enter');
  }
}

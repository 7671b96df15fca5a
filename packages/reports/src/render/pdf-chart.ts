/**
 * A bar chart drawn with jsPDF's vector API (rectangles, lines, text), so it
 * stays sharp at any zoom and its numbers remain selectable text. Stacked
 * bars for parts of a whole (events by outcome), grouped bars for
 * comparisons (share of each limit per tenant).
 */
import type { jsPDF } from 'jspdf';
import type { BarChart } from '../model.ts';
import { pdfText } from './pdf-text.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

type Rgb = readonly [number, number, number];

const GREEN: Rgb = [0x2e, 0x8b, 0x57];
const AMBER: Rgb = [0xe6, 0x9f, 0x00];
const RED: Rgb = [0xc0, 0x39, 0x2b];
const GREY: Rgb = [0x99, 0x99, 0x99];
const BLUE: Rgb = [0x00, 0x72, 0xb2];

/** Colours people expect for outcomes and states (good green, waiting amber, bad red); a colour-blind-safe palette (Okabe–Ito) otherwise. */
const NAMED: Readonly<Record<string, Rgb>> = {
  success: GREEN,
  failure: AMBER,
  denied: RED,
  approved: GREEN,
  completed: [0x00, 0x9e, 0x73],
  pending: AMBER,
  rejected: RED,
  cancelled: GREY,
  'in force': BLUE,
  'expiring soon': AMBER,
  expired: RED,
  'not yet valid': [0x56, 0xb4, 0xe9],
  'inactive user': GREY,
};
const PALETTE: readonly Rgb[] = [
  [0x00, 0x72, 0xb2],
  [0xe6, 0x9f, 0x00],
  [0x00, 0x9e, 0x73],
  [0xcc, 0x79, 0xa7],
  [0x56, 0xb4, 0xe9],
  [0xd5, 0x5e, 0x00],
  [0xf0, 0xe4, 0x42],
  [0x99, 0x99, 0x99],
];

export function seriesColor(name: string, index: number): Rgb {
  return NAMED[name] ?? PALETTE[index % PALETTE.length] ?? [0x55, 0x55, 0x55];
}

/** A round step (1, 2 or 5 × 10^k, at least 1: the charts count things) giving about `ticks` gridlines up to `max`. */
export function niceStep(max: number, ticks = 5): number {
  const raw = Math.max(max, 1) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return Math.max(step, 1);
}

export function drawBarChart(doc: jsPDF, chart: BarChart, box: Box): void {
  const n = chart.categories.length;
  const totals = chart.categories.map((_, i) => (chart.stacked ? chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : Math.max(0, ...chart.series.map((s) => s.values[i] ?? 0))));
  const step = niceStep(Math.max(0, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);

  doc.setFont('helvetica', 'bold').setFontSize(9).setTextColor(30, 30, 30);
  doc.text(pdfText(chart.title), box.x, box.y + 9);
  const legendY = box.y + 9;
  let legendX = box.x + box.width;
  doc.setFont('helvetica', 'normal').setFontSize(7.5);
  for (let i = chart.series.length - 1; i >= 0; i--) {
    const s = chart.series[i];
    if (s === undefined) continue;
    const label = pdfText(s.name);
    legendX -= doc.getTextWidth(label) + 16;
    doc.setFillColor(...seriesColor(s.name, i)).rect(legendX, legendY - 6.5, 8, 8, 'F');
    doc.text(label, legendX + 11, legendY);
  }

  const plot = { x: box.x + 40, y: box.y + 30, width: box.width - 44, height: box.height - 58 };
  const yOf = (value: number): number => plot.y + plot.height - (value / top) * plot.height;
  doc.setDrawColor(220, 220, 220).setLineWidth(0.4).setTextColor(90, 90, 90).setFontSize(7);
  for (let v = 0; v <= top + step / 2; v += step) {
    const y = yOf(v);
    doc.line(plot.x, y, plot.x + plot.width, y);
    doc.text(formatTick(v), plot.x - 4, y + 2.5, { align: 'right' });
  }
  doc.text(pdfText(chart.valueLabel), plot.x - 4, plot.y - 8, { align: 'right' });

  const band = plot.width / Math.max(n, 1);
  // Thin bars for many categories; never wider than 64 pt, however few there are.
  const barWidth = Math.min(Math.max(band * 0.72, 0.8), 64);
  for (let i = 0; i < n; i++) {
    const left = plot.x + i * band + (band - barWidth) / 2;
    if (chart.stacked) {
      let base = 0;
      chart.series.forEach((s, k) => {
        const value = s.values[i] ?? 0;
        if (value <= 0) return;
        doc.setFillColor(...seriesColor(s.name, k)).rect(left, yOf(base + value), barWidth, yOf(base) - yOf(base + value), 'F');
        base += value;
      });
    } else {
      const each = barWidth / Math.max(chart.series.length, 1);
      chart.series.forEach((s, k) => {
        const value = Math.max(0, s.values[i] ?? 0);
        doc.setFillColor(...seriesColor(s.name, k)).rect(left + k * each, yOf(value), Math.max(each - 0.6, 0.4), yOf(0) - yOf(value), 'F');
      });
    }
  }
  doc.setDrawColor(120, 120, 120).setLineWidth(0.6).line(plot.x, yOf(0), plot.x + plot.width, yOf(0));

  // Category labels: every k-th one, kept inside the plot, and one that would touch the last drawn is left out.
  doc.setTextColor(60, 60, 60).setFontSize(6.5);
  const widest = Math.max(1, ...chart.categories.map((c) => doc.getTextWidth(pdfText(c))));
  const every = Math.max(1, Math.ceil((widest + 6) / band));
  let drawnRight = Number.NEGATIVE_INFINITY;
  chart.categories.forEach((category, i) => {
    if (i % every !== 0) return;
    const text = pdfText(category);
    const half = doc.getTextWidth(text) / 2;
    const x = Math.min(Math.max(plot.x + i * band + band / 2, plot.x + half), plot.x + plot.width - half);
    if (x - half < drawnRight + 4) return;
    doc.text(text, x, yOf(0) + 9, { align: 'center' });
    drawnRight = x + half;
  });
  doc.setFontSize(7).setTextColor(90, 90, 90).text(pdfText(chart.categoryLabel), plot.x + plot.width / 2, box.y + box.height - 2, { align: 'center' });
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : v.toFixed(1);
}

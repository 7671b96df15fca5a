/// <reference lib="dom" />
/**
 * The measurement behind desktop.scroll_frame_p95_ms, run in the page: the
 * audit table scrolled 240 px every animation frame for 4 s, and the
 * intervals between frames (the first five left out: the scroll starting).
 * Handed to `page.evaluate` as it is, so it uses nothing from outside itself.
 */
export function scrollFrameIntervals(): Promise<number[]> {
  return new Promise<number[]>((done) => {
    const scroller = document.querySelector('.grid-scroll');
    if (!(scroller instanceof HTMLElement)) throw new Error('no .grid-scroll');
    const intervals: number[] = [];
    let last = performance.now();
    const end = last + 4_000;
    const step = (now: number): void => {
      intervals.push(now - last);
      last = now;
      scroller.scrollTop += 240;
      if (now < end) requestAnimationFrame(step);
      else done(intervals.slice(5));
    };
    requestAnimationFrame(step);
  });
}

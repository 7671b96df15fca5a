import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_STATE, parseWindowState, trackWindowState, type Rectangle } from './window-state.ts';

const LAPTOP: Rectangle = { x: 0, y: 0, width: 1920, height: 1050 };
const SECOND: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reuses remembered bounds that are on a connected display', () => {
    const saved = JSON.stringify({ bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true });
    expect(parseWindowState(saved, [LAPTOP, SECOND])).toEqual({ bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true });
  });

  it('drops bounds on a display that is gone, so the window never opens off-screen', () => {
    const saved = JSON.stringify({ bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false });
    expect(parseWindowState(saved, [LAPTOP])).toEqual({ bounds: null, maximized: false });
  });

  it.each([
    null,
    'not json',
    '[]',
    JSON.stringify({ bounds: { x: 0, y: 0, width: 100, height: 100 } }),
    JSON.stringify({ bounds: { x: 0, y: 0, width: 1e9, height: 900 } }),
    JSON.stringify({ bounds: { x: 0.5, y: 0, width: 1200, height: 900 } }),
    JSON.stringify({ bounds: { x: '0', y: 0, width: 1200, height: 900 } }),
  ])('falls back to the default for %s', (text) => {
    expect(parseWindowState(text, [LAPTOP]).bounds).toBeNull();
  });

  it('is the default when nothing was saved', () => {
    expect(parseWindowState(null, [LAPTOP])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('trackWindowState', () => {
  it('saves once shortly after moves and resizes settle, and at once on close', () => {
    vi.useFakeTimers();
    try {
      const listeners = new Map<string, () => void>();
      let bounds: Rectangle = { x: 10, y: 10, width: 1200, height: 800 };
      const window = { on: (event: string, listener: () => void) => listeners.set(event, listener), getNormalBounds: () => bounds, isMaximized: () => false };
      const save = vi.fn();
      trackWindowState(window, save, { delayMs: 500 });
      listeners.get('move')?.();
      bounds = { ...bounds, width: 1300 };
      listeners.get('resize')?.();
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(500);
      expect(save).toHaveBeenCalledExactlyOnceWith({ bounds: { x: 10, y: 10, width: 1300, height: 800 }, maximized: false });
      listeners.get('close')?.();
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

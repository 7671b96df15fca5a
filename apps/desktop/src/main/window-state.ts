/**
 * The main window's place and size, remembered in userData between runs.
 * What is read back is input: bounds are used only when they are sane and
 * still overlap a connected display, so a window never opens off-screen
 * after a monitor is unplugged.
 */
export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rectangle | null;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { bounds: null, maximized: false };
const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;
const MAX_SIDE = 100_000;
/** How much of the window must be on some display to reuse its place. */
const MIN_VISIBLE = 100;

export function parseWindowState(text: string | null, workAreas: readonly Rectangle[]): WindowState {
  if (text === null) return DEFAULT_WINDOW_STATE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_WINDOW_STATE;
  const { bounds, maximized } = value as Record<string, unknown>;
  const rectangle = parseRectangle(bounds);
  return {
    bounds: rectangle !== null && workAreas.some((area) => overlaps(rectangle, area)) ? rectangle : null,
    maximized: maximized === true,
  };
}

function parseRectangle(value: unknown): Rectangle | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height } = value as Record<string, unknown>;
  const integer = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= MAX_SIDE;
  if (!integer(x) || !integer(y) || !integer(width) || !integer(height)) return null;
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return null;
  return { x, y, width, height };
}

function overlaps(window: Rectangle, area: Rectangle): boolean {
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const height = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
  return width >= MIN_VISIBLE && height >= MIN_VISIBLE;
}

/** The part of a BrowserWindow tracked here. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

/**
 * Saves the window's state shortly after it moves or resizes, and at once
 * when it closes. Returns the function that saves now.
 */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void, { delayMs = 500, setTimer = setTimeout, clearTimer = clearTimeout } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = setTimer(saveNow, delayMs);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', saveNow);
  return saveNow;
}

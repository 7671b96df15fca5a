import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, type FocusableWindow } from './single-instance.ts';

function fakeApp(gotLock: boolean) {
  const listeners: (() => void)[] = [];
  return { listeners, requestSingleInstanceLock: () => gotLock, quit: vi.fn(), on: (_event: 'second-instance', listener: () => void) => listeners.push(listener) };
}

function fakeWindow(minimized: boolean): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return { calls, isDestroyed: () => false, isMinimized: () => minimized, restore: () => calls.push('restore'), show: () => calls.push('show'), focus: () => calls.push('focus') };
}

describe('claimSingleInstance', () => {
  it('quits a second instance at once', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listeners).toHaveLength(0);
  });

  it('brings the first instance forward, restoring it when minimised, when a second is launched', () => {
    const app = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.forEach((listener) => listener());
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing on a second launch before the window exists', () => {
    const app = fakeApp(true);
    claimSingleInstance(app, () => null);
    expect(() => app.listeners.forEach((listener) => listener())).not.toThrow();
  });
});

/**
 * The charts' colours, read from the console's CSS variables and read again
 * when the system switches between light and dark, so a chart redraws in
 * the theme the rest of the console just switched to.
 */
import { useEffect, useState } from 'react';
import type { ChartTheme } from '../../overview/chart-options.ts';

const DARK = '(prefers-color-scheme: dark)';

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1b1f24'),
    muted: v('--muted', '#5f6b7a'),
    border: v('--border', '#dde1e7'),
    surface: v('--surface', '#ffffff'),
    accent: v('--accent', '#2f5bd3'),
    ok: v('--ok-fg', '#17663a'),
    warn: v('--warn-fg', '#7a5200'),
    bad: v('--bad-fg', '#a02323'),
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const query = window.matchMedia(DARK);
    const onChange = (): void => setTheme(readTheme());
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return theme;
}

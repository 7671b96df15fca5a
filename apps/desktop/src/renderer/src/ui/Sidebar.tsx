import { useEffect } from 'react';
import { useAppServices, useSlice } from './app-services.ts';
import { SCREENS } from './screens.tsx';

/** The console's navigation: one button per screen, Alt+1…9 from anywhere. */
export function Sidebar() {
  const { navigation } = useAppServices();
  const current = useSlice(navigation, (s) => s.screen);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = SCREENS.find((s) => s.key === event.key);
      if (target === undefined) return;
      event.preventDefault();
      navigation.getState().go(target.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigation]);
  return (
    <nav className="sidebar" aria-label="Screens">
      <ul>
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <button
              type="button"
              className={screen.id === current ? 'nav-item active' : 'nav-item'}
              aria-current={screen.id === current ? 'page' : undefined}
              title={`${screen.label} (Alt+${screen.key})`}
              onClick={() => navigation.getState().go(screen.id)}
            >
              {screen.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

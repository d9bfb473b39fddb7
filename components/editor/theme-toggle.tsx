'use client';
import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';
const STORAGE_KEY = 'lzsim-theme';

function initialTheme(): Theme {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switches between the light and dark themes (the `data-theme` attribute on <html>); remembers the choice. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    // Read after mount (the server cannot know the stored choice, so the first render shows no state), once the
    // page is idle: the page's first read of localStorage and matchMedia took 7-15 ms inside the task that draws
    // the first cards of the 5,000-account design (performance traces of bench:ui).
    const read = () => setTheme(initialTheme());
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(read, 0);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(read, { timeout: 300 });
    return () => window.cancelIdleCallback(idle);
  }, []);
  useEffect(() => {
    // Light is the stylesheet's default: only dark needs the attribute, and setting it restyles the whole page.
    if (theme === 'dark') document.documentElement.dataset.theme = 'dark';
    else if (theme === 'light') delete document.documentElement.dataset.theme;
  }, [theme]);

  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="toolbar-button toolbar-button--icon"
      aria-label={`Switch to the ${next} theme`}
      aria-pressed={theme === 'dark'}
      title={`Switch to the ${next} theme`}
      onClick={() => {
        window.localStorage.setItem(STORAGE_KEY, next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}

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
    // Read after mount: the server cannot know the stored choice, so the first render shows no state.
    setTheme(initialTheme());
  }, []);
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
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

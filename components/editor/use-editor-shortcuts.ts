'use client';
import { useEffect, useRef } from 'react';

/** The editor's global keyboard shortcuts. */
export interface EditorShortcutHandlers {
  undo: () => void;
  redo: () => void;
  focusSearch: () => void;
  /** "?": the dialog that lists these shortcuts. */
  showShortcuts: () => void;
}

/** True when the key went to a text field: Ctrl-Z there must undo typing, not the design. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Ctrl/Cmd-Z undo, Ctrl/Cmd-Shift-Z or Ctrl-Y redo, Ctrl/Cmd-K or "/" search, "?" the shortcuts dialog. */
export function useEditorShortcuts(handlers: EditorShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const modifier = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (modifier && key === 'k') {
        event.preventDefault();
        latest.current.focusSearch();
        return;
      }
      if (isTextEntry(event.target)) return;
      if (!modifier && event.key === '?') {
        event.preventDefault();
        latest.current.showShortcuts();
      } else if (!modifier && event.key === '/') {
        event.preventDefault();
        latest.current.focusSearch();
      } else if (modifier && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) latest.current.redo();
        else latest.current.undo();
      } else if (modifier && key === 'y') {
        event.preventDefault();
        latest.current.redo();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

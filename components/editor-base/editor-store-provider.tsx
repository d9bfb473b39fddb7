'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createEditorStore, type EditorState, type EditorStore, type EditorStoreInit } from './editor-store';

const EditorStoreContext = createContext<EditorStore | null>(null);

/** Creates the editor's store once per mounted editor and provides it to everything below. */
export function EditorStoreProvider({ init, children }: { init: EditorStoreInit; children: ReactNode }) {
  const [store] = useState(() => createEditorStore(init));
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing (`store.getState()`). */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore must be used inside <EditorStoreProvider> (components/editor-base).');
  return store;
}

/**
 * Subscribes to one slice of the editor state: `useEditorStore((s) => s.selectedId)`. Return a primitive or a
 * stored object; a selector that builds a new object each time needs `useShallow` from zustand/react/shallow.
 */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

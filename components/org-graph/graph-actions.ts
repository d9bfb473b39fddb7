'use client';
import { createContext, useContext } from 'react';

/** What a node card can ask of whoever draws the graph (the editor); a read-only view provides nothing. */
export interface GraphActions {
  /** Folds (true) or unfolds (false) the children of a root or OU. */
  setFolded: (id: string, folded: boolean) => void;
  /** Gives a pinned card back to the automatic layout (absent where pins cannot be changed). */
  unpin?: (id: string) => void;
}

/** Provided by the graph's owner; node cards read it to draw their fold control. */
export const GraphActionsContext = createContext<GraphActions | null>(null);

/** The graph's actions, or null when the graph is read-only. */
export function useGraphActions(): GraphActions | null {
  return useContext(GraphActionsContext);
}

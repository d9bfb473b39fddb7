'use client';
import { useEffect, useMemo, useState } from 'react';
import type { AccessFlowEdge } from './access-flow';

/** Edges React Flow is given at once; the rest follow, a slice per frame. */
export const EDGE_SLICE = 120;

/**
 * The edges to draw now: all of a small graph; for a large one, a first slice (the chosen path and labelled edges
 * first), then one more slice per frame until all are drawn. React Flow draws its edges in one synchronous commit
 * (its store is external to React, so a transition cannot split it): 500 edges at once were a main-thread task of
 * 250-750 ms on a loaded machine, a slice of 120 is a fraction of it. `pending` is true until every edge is given.
 */
export function useEdgesInSlices(edges: readonly AccessFlowEdge[]): { shown: AccessFlowEdge[]; pending: boolean } {
  const ordered = useMemo(() => {
    const rank = (edge: AccessFlowEdge) => (edge.data?.highlighted ? 0 : edge.label && !edge.data?.labelHidden ? 1 : 2);
    return [...edges].sort((a, b) => rank(a) - rank(b));
  }, [edges]);
  const [given, setGiven] = useState({ edges: ordered, count: EDGE_SLICE });
  // A new set of edges starts again from the first slice (state adjusted during render, as React recommends for
  // state that derives from a prop, so the first frame of a new layout never draws the old count).
  const current = given.edges === ordered ? given : { edges: ordered, count: EDGE_SLICE };
  if (current !== given) setGiven(current);
  useEffect(() => {
    if (current.count >= ordered.length) return undefined;
    const frame = requestAnimationFrame(() => setGiven((state) => (state.edges === ordered ? { edges: ordered, count: state.count + EDGE_SLICE } : state)));
    return () => cancelAnimationFrame(frame);
  }, [current.count, ordered]);
  const shown = useMemo(() => (current.count >= ordered.length ? ordered : ordered.slice(0, current.count)), [current.count, ordered]);
  return { shown, pending: current.count < ordered.length };
}

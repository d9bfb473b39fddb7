'use client';
import { useMemo, useRef, useState } from 'react';
import { layoutNow } from './layout';
import { withPinnedPositions, type PinnedPosition } from './pinned-layout';
import { reuseSame, sameEdge, sameNode } from './stable-nodes';
import type { OrgFlow } from './to-flow';

/** A laid-out flow, or why it could not be laid out. */
export type LaidOutFlow = { status: 'ready'; flow: OrgFlow } | { status: 'failed'; message: string };

type Positions = Map<string, { x: number; y: number }>;

/** What the layout depends on: which nodes are drawn and how they hang together (not their data). */
export function structureKeyOf(flow: OrgFlow): string {
  return `${flow.nodes.map((node) => node.id).join(',')}|${flow.edges.map((edge) => `${edge.id}${edge.data?.stacked ? 's' : ''}`).join(',')}`;
}

/**
 * Lays a flow out and keeps the result per structure: a flow whose structure was laid out before (an undone move,
 * a decision colour change) gets its positions from the cache. The layout is synchronous and linear (a few ms for
 * 6,000 cards), so a move is drawn at its final place in the same frame: no provisional picture, no second paint.
 * Pinned cards (and their subtrees) are then put where the user placed them. Cards and edges that draw the same
 * as in the previous flow keep their objects (stable-nodes.ts): after a move only what changed is redrawn.
 */
export function useLaidOutFlow(flow: OrgFlow, pins: ReadonlyMap<string, PinnedPosition> = NO_PINS): LaidOutFlow {
  const key = useMemo(() => structureKeyOf(flow), [flow]);
  const [cache] = useState(() => new Map<string, Positions>());
  const previous = useRef<OrgFlow>({ nodes: [], edges: [] });
  const laidOut = useMemo((): LaidOutFlow => {
    let positions = cache.get(key);
    if (!positions) {
      try {
        positions = new Map(layoutNow(flow.nodes, flow.edges).map((node) => [node.id, node.position]));
      } catch (error) {
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
      cache.set(key, positions);
      // Keep a handful of structures: enough for undo/redo and a refused move to come back instantly.
      if (cache.size > 8) cache.delete(cache.keys().next().value as string);
    }
    const known = positions;
    const placed = flow.nodes.map((node) => ({ ...node, position: known.get(node.id) ?? node.position }));
    const nodes = reuseSame(previous.current.nodes, withPinnedPositions(placed, flow.edges, pins), sameNode);
    return { status: 'ready', flow: { nodes, edges: reuseSame(previous.current.edges, flow.edges, sameEdge) } };
  }, [cache, key, flow, pins]);
  if (laidOut.status === 'ready') previous.current = laidOut.flow;
  return laidOut;
}

const NO_PINS: ReadonlyMap<string, PinnedPosition> = new Map();

'use client';
import { useMemo, useRef, useState } from 'react';
import { CANVAS_MAX_ROW_WIDTH, orgLayout, withBends, type OrgLayout } from './layout';
import { withPinnedPositions, type PinnedPosition } from './pinned-layout';
import { reuseSame, reuseSameNodes, sameEdge } from './stable-nodes';
import type { OrgFlow } from './to-flow';

/** A laid-out flow, or why it could not be laid out. */
export type LaidOutFlow = { status: 'ready'; flow: OrgFlow } | { status: 'failed'; message: string };


/** What the layout depends on: which nodes are drawn and how they hang together (not their data). */
export function structureKeyOf(flow: OrgFlow): string {
  return `${flow.nodes.map((node) => node.id).join(',')}|${flow.edges.map((edge) => `${edge.id}${edge.data?.stacked ? 's' : ''}`).join(',')}`;
}

/**
 * Lays a flow out and keeps the result per structure: a flow whose structure was laid out before (an undone move,
 * a decision colour change) gets its positions from the cache. The layout is synchronous and linear (a few ms for
 * 6,000 cards), so a move is drawn at its final place in the same frame: no provisional picture, no second paint. Rows of children wider
 * than the canvas's readable width wrap (CANVAS_MAX_ROW_WIDTH), their edges bent round the trunk.
 * Pinned cards (and their subtrees) are then put where the user placed them. Cards and edges that draw the same
 * as in the previous flow keep their objects (stable-nodes.ts): after a move only what changed is redrawn.
 */
export function useLaidOutFlow(flow: OrgFlow, pins: ReadonlyMap<string, PinnedPosition> = NO_PINS): LaidOutFlow {
  const key = useMemo(() => structureKeyOf(flow), [flow]);
  const [cache] = useState(() => new Map<string, OrgLayout>());
  const previous = useRef<OrgFlow>({ nodes: [], edges: [] });
  const laidOut = useMemo((): LaidOutFlow => {
    let laid = cache.get(key);
    if (!laid) {
      try {
        laid = orgLayout(flow.nodes, flow.edges, { maxRowWidth: CANVAS_MAX_ROW_WIDTH });
      } catch (error) {
        return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
      cache.set(key, laid);
      // Keep a handful of structures: enough for undo/redo and a refused move to come back instantly.
      if (cache.size > 8) cache.delete(cache.keys().next().value as string);
    }
    const known = laid.positions;
    const placed = flow.nodes.map((node) => ({ ...node, position: known.get(node.id) ?? node.position }));
    const nodes = reuseSameNodes(previous.current.nodes, withPinnedPositions(placed, flow.edges, pins));
    // Edges into a wrapped row bend round by the trunk; a card pinned by hand is reached directly again.
    const bent = withBends(flow.edges, unpinned(laid.bends, pins)).map((edge) =>
      edge.data?.trunkDx !== undefined && edge.type === 'smoothstep' ? { ...edge, type: 'wrappedRow' as const } : edge,
    );
    return { status: 'ready', flow: { nodes, edges: reuseSame(previous.current.edges, bent, sameEdge) } };
  }, [cache, key, flow, pins]);
  if (laidOut.status === 'ready') previous.current = laidOut.flow;
  return laidOut;
}

/** The bends without those into pinned cards. */
function unpinned(bends: OrgLayout['bends'], pins: ReadonlyMap<string, PinnedPosition>): OrgLayout['bends'] {
  if (pins.size === 0) return bends;
  return new Map([...bends].filter(([target]) => !pins.has(target)));
}

const NO_PINS: ReadonlyMap<string, PinnedPosition> = new Map();

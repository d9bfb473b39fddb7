'use client';
import { useEffect, useMemo, useState } from 'react';
import { layout } from './layout';
import type { OrgFlow, OrgFlowNode } from './to-flow';

/** Where the layout of a flow stands; `stale` while a new layout runs and the previous positions are shown. */
export type LaidOutFlow =
  | { status: 'laying-out' }
  | { status: 'ready'; flow: OrgFlow; stale: boolean }
  | { status: 'failed'; message: string };

type Positions = Map<string, { x: number; y: number }>;

/** What the layout depends on: which nodes are drawn and how they hang together (not their data). */
export function structureKeyOf(flow: OrgFlow): string {
  return `${flow.nodes.map((node) => node.id).join(',')}|${flow.edges.map((edge) => `${edge.id}${edge.data?.stacked ? 's' : ''}`).join(',')}`;
}

/**
 * Lays a flow out (elkjs is async) and keeps the result per structure: a flow whose structure was laid out
 * before (an undone move, a decision colour change) gets its positions at once; a new structure shows the
 * previous positions (new nodes at their parent's place) until its layout is ready, so the canvas never blanks.
 */
export function useLaidOutFlow(flow: OrgFlow): LaidOutFlow {
  const key = useMemo(() => structureKeyOf(flow), [flow]);
  const [cache] = useState(() => new Map<string, Positions>());
  const [latest, setLatest] = useState<{ key: string; positions: Positions } | null>(null);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const known = cache.get(key);

  useEffect(() => {
    if (cache.has(key)) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () =>
      layout(flow.nodes, flow.edges).then(
        (nodes) => {
          const positions: Positions = new Map(nodes.map((node) => [node.id, node.position]));
          cache.set(key, positions);
          // Keep a handful of structures: enough for undo/redo and a refused move to come back instantly.
          if (cache.size > 8) cache.delete(cache.keys().next().value as string);
          if (!cancelled) setLatest({ key, positions });
        },
        (error: unknown) => {
          if (!cancelled) setFailure({ key, message: error instanceof Error ? error.message : String(error) });
        },
      );
    // elkjs computes on the main thread (hundreds of ms for a big tree): start it only once the browser has
    // painted the provisional picture (previous positions, new edges), so a move shows at once and the layout
    // settles after. A timeout set inside an animation frame runs after that frame is painted.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (!cancelled) void run();
      }, 0);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [cache, flow, key]);

  return useMemo((): LaidOutFlow => {
    if (failure?.key === key) return { status: 'failed', message: failure.message };
    const positions = known ?? latest?.positions;
    if (!positions) return { status: 'laying-out' };
    const parentOf = new Map(flow.edges.map((edge) => [edge.target, edge.source]));
    const place = (node: OrgFlowNode): { x: number; y: number } => {
      for (let id: string | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
        const position = positions.get(id);
        if (position) return position;
      }
      return node.position;
    };
    return { status: 'ready', stale: !known, flow: { nodes: flow.nodes.map((node) => ({ ...node, position: place(node) })), edges: flow.edges } };
  }, [failure, key, known, latest, flow]);
}

// Graph layout: positions nodes top-down with elkjs. A module of its own so the editor can reuse it.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Edge, Node } from '@xyflow/react';

const elk = new ELK();

/** Options of `layout`. */
export interface LayoutOptions {
  /** Vertical gap between a parent and its children, in pixels. */
  layerSpacing?: number;
  /** Horizontal gap between siblings, in pixels. */
  siblingSpacing?: number;
}

/**
 * Returns the nodes with top-down tree positions; hidden nodes (and edges touching them) are left out of the
 * layout and keep their positions. Nodes need `width` and `height` (or measured sizes).
 */
export async function layout<N extends Node, E extends Edge>(
  nodes: N[],
  edges: E[],
  options: LayoutOptions = {},
): Promise<N[]> {
  const siblingSpacing = options.siblingSpacing ?? 28;
  const layerSpacing = options.layerSpacing ?? 72;
  const visible = nodes.filter((node) => !node.hidden);
  const visibleIds = new Set(visible.map((node) => node.id));
  const graph: ElkNode = {
    id: 'org',
    layoutOptions: {
      'elk.algorithm': 'mrtree',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': String(siblingSpacing),
    },
    children: visible.map((node) => ({ id: node.id, width: sizeOf(node).width, height: sizeOf(node).height })),
    edges: edges
      .filter((edge) => !edge.hidden && visibleIds.has(edge.source) && visibleIds.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const result = await elk.layout(graph);
  // mrtree centres parents over their children (the layered algorithm does not) but uses one spacing for
  // both axes: open up the gap between levels afterwards, so edges have room to route.
  const depths = depthsOf(visible, graph.edges ?? []);
  const extraGap = Math.max(0, layerSpacing - siblingSpacing);
  const positions = new Map(
    (result.children ?? []).map((child) => [
      child.id,
      { x: child.x ?? 0, y: (child.y ?? 0) + (depths.get(child.id) ?? 0) * extraGap },
    ]),
  );
  return nodes.map((node) => {
    const position = positions.get(node.id);
    return position ? { ...node, position } : node;
  });
}

function sizeOf(node: Node): { width: number; height: number } {
  const width = node.measured?.width ?? node.width;
  const height = node.measured?.height ?? node.height;
  if (width === undefined || height === undefined) {
    throw new Error(`Node ${node.id} has no size: give it width and height before layout.`);
  }
  return { width, height };
}

/** Distance of each node from the top of its tree, following the edges (parents before children). */
function depthsOf(nodes: Node[], edges: ElkExtendedEdge[]): Map<string, number> {
  const childrenOf = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const edge of edges) {
    const [source, target] = [edge.sources[0], edge.targets[0]];
    const siblings = childrenOf.get(source);
    if (siblings) siblings.push(target);
    else childrenOf.set(source, [target]);
    hasParent.add(target);
  }
  const depths = new Map<string, number>();
  const queue = nodes.filter((node) => !hasParent.has(node.id)).map((node) => node.id);
  for (const id of queue) depths.set(id, 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const child of childrenOf.get(id) ?? []) {
      if (depths.has(child)) continue;
      depths.set(child, (depths.get(id) ?? 0) + 1);
      queue.push(child);
    }
  }
  return depths;
}

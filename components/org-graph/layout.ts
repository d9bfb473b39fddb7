// Graph layout: positions nodes top-down with elkjs. A module of its own so the editor can reuse it.
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { Edge, Node } from '@xyflow/react';

const elk = new ELK();

/** Options of `layout`. */
export interface LayoutOptions {
  /** Vertical gap between a parent and its children, in pixels. */
  layerSpacing?: number;
  /** Gap between siblings, and between the cards of a stack, in pixels. */
  siblingSpacing?: number;
  /** How far a stack sits to the right of its parent's left edge, leaving room for the connector. */
  stackIndent?: number;
}

/** Marks an edge whose target is drawn in a vertical stack under its parent (see `layout`). */
export interface StackableEdgeData extends Record<string, unknown> {
  /** True: the target joins its parent's stack instead of the row of siblings. */
  stacked?: boolean;
}

/**
 * Returns the nodes with top-down tree positions; hidden nodes (and edges touching them) are left out of the
 * layout and keep their positions. Nodes need `width` and `height` (or measured sizes).
 *
 * Targets of edges marked `data.stacked` are drawn as one column under their parent, indented, in edge order
 * (a parent whose children are all accounts reads like a list): a wide organization then needs one column per
 * such parent instead of one per account, so the fitted view stays legible.
 */
export async function layout<N extends Node, E extends Edge>(
  nodes: N[],
  edges: E[],
  options: LayoutOptions = {},
): Promise<N[]> {
  const siblingSpacing = options.siblingSpacing ?? 28;
  const layerSpacing = options.layerSpacing ?? 72;
  const stackIndent = options.stackIndent ?? 48;
  const visible = nodes.filter((node) => !node.hidden);
  const visibleIds = new Set(visible.map((node) => node.id));
  const drawnEdges = edges.filter((edge) => !edge.hidden && visibleIds.has(edge.source) && visibleIds.has(edge.target));

  // Stacks become chains for elk (parent → first → second …), so mrtree puts each card under the previous one.
  const lastInStack = new Map<string, string>();
  const stacked = new Set<string>();
  const layoutEdges: ElkExtendedEdge[] = drawnEdges.map((edge) => {
    if (!(edge.data as StackableEdgeData | undefined)?.stacked) {
      return { id: edge.id, sources: [edge.source], targets: [edge.target] };
    }
    const above = lastInStack.get(edge.source) ?? edge.source;
    lastInStack.set(edge.source, edge.target);
    stacked.add(edge.target);
    return { id: edge.id, sources: [above], targets: [edge.target] };
  });

  const graph: ElkNode = {
    id: 'org',
    layoutOptions: {
      'elk.algorithm': 'mrtree',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': String(siblingSpacing),
    },
    children: visible.map((node) => {
      const { width, height } = sizeOf(node);
      // A stacked card is laid out with its indent included, so its neighbours leave room for it.
      return { id: node.id, width: stacked.has(node.id) ? width + stackIndent : width, height };
    }),
    edges: layoutEdges,
  };
  const result = await elk.layout(graph);

  // mrtree uses one spacing for both axes: open up the gap between tree levels afterwards (not inside stacks).
  const levels = treeLevelsOf(visible, drawnEdges);
  const extraGap = Math.max(0, layerSpacing - siblingSpacing);
  const positions = new Map(
    (result.children ?? []).map((child) => [
      child.id,
      {
        x: (child.x ?? 0) + (stacked.has(child.id) ? stackIndent : 0),
        y: (child.y ?? 0) + (levels.get(child.id) ?? 0) * extraGap,
      },
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

/** Tree level of each node (roots 0, their children 1, …), following the drawn parent → child edges. */
function treeLevelsOf(nodes: Node[], edges: Edge[]): Map<string, number> {
  const childrenOf = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const edge of edges) {
    const siblings = childrenOf.get(edge.source);
    if (siblings) siblings.push(edge.target);
    else childrenOf.set(edge.source, [edge.target]);
    hasParent.add(edge.target);
  }
  const levels = new Map<string, number>();
  const queue = nodes.filter((node) => !hasParent.has(node.id)).map((node) => node.id);
  for (const id of queue) levels.set(id, 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const child of childrenOf.get(id) ?? []) {
      if (levels.has(child)) continue;
      levels.set(child, (levels.get(id) ?? 0) + 1);
      queue.push(child);
    }
  }
  return levels;
}

// Graph layout: an org chart, top-down. Child OUs hang in a row under their parent from one orthogonal bus; the
// accounts of a container stand in columns under it, each column with a spine on its left and a short tick into
// every card. A pure, synchronous, linear-time function (no elkjs): 6,000 cards lay out in a few milliseconds.
import type { Edge, Node } from '@xyflow/react';

/** Vertical gap between a parent card and its children, in pixels (the bus runs halfway down it). */
export const LAYER_GAP = 64;
/** How far a column's cards sit right of its spine's column edge: the spine runs half this in. */
export const COLUMN_INDENT = 28;

/** Options of `layout`. */
export interface LayoutOptions {
  /** Vertical gap between a parent and its children, in pixels. */
  layerSpacing?: number;
  /** Horizontal gap between sibling blocks (subtrees, columns), in pixels. */
  siblingSpacing?: number;
  /** Vertical gap between the cards of a column, in pixels. */
  rowSpacing?: number;
  /** Room left of a column's cards for its spine. */
  columnIndent?: number;
}

/** Marks an edge whose target is an account in its parent's columns (see `layout`). */
export interface StackableEdgeData extends Record<string, unknown> {
  /** True: the target stands in its parent's account columns instead of the row of child OUs. */
  stacked?: boolean;
}

/** How many columns the `count` accounts of one container get: a few tall columns, about 3 : 1 high to wide. */
export function columnCountFor(count: number): number {
  if (count <= 5) return 1;
  return Math.max(1, Math.ceil(Math.sqrt(count / 3)));
}

type Size = { width: number; height: number };
type Block = { id: string; width: number };

/**
 * Returns the nodes with org-chart positions; hidden nodes (and edges touching them) are left out and keep their
 * positions. Nodes need `width` and `height` (or measured sizes). A node's parent is the source of the first drawn
 * edge that targets it; targets of edges marked `data.stacked` go into their parent's account columns (in edge
 * order, filling each column top to bottom), the others into the row of subtrees. A parent is centred over its
 * children; the columns come after the subtrees. Async only so callers may move it off the main thread.
 */
export async function layout<N extends Node, E extends Edge>(nodes: N[], edges: E[], options: LayoutOptions = {}): Promise<N[]> {
  return layoutNow(nodes, edges, options);
}

/** `layout`, synchronously. */
export function layoutNow<N extends Node, E extends Edge>(nodes: N[], edges: E[], options: LayoutOptions = {}): N[] {
  const siblingGap = options.siblingSpacing ?? 28;
  const layerGap = options.layerSpacing ?? LAYER_GAP;
  const rowGap = options.rowSpacing ?? 14;
  const indent = options.columnIndent ?? COLUMN_INDENT;

  const visible = nodes.filter((node) => !node.hidden);
  const sizes = new Map<string, Size>(visible.map((node) => [node.id, sizeOf(node)]));
  const subtreeChildren = new Map<string, string[]>();
  const columnChildren = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const edge of edges) {
    if (edge.hidden || !sizes.has(edge.source) || !sizes.has(edge.target) || hasParent.has(edge.target) || edge.source === edge.target) continue;
    hasParent.add(edge.target);
    const into = (edge.data as StackableEdgeData | undefined)?.stacked ? columnChildren : subtreeChildren;
    const list = into.get(edge.source);
    if (list) list.push(edge.target);
    else into.set(edge.source, [edge.target]);
  }

  // Widths bottom-up (iteratively: a deep or long tree must not overflow the stack).
  const roots = visible.filter((node) => !hasParent.has(node.id)).map((node) => node.id);
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    for (const child of [...(subtreeChildren.get(id) ?? [])].reverse()) stack.push(child);
  }
  const columnsOf = (id: string) => {
    const accounts = columnChildren.get(id) ?? [];
    const count = columnCountFor(accounts.length);
    const perColumn = Math.ceil(accounts.length / count);
    const cardWidth = Math.max(0, ...accounts.map((child) => sizes.get(child)!.width));
    return { accounts, count, perColumn, cardWidth, width: accounts.length === 0 ? 0 : count * (indent + cardWidth) + (count - 1) * siblingGap };
  };
  const subtreeWidth = new Map<string, number>();
  const rowWidth = new Map<string, number>();
  for (let index = order.length - 1; index >= 0; index--) {
    const id = order[index];
    const blocks: Block[] = (subtreeChildren.get(id) ?? []).filter((child) => subtreeWidth.has(child)).map((child) => ({ id: child, width: subtreeWidth.get(child)! }));
    const columns = columnsOf(id);
    if (columns.width > 0) blocks.push({ id: '', width: columns.width });
    const row = blocks.reduce((sum, block) => sum + block.width, 0) + Math.max(0, blocks.length - 1) * siblingGap;
    rowWidth.set(id, row);
    subtreeWidth.set(id, Math.max(sizes.get(id)!.width, row));
  }

  // Positions top-down.
  const positions = new Map<string, { x: number; y: number }>();
  const place = (id: string, left: number, top: number) => {
    const size = sizes.get(id)!;
    const width = subtreeWidth.get(id)!;
    positions.set(id, { x: left + (width - size.width) / 2, y: top });
    const childTop = top + size.height + layerGap;
    let x = left + (width - rowWidth.get(id)!) / 2;
    for (const child of subtreeChildren.get(id) ?? []) {
      if (!subtreeWidth.has(child)) continue;
      pending.push([child, x, childTop]);
      x += subtreeWidth.get(child)! + siblingGap;
    }
    const columns = columnsOf(id);
    // Each column stacks its cards by their own heights (an export with policy names makes some cards taller).
    let columnTop = childTop;
    columns.accounts.forEach((child, index) => {
      const column = Math.floor(index / columns.perColumn);
      if (index % columns.perColumn === 0) columnTop = childTop;
      positions.set(child, { x: x + column * (indent + columns.cardWidth + siblingGap) + indent, y: columnTop });
      columnTop += sizes.get(child)!.height + rowGap;
    });
  };
  const pending: [string, number, number][] = [];
  let left = 0;
  for (const root of roots) {
    pending.push([root, left, 0]);
    left += subtreeWidth.get(root)! + siblingGap;
  }
  for (let head = 0; head < pending.length; head++) place(...pending[head]);

  return nodes.map((node) => {
    const position = positions.get(node.id);
    return position ? { ...node, position } : node;
  });
}

function sizeOf(node: Node): Size {
  const width = node.measured?.width ?? node.width;
  const height = node.measured?.height ?? node.height;
  if (width === undefined || height === undefined) {
    throw new Error(`Node ${node.id} has no size: give it width and height before layout.`);
  }
  return { width, height };
}

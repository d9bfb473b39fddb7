// Graph layout: an org chart, top-down. Child OUs hang in a row under their parent from one orthogonal bus; the
// accounts of a container stand in columns under it, each column with a spine on its left and a short tick into
// every card. A row wider than `maxRowWidth` wraps into several rows, one under the other: a trunk runs down the
// left of the rows from the parent's bus, and each row has its own bus off that trunk, so the picture stays a tree
// (no crossing, no overlap) and a wide level stays in view at a readable zoom. A pure, synchronous, linear-time
// function (no elkjs): 6,000 cards lay out in a few milliseconds.
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
  /** Widest row of children before it wraps into several rows (default: never wraps). */
  maxRowWidth?: number;
}

/**
 * The canvas's widest row: at the editor's readable zoom (0.8) it fills a 1,160 px pane (the design view at
 * 1440x900) less fit view's side margins, so a level of up to this width is wholly in view when the view opens.
 */
export const CANVAS_MAX_ROW_WIDTH = 1360;
/** Room left of wrapped rows for the trunk that feeds their buses (the trunk runs half this in). */
export const TRUNK_INDENT = 28;

/** Marks an edge whose target is an account in its parent's columns (see `layout`). */
export interface StackableEdgeData extends Record<string, unknown> {
  /** True: the target stands in its parent's account columns instead of the row of child OUs. */
  stacked?: boolean;
  /**
   * Set when the target stands in a wrapped row after the first: the trunk's x and the row's bus y, relative to the
   * parent's bottom centre (the edge runs down to the first bus, left to the trunk, down it, then along its row's
   * bus). Flat numbers, so that an edge laid out the same twice compares equal field by field.
   */
  trunkDx?: number;
  busDy?: number;
}

/** How many columns the `count` accounts of one container get: a few tall columns, about 3 : 1 high to wide. */
export function columnCountFor(count: number): number {
  if (count <= 5) return 1;
  return Math.max(1, Math.ceil(Math.sqrt(count / 3)));
}

type Size = { width: number; height: number };
/** A child's subtree (by id) or the parent's account columns (id ''), as laid side by side in a row. */
type Block = { id: string; width: number; height: number };
type Row = { blocks: Block[]; width: number; height: number };

/** Where every drawn card goes, and how the edges into wrapped rows bend (by the edge's target id). */
export interface OrgLayout {
  positions: Map<string, { x: number; y: number }>;
  bends: Map<string, { trunkDx: number; busDy: number }>;
}

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
  const { positions } = orgLayout(nodes, edges, options);
  return nodes.map((node) => {
    const position = positions.get(node.id);
    return position ? { ...node, position } : node;
  });
}

/** The edges with the bends of `orgLayout` in their data (edges into a first row, or unwrapped, come back as they were). */
export function withBends<E extends Edge>(edges: E[], bends: OrgLayout['bends']): E[] {
  if (bends.size === 0) return edges;
  return edges.map((edge) => {
    const bend = bends.get(edge.target);
    return bend ? { ...edge, data: { ...edge.data, ...bend } } : edge;
  });
}

/** The positions of `layoutNow`, and the bends of the edges into wrapped rows. */
export function orgLayout(nodes: readonly Node[], edges: readonly Edge[], options: LayoutOptions = {}): OrgLayout {
  const siblingGap = options.siblingSpacing ?? 28;
  const layerGap = options.layerSpacing ?? LAYER_GAP;
  const rowGap = options.rowSpacing ?? 14;
  const indent = options.columnIndent ?? COLUMN_INDENT;
  const maxRowWidth = options.maxRowWidth ?? Infinity;

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

  // Sizes bottom-up (iteratively: a deep or long tree must not overflow the stack).
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
    let height = 0;
    for (let start = 0; start < accounts.length; start += perColumn) {
      const column = accounts.slice(start, start + perColumn);
      height = Math.max(height, column.reduce((sum, child) => sum + sizes.get(child)!.height, 0) + (column.length - 1) * rowGap);
    }
    return { accounts, count, perColumn, cardWidth, height, width: accounts.length === 0 ? 0 : count * (indent + cardWidth) + (count - 1) * siblingGap };
  };
  const subtreeWidth = new Map<string, number>();
  const subtreeHeight = new Map<string, number>();
  const rowsOf = new Map<string, Row[]>();
  for (let index = order.length - 1; index >= 0; index--) {
    const id = order[index];
    const blocks: Block[] = (subtreeChildren.get(id) ?? [])
      .filter((child) => subtreeWidth.has(child))
      .map((child) => ({ id: child, width: subtreeWidth.get(child)!, height: subtreeHeight.get(child)! }));
    const columns = columnsOf(id);
    if (columns.width > 0) blocks.push({ id: '', width: columns.width, height: columns.height });
    const rows = wrapRows(blocks, siblingGap, maxRowWidth - TRUNK_INDENT);
    rowsOf.set(id, rows);
    const rowsWidth = Math.max(0, ...rows.map((row) => row.width)) + (rows.length > 1 ? TRUNK_INDENT : 0);
    const rowsHeight = rows.reduce((sum, row) => sum + layerGap + row.height, 0);
    subtreeWidth.set(id, Math.max(sizes.get(id)!.width, rowsWidth));
    subtreeHeight.set(id, sizes.get(id)!.height + rowsHeight);
  }

  // Positions top-down.
  const positions = new Map<string, { x: number; y: number }>();
  const bends = new Map<string, { trunkDx: number; busDy: number }>();
  const place = (id: string, left: number, top: number) => {
    const size = sizes.get(id)!;
    const width = subtreeWidth.get(id)!;
    const rows = rowsOf.get(id)!;
    const x = left + (width - size.width) / 2;
    positions.set(id, { x, y: top });
    // Wrapped rows stand right of the trunk, each centred in the room left of it.
    const rowsLeft = rows.length > 1 ? left + TRUNK_INDENT : left;
    const rowsRoom = width - (rowsLeft - left);
    const source = { x: x + size.width / 2, y: top + size.height };
    let rowTop = top + size.height + layerGap;
    rows.forEach((row, rowIndex) => {
      const bend = rowIndex === 0 ? undefined : { trunkDx: left + TRUNK_INDENT / 2 - source.x, busDy: rowTop - layerGap / 2 - source.y };
      let blockLeft = rowsLeft + (rowsRoom - row.width) / 2;
      for (const block of row.blocks) {
        if (block.id !== '') {
          if (bend) bends.set(block.id, bend);
          pending.push([block.id, blockLeft, rowTop]);
        } else {
          placeColumns(id, blockLeft, rowTop, bend);
        }
        blockLeft += block.width + siblingGap;
      }
      rowTop += row.height + layerGap;
    });
  };
  // Each column stacks its cards by their own heights (an export with policy names makes some cards taller).
  const placeColumns = (id: string, left: number, top: number, bend: { trunkDx: number; busDy: number } | undefined) => {
    const columns = columnsOf(id);
    let columnTop = top;
    columns.accounts.forEach((child, index) => {
      const column = Math.floor(index / columns.perColumn);
      if (index % columns.perColumn === 0) columnTop = top;
      positions.set(child, { x: left + column * (indent + columns.cardWidth + siblingGap) + indent, y: columnTop });
      if (bend) bends.set(child, bend);
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
  return { positions, bends };
}

/**
 * Splits a parent's blocks, in order, into rows no wider than `limit` (a block wider than that has a row of its
 * own); as many rows as greedy filling needs, but balanced, so the last row is not a lone straggler.
 */
function wrapRows(blocks: Block[], gap: number, limit: number): Row[] {
  const rowOf = (items: Block[]): Row => ({
    blocks: items,
    width: items.reduce((sum, block) => sum + block.width, 0) + Math.max(0, items.length - 1) * gap,
    height: Math.max(0, ...items.map((block) => block.height)),
  });
  if (blocks.length === 0) return [];
  const fill = (width: number): Row[] => {
    const rows: Block[][] = [[]];
    let used = 0;
    for (const block of blocks) {
      const current = rows.at(-1)!;
      if (current.length > 0 && used + gap + block.width > width) {
        rows.push([block]);
        used = block.width;
      } else {
        used += (current.length > 0 ? gap : 0) + block.width;
        current.push(block);
      }
    }
    return rows.map(rowOf);
  };
  const greedy = fill(limit);
  if (greedy.length === 1) return greedy;
  // The narrowest width that still needs no more rows than greedy filling at the limit.
  const total = rowOf(blocks).width;
  let low = Math.max(total / greedy.length, ...blocks.map((block) => block.width));
  let best = greedy;
  for (let high = limit; high - low > 8; ) {
    const middle = (low + high) / 2;
    const rows = fill(middle);
    if (rows.length <= greedy.length) {
      best = rows;
      high = middle;
    } else {
      low = middle;
    }
  }
  return best;
}

function sizeOf(node: Node): Size {
  const width = node.measured?.width ?? node.width;
  const height = node.measured?.height ?? node.height;
  if (width === undefined || height === undefined) {
    throw new Error(`Node ${node.id} has no size: give it width and height before layout.`);
  }
  return { width, height };
}

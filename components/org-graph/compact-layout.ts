// The export sheet's layout: the org chart folded so a big tree fits a sheet a person can read. The canvas layout
// (layout.ts) puts every sibling in one row, which for 6,000 cards makes a strip 360,000 units wide. Here a
// container's children (its OU subtrees, then its account columns) stand in lanes under it: the parent's spine
// leaves its card's lower left, a bus runs right to each lane, each lane's spine runs down its left side with a
// tick into every child card. Lanes are filled top to bottom up to the sheet's height (less the levels above),
// like newspaper columns; the sheet's height is chosen so the sheet comes out about √2 : 1 (A-series paper,
// landscape). Every edge gets its orthogonal route. Pure: no React, no DOM.
import type { Edge, Node } from '@xyflow/react';
import type { StackableEdgeData } from './layout';

/** A point of an edge's route, in canvas units. */
export interface RoutePoint {
  x: number;
  y: number;
}

/** Where every card goes and how every parent → child edge runs. */
export interface CompactLayout {
  /** Top-left corner of each laid-out node, by id. */
  positions: Map<string, RoutePoint>;
  /** Each drawn edge's polyline (parent's bottom → its child's left side), by edge id. */
  routes: Map<string, RoutePoint[]>;
  /** Width of the laid-out sheet (from x 0). */
  width: number;
  /** Height of the laid-out sheet (from y 0). */
  height: number;
}

/** Room left of a lane's items for its spine (the spine runs half this in). */
const LANE_INDENT = 28;
/** Gap between a parent card and its lanes; the bus runs halfway down it. */
const LINE_GAP = 48;
/** Gap between lanes. */
const LANE_GAP = 28;
/** Gap between two items of a lane. */
const ITEM_GAP = 24;
/** Gap between the cards of an account column. */
const ROW_GAP = 14;
/** The shape a container's block aims at: landscape, about A-series paper's √2. */
const TARGET_ASPECT = Math.SQRT2;

interface Size {
  width: number;
  height: number;
}

/** One item of a lane: an OU's whole subtree, or one column of accounts. */
interface Item {
  kind: 'subtree' | 'column';
  /** The OU id (subtree) or the account ids top to bottom (column). */
  ids: string[];
  width: number;
  height: number;
}

interface Lane {
  items: Item[];
  /** Its widest item. */
  width: number;
  height: number;
}

interface Block extends Size {
  lanes: Lane[];
}

/**
 * Lays the visible nodes out in lanes. Nodes need `width` and `height`; a node's parent is the source of the first
 * drawn edge that targets it, and targets of edges marked `data.stacked` stand in account columns.
 */
export function compactLayout(nodes: readonly Node[], edges: readonly Edge[]): CompactLayout {
  const steps = layoutSteps(nodes, edges);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** compactLayout in slices: `pause` is awaited between the tries of sheet heights (each one pass over the tree). */
export async function compactLayoutSliced(nodes: readonly Node[], edges: readonly Edge[], pause: () => Promise<void>): Promise<CompactLayout> {
  const steps = layoutSteps(nodes, edges);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

function* layoutSteps(nodes: readonly Node[], edges: readonly Edge[]): Generator<void, CompactLayout> {
  const tree = buildTree(nodes, edges);
  let area = 0;
  for (const size of tree.sizes.values()) area += (size.width + LANE_INDENT + LANE_GAP) * (size.height + ITEM_GAP);
  // Sheet heights from the narrowest useful one up, by a quarter each: keep the one closest to TARGET_ASPECT.
  let best: CompactLayout | undefined;
  const misfit = (layout: CompactLayout) => Math.abs(Math.log(layout.width / Math.max(1, layout.height) / TARGET_ASPECT));
  for (let height = Math.max(600, Math.sqrt(area / TARGET_ASPECT) / 2); ; height *= 1.25) {
    yield;
    const candidate = layoutAt(tree, height);
    if (!best || misfit(candidate) < misfit(best)) best = candidate;
    if (candidate.width / Math.max(1, candidate.height) < TARGET_ASPECT / 2) break;
  }
  return best;
}

/** The layout with lanes no taller than `sheetHeight` allows at their level. */
function layoutAt(tree: Tree, sheetHeight: number): CompactLayout {
  const { sizes, roots, subtreeChildren, columnChildren, edgeIdOf } = tree;
  const blocks = new Map<string, Block>();
  // Sizes children first, each level with the height left under its parents (recursion as deep as the tree: an
  // organization has at most 7 levels: root, 5 OUs, accounts).
  const measure = (id: string, room: number) => {
    const card = sizes.get(id)!;
    const childRoom = room - card.height - LINE_GAP;
    const items: Item[] = [];
    for (const child of subtreeChildren.get(id) ?? []) {
      if (!sizes.has(child) || blocks.has(child)) continue;
      const block = measure(child, childRoom);
      items.push({ kind: 'subtree', ids: [child], width: block.width, height: block.height });
    }
    // The accounts in columns as tall as the room allows (one card at least).
    let column: Item | undefined;
    for (const account of columnChildren.get(id) ?? []) {
      const size = sizes.get(account)!;
      if (column && column.height + ROW_GAP + size.height <= childRoom) {
        column.ids.push(account);
        column.height += ROW_GAP + size.height;
        column.width = Math.max(column.width, size.width);
      } else {
        column = { kind: 'column', ids: [account], width: size.width, height: size.height };
        items.push(column);
      }
    }
    const lanes: Lane[] = [];
    for (const item of items) {
      const lane = lanes.at(-1);
      if (lane && lane.height + ITEM_GAP + item.height <= childRoom) {
        lane.items.push(item);
        lane.height += ITEM_GAP + item.height;
        lane.width = Math.max(lane.width, item.width);
      } else {
        lanes.push({ items: [item], width: item.width, height: item.height });
      }
    }
    const lanesWidth = lanes.reduce((sum, lane) => sum + LANE_INDENT + lane.width, 0) + Math.max(0, lanes.length - 1) * LANE_GAP;
    const block: Block = {
      width: Math.max(card.width, lanesWidth),
      height: card.height + (lanes.length > 0 ? LINE_GAP + Math.max(...lanes.map((lane) => lane.height)) : 0),
      lanes,
    };
    blocks.set(id, block);
    return block;
  };
  for (const root of roots) measure(root, sheetHeight);

  const positions = new Map<string, RoutePoint>();
  const routes = new Map<string, RoutePoint[]>();
  // Recursion as deep as the tree: an organization has at most 7 levels (root, 5 OUs, accounts).
  const place = (id: string, left: number, top: number) => {
    const card = sizes.get(id)!;
    positions.set(id, { x: left, y: top });
    const start = { x: left + LANE_INDENT / 2, y: top + card.height };
    const busY = top + card.height + LINE_GAP / 2;
    let laneLeft = left;
    for (const lane of blocks.get(id)!.lanes) {
      const spineX = laneLeft + LANE_INDENT / 2;
      // Down the parent's spine to the bus, along it to this lane's spine (the first lane's is the parent's own).
      const head = laneLeft === left ? [start] : [start, { x: start.x, y: busY }, { x: spineX, y: busY }];
      const itemX = laneLeft + LANE_INDENT;
      let itemTop = top + card.height + LINE_GAP;
      const tick = (childId: string, childTop: number) => {
        const middle = childTop + sizes.get(childId)!.height / 2;
        routes.set(edgeIdOf.get(childId)!, [...head, { x: spineX, y: middle }, { x: itemX, y: middle }]);
      };
      for (const item of lane.items) {
        if (item.kind === 'subtree') {
          tick(item.ids[0], itemTop);
          place(item.ids[0], itemX, itemTop);
        } else {
          let cardTop = itemTop;
          for (const account of item.ids) {
            positions.set(account, { x: itemX, y: cardTop });
            tick(account, cardTop);
            cardTop += sizes.get(account)!.height + ROW_GAP;
          }
        }
        itemTop += item.height + ITEM_GAP;
      }
      laneLeft += LANE_INDENT + lane.width + LANE_GAP;
    }
  };
  // Several roots (never in an organization, but the function takes any forest) stand one under the other.
  let top = 0;
  let width = 0;
  for (const root of roots) {
    place(root, 0, top);
    const block = blocks.get(root)!;
    top += block.height + LINE_GAP;
    width = Math.max(width, block.width);
  }
  return { positions, routes, width, height: Math.max(0, top - LINE_GAP) };
}

interface Tree {
  sizes: Map<string, Size>;
  roots: string[];
  subtreeChildren: Map<string, string[]>;
  columnChildren: Map<string, string[]>;
  edgeIdOf: Map<string, string>;
}

function buildTree(nodes: readonly Node[], edges: readonly Edge[]): Tree {
  const sizes = new Map<string, Size>();
  for (const node of nodes) {
    if (node.hidden) continue;
    const width = node.measured?.width ?? node.width;
    const height = node.measured?.height ?? node.height;
    if (width === undefined || height === undefined) throw new Error(`Node ${node.id} has no size: give it width and height before layout.`);
    sizes.set(node.id, { width, height });
  }
  const subtreeChildren = new Map<string, string[]>();
  const columnChildren = new Map<string, string[]>();
  const edgeIdOf = new Map<string, string>();
  for (const edge of edges) {
    if (edge.hidden || !sizes.has(edge.source) || !sizes.has(edge.target) || edgeIdOf.has(edge.target) || edge.source === edge.target) continue;
    edgeIdOf.set(edge.target, edge.id);
    const into = (edge.data as StackableEdgeData | undefined)?.stacked ? columnChildren : subtreeChildren;
    const list = into.get(edge.source);
    if (list) list.push(edge.target);
    else into.set(edge.source, [edge.target]);
  }
  const roots = [...sizes.keys()].filter((id) => !edgeIdOf.has(id));
  return { sizes, roots, subtreeChildren, columnChildren, edgeIdOf };
}


// Orthogonal edge routes for the access view: each edge leaves its source card on the right, enters its target card
// on the left, and runs between the cards, never across one. Pure and synchronous (the layout worker runs it).
//
// The search runs on a sparse grid whose lines are the cards' borders pushed out by a clearance (the "orthogonal
// visibility graph" that diagram routers such as libavoid use): a line at the clearance from a card is a lane beside
// it, and a grid step whose both sides lie inside the same pushed-out cards would cross a card. A* finds, per edge,
// the shortest route with a penalty per bend, so routes are short and straight. Edges from the same source share
// their lanes, so a fan of edges reads as one trunk with branches instead of a sheaf of crossing curves.

/** A point in the flow's absolute coordinates. */
export interface RoutePoint {
  x: number;
  y: number;
}

/** A card's box in the flow's absolute coordinates. */
export interface RouteBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An edge to route: between two cards, by id. */
export interface RouteRequest {
  id: string;
  source: string;
  target: string;
}

/** How far a route keeps from any card (px). */
export const ROUTE_CLEARANCE = 10;
/** A bend costs as much as this many pixels of length: fewer, longer straight runs. */
const BEND_COST = 40;
/** An edge whose search expands more grid states than this is drawn straight (a safety net on huge views). */
const MAX_EXPANSIONS = 400_000;

/** The routes found (bends only, first point on the source's right side, last on the target's left) and how many edges had none. */
export interface RoutedEdges {
  routes: Map<string, RoutePoint[]>;
  unrouted: number;
}

/** Sorted distinct values. */
function lines(values: number[]): Float64Array {
  const sorted = Float64Array.from(new Set(values)).sort();
  return sorted;
}

/** Index of `value` in the sorted lines (it is always one of them). */
function indexOf(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else if (sorted[middle] > value) high = middle - 1;
    else return middle;
  }
  return -1;
}

/** A binary min-heap of grid states keyed by their estimated total cost. */
class StateHeap {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  size = 0;

  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[at] = this.keys[parent];
      this.values[at] = this.values[parent];
      at = parent;
    }
    this.keys[at] = key;
    this.values[at] = value;
  }

  pop(): number {
    const top = this.values[0];
    const lastKey = this.keys[--this.size];
    const lastValue = this.values[this.size];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1] < this.keys[child]) child += 1;
      if (this.keys[child] >= lastKey) break;
      this.keys[at] = this.keys[child];
      this.values[at] = this.values[child];
      at = child;
    }
    this.keys[at] = lastKey;
    this.values[at] = lastValue;
    return top;
  }
}

/**
 * Routes every edge around the cards and walls. `cards` holds every card's box (the edges' ends and obstacles); an edge
 * whose end is not a card, or for which no route exists (cards closer than twice the clearance wall it in), gets none
 * and is counted in `unrouted`: the view draws it as a plain curve.
 */
export function routeEdges(cards: ReadonlyMap<string, RouteBox>, edges: readonly RouteRequest[], walls: readonly RouteBox[] = []): RoutedEdges {
  const routes = new Map<string, RoutePoint[]>();
  // Walls (the names on open account and OU boxes) are avoided as cards are, but no edge ends on one.
  const boxes = [...cards.values(), ...walls];
  const c = ROUTE_CLEARANCE;
  // A frame of lanes around everything, so that a card on the outer edge can still be entered from its left.
  const frame = (values: number[]) => (values.length === 0 ? values : [...values, Math.min(...values) - 2 * c, Math.max(...values) + 2 * c]);
  const xs = lines(frame(boxes.flatMap((box) => [box.x - c, box.x + box.width + c])));
  const ys = lines(frame(boxes.flatMap((box) => [box.y - c, box.y + box.height + c, box.y + box.height / 2])));
  const nx = xs.length;
  const ny = ys.length;
  // Cell (i, j) is the rectangle between lines i and i+1, j and j+1: 1 when inside a card pushed out by the clearance.
  const cellsX = nx - 1;
  const blocked = new Uint8Array(Math.max(0, cellsX * (ny - 1)));
  for (const box of boxes) {
    const left = indexOf(xs, box.x - c);
    const right = indexOf(xs, box.x + box.width + c);
    const top = indexOf(ys, box.y - c);
    const bottom = indexOf(ys, box.y + box.height + c);
    for (let j = top; j < bottom; j++) blocked.fill(1, j * cellsX + left, j * cellsX + right);
  }
  const cell = (i: number, j: number) => (i < 0 || j < 0 || i >= cellsX || j >= ny - 1 ? 0 : blocked[j * cellsX + i]);
  // A step along a line is blocked when the cells on both its sides are (it would run through a card): the step from
  // node (i, j) to (i+1, j) in stepRight, from (i, j) to (i, j+1) in stepDown, computed once for every search.
  const stepRight = new Uint8Array(nx * ny);
  const stepDown = new Uint8Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      stepRight[j * nx + i] = i + 1 < nx && cell(i, j - 1) === 1 && cell(i, j) === 1 ? 1 : 0;
      stepDown[j * nx + i] = j + 1 < ny && cell(i - 1, j) === 1 && cell(i, j) === 1 ? 1 : 0;
    }
  }

  // States: grid node × the direction the route arrived in (0 horizontal, 1 vertical), for the bend penalty.
  const states = nx * ny * 2;
  const cost = new Float64Array(states).fill(Infinity);
  const previous = new Int32Array(states).fill(-1);
  const closed = new Uint8Array(states);
  const touched: number[] = [];
  let unrouted = 0;

  for (const edge of edges) {
    const source = cards.get(edge.source);
    const target = cards.get(edge.target);
    if (!source || !target) {
      unrouted += 1;
      continue;
    }
    const startY = source.y + source.height / 2;
    const endY = target.y + target.height / 2;
    const si = indexOf(xs, source.x + source.width + c);
    const sj = indexOf(ys, startY);
    const ti = indexOf(xs, target.x - c);
    const tj = indexOf(ys, endY);
    const start = ((sj * nx + si) << 1) | 0;
    const goal = (tj * nx + ti) << 1;
    const heap = new StateHeap();
    // Manhattan distance, a bend when both coordinates differ; ties go to the state nearer the target (a tiny
    // extra weight on the distance left), so the search runs along one route instead of widening around it.
    const estimate = (i: number, j: number) => {
      const dx = Math.abs(xs[i] - xs[ti]);
      const dy = Math.abs(ys[j] - ys[tj]);
      return (dx + dy) * 1.0001 + (dx > 0 && dy > 0 ? BEND_COST : 0);
    };
    cost[start] = 0;
    touched.push(start);
    heap.push(estimate(si, sj), start);
    let found = -1;
    let expansions = 0;
    while (heap.size > 0 && expansions < MAX_EXPANSIONS) {
      const state = heap.pop();
      if (closed[state]) continue;
      closed[state] = 1;
      expansions += 1;
      const node = state >> 1;
      const vertical = state & 1;
      // The route enters the target from the left: arriving vertically needs one more bend.
      if (node === goal >> 1 && vertical === 0) {
        found = state;
        break;
      }
      const i = node % nx;
      const j = (node - i) / nx;
      const here = cost[state];
      // Right, left, down, up: the neighbour, whether the step is open, and its length.
      for (let move = 0; move < 4; move++) {
        let neighbour: number;
        let length: number;
        if (move === 0) {
          if (i + 1 >= nx || stepRight[node]) continue;
          neighbour = node + 1;
          length = xs[i + 1] - xs[i];
        } else if (move === 1) {
          if (i === 0 || stepRight[node - 1]) continue;
          neighbour = node - 1;
          length = xs[i] - xs[i - 1];
        } else if (move === 2) {
          if (j + 1 >= ny || stepDown[node]) continue;
          neighbour = node + nx;
          length = ys[j + 1] - ys[j];
        } else {
          if (j === 0 || stepDown[node - nx]) continue;
          neighbour = node - nx;
          length = ys[j] - ys[j - 1];
        }
        const direction = move < 2 ? 0 : 1;
        const next = (neighbour << 1) | direction;
        if (closed[next]) continue;
        const total = here + length + (direction !== vertical ? BEND_COST : 0);
        if (total < cost[next]) {
          if (cost[next] === Infinity) touched.push(next);
          cost[next] = total;
          previous[next] = state;
          const ni = neighbour % nx;
          heap.push(total + estimate(ni, (neighbour - ni) / nx), next);
        }
      }
    }
    if (found >= 0) {
      const points: RoutePoint[] = [{ x: target.x, y: endY }];
      for (let state = found; state >= 0; state = previous[state]) {
        const node = state >> 1;
        const i = node % nx;
        points.push({ x: xs[i], y: ys[(node - i) / nx] });
      }
      points.push({ x: source.x + source.width, y: startY });
      routes.set(edge.id, withoutStraightPoints(points.reverse()));
    } else {
      unrouted += 1;
    }
    for (const state of touched) {
      cost[state] = Infinity;
      previous[state] = -1;
      closed[state] = 0;
    }
    touched.length = 0;
  }
  return { routes, unrouted };
}

/** The route with only its ends and its bends (points in the middle of a straight run dropped). */
function withoutStraightPoints(points: RoutePoint[]): RoutePoint[] {
  const kept: RoutePoint[] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (last && last.x === point.x && last.y === point.y) continue;
    const before = kept[kept.length - 2];
    if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))) kept[kept.length - 1] = point;
    else kept.push(point);
  }
  return kept;
}

/** An SVG path along the route, its bends rounded (radius up to 8 px, less on short runs). */
export function routePath(points: readonly RoutePoint[]): string {
  if (points.length === 0) return '';
  let path = `M ${points[0].x} ${points[0].y}`;
  for (let k = 1; k < points.length - 1; k++) {
    const [a, b, next] = [points[k - 1], points[k], points[k + 1]];
    const radius = Math.min(8, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(next.x - b.x, next.y - b.y) / 2);
    const towards = (from: RoutePoint, to: RoutePoint, distance: number) => {
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance };
    };
    const before = towards(b, a, radius);
    const after = towards(b, next, radius);
    path += ` L ${before.x} ${before.y} Q ${b.x} ${b.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1];
  return `${path} L ${last.x} ${last.y}`;
}

/** The point at fraction `t` (0 = source, 1 = target) of the route's length. */
export function pointOnRoute(points: readonly RoutePoint[], t: number): RoutePoint {
  const lengths = points.slice(1).map((point, k) => Math.hypot(point.x - points[k].x, point.y - points[k].y));
  let remaining = Math.max(0, Math.min(1, t)) * lengths.reduce((sum, length) => sum + length, 0);
  for (let k = 0; k < lengths.length; k++) {
    if (remaining <= lengths[k] || k === lengths.length - 1) {
      const share = lengths[k] === 0 ? 0 : Math.min(1, remaining / lengths[k]);
      return { x: points[k].x + (points[k + 1].x - points[k].x) * share, y: points[k].y + (points[k + 1].y - points[k].y) * share };
    }
    remaining -= lengths[k];
  }
  return points[0] ?? { x: 0, y: 0 };
}

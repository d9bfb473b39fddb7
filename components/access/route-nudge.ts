// Separates the edges that share a lane. The router finds each edge's route alone, so two edges that run along the
// same lane (a fan out of one card, a trunk down the gap between two columns) are drawn one exactly over the other:
// nobody can tell them apart or click the one underneath. This pass moves each straight run of a shared lane a few
// pixels aside, the runs of one lane side by side in the order that crosses least, as diagram routers do after
// routing ("nudging"). A run moves across its own direction only, so routes keep their right angles; it stays within
// the room its lane has (off the cards and box names, halfway to the next lane in use, and on its card's side where
// it ends on one).
import type { RouteBox, RoutePoint } from './access-route';

/** Distance between two edges running side by side in a lane (px), when the lane has room for it. */
export const LANE_SPACING = 6;
/** How close a moved run may come to a card or a box's name (px); the router keeps ROUTE_CLEARANCE. */
const MARGIN = 3;
/** How far from its card's corner an edge may end on the card's side (px). */
const PORT_MARGIN = 6;
/** How far a run's ends may move along it when the runs across them move (px): the room is checked that much wider. */
const REACH = 8;

/** The cards an edge leaves and enters (their sides are where its route must start and end). */
export interface RouteEnds {
  source: RouteBox;
  target: RouteBox;
}

/** One straight run of a route. */
interface Run {
  route: string;
  /** Index of its first point in the route. */
  index: number;
  horizontal: boolean;
  /** Its coordinate across its direction (y of a horizontal run, x of a vertical one). */
  lane: number;
  /** Its span along its direction, and that span widened by REACH at the ends that are bends. */
  low: number;
  high: number;
  reachLow: number;
  reachHigh: number;
  /** Which way the route turns at each end of the span (-1 up or left, +1 down or right, 0 at a card). */
  turnLow: number;
  turnHigh: number;
  /**
   * Between runs that turn alike at both ends: which one the next runs need on top, read from those runs (how far
   * each goes before it turns again, and which way), so that a bundle of edges keeps its order round a bend.
   */
  tie: number;
  /** Its room across, when it ends on a card's side. */
  portLow: number;
  portHigh: number;
}

/** A point's coordinate across a run (y of a horizontal run) and along it. */
const acrossOf = (point: RoutePoint, horizontal: boolean) => (horizontal ? point.y : point.x);
const alongOf = (point: RoutePoint, horizontal: boolean) => (horizontal ? point.x : point.y);

/** The runs of every route, each with its turns and its card ends. */
function runsOf(routes: ReadonlyMap<string, RoutePoint[]>, ends: ReadonlyMap<string, RouteEnds>): Run[] {
  const runs: Run[] = [];
  for (const [id, points] of routes) {
    const last = points.length - 2;
    const card = ends.get(id);
    for (let index = 0; index <= last; index++) {
      const a = points[index];
      const b = points[index + 1];
      const horizontal = a.y === b.y;
      const [alongA, alongB] = horizontal ? [a.x, b.x] : [a.y, b.y];
      const lane = horizontal ? a.y : a.x;
      // The turn at a: where the run before came from; at b: where the run after goes.
      const turnA = index > 0 ? Math.sign((horizontal ? points[index - 1].y : points[index - 1].x) - lane) : 0;
      const turnB = index < last ? Math.sign((horizontal ? points[index + 2].y : points[index + 2].x) - lane) : 0;
      const forward = alongA <= alongB;
      const low = forward ? alongA : alongB;
      const high = forward ? alongB : alongA;
      const turnLow = forward ? turnA : turnB;
      const turnHigh = forward ? turnB : turnA;
      // The run beyond each end: how far it goes across this lane (length) and which way it turns after (then).
      const beyondB = index < last ? turnB * Math.abs(acrossOf(points[index + 2], horizontal) - lane) * (index + 3 < points.length ? Math.sign(alongOf(points[index + 3], horizontal) - alongOf(points[index + 2], horizontal)) : 0) : 0;
      const beyondA = index > 0 ? turnA * Math.abs(acrossOf(points[index - 1], horizontal) - lane) * (index >= 2 ? Math.sign(alongOf(points[index - 2], horizontal) - alongOf(points[index - 1], horizontal)) : 0) : 0;
      // Round a bend at the high end the outer run of the next lane is the one that turns again soonest the other way.
      const tie = forward ? beyondB - beyondA : beyondA - beyondB;
      let portLow = -Infinity;
      let portHigh = Infinity;
      const port = (box: RouteBox) => {
        const start = horizontal ? box.y : box.x;
        portLow = Math.max(portLow, start + PORT_MARGIN);
        portHigh = Math.min(portHigh, start + (horizontal ? box.height : box.width) - PORT_MARGIN);
      };
      if (index === 0 && card) port(card.source);
      if (index === last && card) port(card.target);
      runs.push({
        route: id, index, horizontal, lane, low, high,
        reachLow: turnLow === 0 ? low : low - REACH, reachHigh: turnHigh === 0 ? high : high + REACH,
        turnLow, turnHigh, tie, portLow, portHigh,
      });
    }
  }
  return runs;
}

/**
 * Where a run sits among the runs it shares its lane with, first (top or left) to last. An end that turns away
 * inside the others' span goes to the side it turns to, the further inside the further out, so that it leaves the
 * lane without crossing them: two runs turning up are nested, the shorter above; one turning up and one down part
 * without a crossing.
 */
function orderKey(run: Run, low: number, high: number): number {
  return run.turnLow * (run.low - low + 1) + run.turnHigh * (high - run.high + 1);
}

/** The routes with the runs that share a lane moved apart (same ids; routes with no shared run are kept as they are). */
export function nudgeRoutes(routes: ReadonlyMap<string, RoutePoint[]>, ends: ReadonlyMap<string, RouteEnds>, obstacles: readonly RouteBox[]): Map<string, RoutePoint[]> {
  const runs = runsOf(routes, ends);
  const shifts = new Map<Run, number>();
  for (const horizontal of [true, false]) {
    const ofDirection = runs.filter((run) => run.horizontal === horizontal);
    const byLane = new Map<number, Run[]>();
    for (const run of ofDirection) {
      const lane = byLane.get(run.lane);
      if (lane) lane.push(run);
      else byLane.set(run.lane, [run]);
    }
    const lanes = [...byLane.keys()].sort((a, b) => a - b);
    lanes.forEach((lane, place) => {
      const lanesRuns = byLane.get(lane)!.sort((a, b) => a.reachLow - b.reachLow);
      // Groups of runs whose spans overlap or touch: each group is spread on its own.
      let group: Run[] = [];
      let groupHigh = -Infinity;
      const spread = () => {
        if (group.length > 1) spreadGroup(group, lane, place, lanes, byLane, obstacles, horizontal, shifts);
        group = [];
      };
      for (const run of lanesRuns) {
        if (run.reachLow > groupHigh) spread();
        group.push(run);
        groupHigh = group.length === 1 ? run.reachHigh : Math.max(groupHigh, run.reachHigh);
      }
      spread();
    });
  }
  if (shifts.size === 0) return new Map(routes);
  // A bend is where a horizontal run meets a vertical one: its y moves with the first, its x with the second.
  const moved = new Map<string, RoutePoint[]>(routes);
  const byRoute = new Map<string, Run[]>();
  for (const run of shifts.keys()) {
    const list = byRoute.get(run.route);
    if (list) list.push(run);
    else byRoute.set(run.route, [run]);
  }
  for (const [id, shifted] of byRoute) {
    const points = routes.get(id)!.map((point) => ({ ...point }));
    for (const run of shifted) {
      const by = shifts.get(run)!;
      for (const point of [points[run.index], points[run.index + 1]]) {
        if (run.horizontal) point.y += by;
        else point.x += by;
      }
    }
    moved.set(id, points);
  }
  return moved;
}

/** Spreads one group of runs sharing a lane across the room the lane has there, in crossing order. */
function spreadGroup(group: Run[], lane: number, place: number, lanes: readonly number[], byLane: ReadonlyMap<number, Run[]>, obstacles: readonly RouteBox[], horizontal: boolean, shifts: Map<Run, number>): void {
  const low = Math.min(...group.map((run) => run.reachLow));
  const high = Math.max(...group.map((run) => run.reachHigh));
  // The room: off the cards and names beside the span, halfway to the nearest lanes in use there, on the ports' sides.
  let before = Math.max(...group.map((run) => run.portLow));
  let after = Math.min(...group.map((run) => run.portHigh));
  for (const box of obstacles) {
    const alongStart = horizontal ? box.x : box.y;
    if (alongStart >= high || alongStart + (horizontal ? box.width : box.height) <= low) continue;
    const acrossStart = horizontal ? box.y : box.x;
    const acrossEnd = acrossStart + (horizontal ? box.height : box.width);
    if (acrossEnd <= lane) before = Math.max(before, acrossEnd + MARGIN);
    else if (acrossStart >= lane) after = Math.min(after, acrossStart - MARGIN);
  }
  const overlapsSpan = (other: number) => byLane.get(lanes[other])!.some((run) => run.low < high && run.high > low);
  for (let other = place - 1; other >= 0 && lane - lanes[other] < 2 * (lane - before); other--) {
    if (overlapsSpan(other)) {
      before = Math.max(before, (lane + lanes[other]) / 2 + 1);
      break;
    }
  }
  for (let other = place + 1; other < lanes.length && lanes[other] - lane < 2 * (after - lane); other++) {
    if (overlapsSpan(other)) {
      after = Math.min(after, (lane + lanes[other]) / 2 - 1);
      break;
    }
  }
  before = Math.min(before, lane);
  after = Math.max(after, lane);
  const spacing = Math.min(LANE_SPACING, (after - before) / (group.length - 1));
  const width = spacing * (group.length - 1);
  // Centred on the lane, pushed back inside the room where it reaches a side.
  const first = Math.max(before, Math.min(lane - width / 2, after - width));
  const ordered = group.map((run) => ({ run, key: orderKey(run, low, high) })).sort((a, b) => a.key - b.key || a.run.tie - b.run.tie || (a.run.route < b.run.route ? -1 : a.run.route > b.run.route ? 1 : 0));
  ordered.forEach(({ run }, slot) => {
    const by = first + slot * spacing - lane;
    if (by !== 0) shifts.set(run, by);
  });
}

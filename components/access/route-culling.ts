// Which routed edges React Flow leaves out although part of their route is on screen. With onlyRenderVisibleElements,
// React Flow draws an edge only when the box spanning its two cards overlaps the view: a route that detours around
// other cards (above a row of cards, round an account box) runs outside that box, so when both cards are off screen
// the part of the route in view vanished. The view draws those edges itself (access-view.tsx); this module decides
// which, from plain boxes, so that the rule is tested without a browser.

import type { RoutePoint } from './access-route';

/** A rectangle in flow coordinates. */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An edge as the culling sees it: its id, its two cards and its route. */
export interface CullableEdge {
  id: string;
  source: string;
  target: string;
  route?: readonly RoutePoint[];
}

/** The part of the flow on screen, from React Flow's transform ([x, y, zoom]) and the pane's size in pixels. */
export function viewRectOf(transform: readonly [number, number, number], width: number, height: number): FlowRect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/** True when the rectangles share some area (touching edges do not count, as in React Flow). */
function overlaps(a: FlowRect, b: FlowRect): boolean {
  return Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
}

/** The box spanning two cards, at least 1 px wide and high (React Flow's isEdgeVisible does the same). */
function spanOf(source: FlowRect, target: FlowRect): FlowRect {
  const x = Math.min(source.x, target.x);
  const y = Math.min(source.y, target.y);
  const x2 = Math.max(source.x + source.width, target.x + target.width);
  const y2 = Math.max(source.y + source.height, target.y + target.height);
  return { x, y, width: Math.max(1, x2 - x), height: Math.max(1, y2 - y) };
}

/** True when some segment of the route (axis-aligned or not: its bounding box is tested) crosses the view. */
function routeInView(route: readonly RoutePoint[], view: FlowRect): boolean {
  for (let k = 1; k < route.length; k++) {
    const a = route[k - 1];
    const b = route[k];
    // A segment is a rectangle of zero width or height: widen it by a pixel so that it can overlap.
    const segment = { x: Math.min(a.x, b.x) - 0.5, y: Math.min(a.y, b.y) - 0.5, width: Math.abs(b.x - a.x) + 1, height: Math.abs(b.y - a.y) + 1 };
    if (overlaps(segment, view)) return true;
  }
  return false;
}

/**
 * The routed edges that React Flow does not draw (their cards' span is out of view) while some segment of their
 * route is in view. `cardBox` gives a card's absolute box, or undefined when React Flow does not know the card.
 */
export function edgesBeyondTheirCards<E extends CullableEdge>(edges: readonly E[], cardBox: (id: string) => FlowRect | undefined, view: FlowRect): E[] {
  const beyond: E[] = [];
  for (const edge of edges) {
    if (!edge.route || edge.route.length < 2) continue;
    const source = cardBox(edge.source);
    const target = cardBox(edge.target);
    if (!source || !target) continue;
    if (overlaps(spanOf(source, target), view)) continue;
    if (routeInView(edge.route, view)) beyond.push(edge);
  }
  return beyond;
}

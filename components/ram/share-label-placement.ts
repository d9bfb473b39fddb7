// Where the labels of RAM share edges go on the live canvas: on their own curve where they cover no card and no other
// label, else nudged off the curve, else in a row under the tree. Pure geometry, no React.
//
// A share edge is React Flow's bezier between two handles on the right side of the cards (the external account's
// handle is on its left). getBezierPath puts a label at the curve's middle, which sits on a card whenever the curve
// passes over one; this picks the first free spot instead, and the edge component draws the label there.

/** A rectangle in flow coordinates (top-left corner and size). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One edge's ends: handle points and the side each handle faces. */
export interface LabelledCurve {
  id: string;
  label: string;
  source: { x: number; y: number; side: 'left' | 'right' };
  target: { x: number; y: number; side: 'left' | 'right' };
}

/** Height of an edge label with its background (10.5 px text, 2 px padding above and below). */
export const LABEL_HEIGHT = 16;
// Width per character of the 10.5 px label font, measured on Chromium's sans-serif (a little generous on purpose).
const CHAR_WIDTH = 6.4;
const LABEL_PADDING_X = 10;
// Space kept between a label and a card or another label.
const GAP = 4;

/** The size of a label's box, as the edge text draws it. */
export function labelSize(label: string): { width: number; height: number } {
  return { width: Math.ceil(label.length * CHAR_WIDTH + LABEL_PADDING_X), height: LABEL_HEIGHT };
}

// React Flow's control offset for a bezier handle (getBezierPath, curvature 0.25): half the distance when the target
// lies ahead of the handle, else a curve that grows with the square root of the distance behind it.
function controlOffset(distance: number, curvature = 0.25): number {
  return distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);
}

function controlPoint(end: LabelledCurve['source'], other: { x: number }): { x: number; y: number } {
  const ahead = end.side === 'right' ? other.x - end.x : end.x - other.x;
  const offset = controlOffset(ahead);
  return { x: end.side === 'right' ? end.x + offset : end.x - offset, y: end.y };
}

/** The point at `t` of the edge's cubic bezier, with the control points React Flow uses. */
export function pointOnCurve(curve: LabelledCurve, t: number): { x: number; y: number } {
  const p0 = curve.source;
  const p3 = curve.target;
  const p1 = controlPoint(curve.source, curve.target);
  const p2 = controlPoint(curve.target, curve.source);
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

// Along the curve from its middle outwards, then the same spots moved up and down by one and two label heights.
const POSITIONS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88];
const NUDGES = [0, -1, 1, -2, 2, -3, 3].map((step) => step * (LABEL_HEIGHT + GAP));

/**
 * A centre for every label that covers no card and no label placed before it. Labels that find no free spot near their
 * curve go in a column under the lowest card, one per row, so none is ever drawn over a card or another label.
 */
export function placeShareLabels(curves: readonly LabelledCurve[], cards: readonly Rect[]): Map<string, { x: number; y: number }> {
  const taken: Rect[] = [];
  const placed = new Map<string, { x: number; y: number }>();
  const left: LabelledCurve[] = [];
  const free = (box: Rect) => !cards.some((card) => overlaps(box, card)) && !taken.some((label) => overlaps(box, label));
  for (const curve of curves) {
    const size = labelSize(curve.label);
    let spot: { x: number; y: number } | null = null;
    search: for (const nudge of NUDGES) {
      for (const t of POSITIONS) {
        const point = pointOnCurve(curve, t);
        const box = { x: point.x - size.width / 2, y: point.y + nudge - size.height / 2, ...size };
        if (free(box)) {
          spot = { x: point.x, y: point.y + nudge };
          taken.push(box);
          break search;
        }
      }
    }
    if (spot) placed.set(curve.id, spot);
    else left.push(curve);
  }
  if (left.length > 0) {
    const everything = [...cards, ...taken];
    const bottom = Math.max(...everything.map((r) => r.y + r.height));
    const start = Math.min(...everything.map((r) => r.x));
    left.forEach((curve, index) => {
      const size = labelSize(curve.label);
      const box = { x: start, y: bottom + 2 * GAP + index * (LABEL_HEIGHT + GAP), ...size };
      taken.push(box);
      placed.set(curve.id, { x: box.x + size.width / 2, y: box.y + size.height / 2 });
    });
  }
  return placed;
}

// The exported sheet's geometry, shared by the SVG and PDF writers: the frame (margins, title, legend row), the
// tree edges' polylines, the RAM share curves with their label spots, and the legend's swatches and words. Each
// writer only turns these shapes into its own syntax, so both files show the same drawing.
import { textWidth, type CardText } from './card-content';
import {
  BADGE_KEY, diagramBounds, KEY_ENTRIES, legendOf, shareEdgeColour,
  type DiagramEdge, type DiagramLegendEntry, type DiagramModel, type DiagramNode,
} from './diagram-model';
import { COLUMN_INDENT, LAYER_GAP } from '../layout';
import type { Palette } from './palette';

const MARGIN = 24;
const TITLE_HEIGHT = 36;
const LEGEND_HEIGHT = 32;

/** A point in canvas units. */
export interface SheetPoint {
  x: number;
  y: number;
}

/** A filled and/or stroked rounded rectangle. */
export interface SheetRect {
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
}

/** The sheet: its box in canvas units (view box), the title line, and the legend row. */
export interface SheetFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  title?: CardText;
  legend: { rects: SheetRect[]; texts: CardText[] };
}

/** One RAM share edge: a cubic curve from the owner to the principal, its arrowhead, and its label's spot. */
export interface ShareCurve {
  edge: DiagramEdge;
  colour: string;
  /** Dash pattern: dotted while the invitation is pending. */
  dash: [number, number];
  from: SheetPoint;
  control1: SheetPoint;
  control2: SheetPoint;
  to: SheetPoint;
  arrow: [SheetPoint, SheetPoint, SheetPoint];
  /** The label's centre baseline, where it covers no card and no earlier label. */
  label?: SheetPoint;
}

/** The sheet around the diagram: a margin, then the title and the legend above the cards. */
export function sheetFrame(model: DiagramModel, palette: Palette): SheetFrame {
  const bounds = diagramBounds(model.nodes);
  const legend = legendOf(model);
  const key = model.key === true;
  const title = model.title?.trim() || undefined;
  const titleHeight = title ? TITLE_HEIGHT : 0;
  const legendHeight = legend.length > 0 || key ? LEGEND_HEIGHT : 0;
  const row = legendRow(legend, key, bounds.x, bounds.y - legendHeight - 8, palette);
  const contentWidth = Math.max(bounds.width, row.width, title ? textWidth(title, 16, true) : 0);
  const y = bounds.y - MARGIN - titleHeight - legendHeight;
  return {
    x: bounds.x - MARGIN,
    y,
    width: contentWidth + 2 * MARGIN,
    height: bounds.height + 2 * MARGIN + titleHeight + legendHeight,
    ...(title ? { title: { text: title, x: bounds.x, y: y + MARGIN + 16, size: 16, bold: true, mono: false, anchor: 'start' as const, fill: palette.text } } : {}),
    legend: { rects: row.rects, texts: row.texts },
  };
}

/** A tree edge's polyline: its route when the layout gave one, else the canvas's shapes (bus, then spine or drop). */
export function treeEdgePoints(edge: DiagramEdge, nodeById: ReadonlyMap<string, DiagramNode>): SheetPoint[] {
  if (edge.points && edge.points.length > 1) return edge.points;
  const parent = nodeById.get(edge.source)!;
  const child = nodeById.get(edge.target)!;
  const sx = parent.x + parent.width / 2;
  const sy = parent.y + parent.height;
  if (child.kind === 'account') {
    // As on the canvas (ColumnEdge): the bus, the column's spine left of the card, a tick into its side.
    const busY = sy + LAYER_GAP / 2;
    const ty = child.y + child.height / 2;
    const spine = child.x - COLUMN_INDENT / 2;
    return [{ x: sx, y: sy }, { x: sx, y: busY }, { x: spine, y: busY }, { x: spine, y: ty }, { x: child.x, y: ty }];
  }
  const tx = child.x + child.width / 2;
  const midY = sy + (child.y - sy) / 2;
  return [{ x: sx, y: sy }, { x: sx, y: midY }, { x: tx, y: midY }, { x: tx, y: child.y }];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The share edges' curves, as the canvas draws them: from the owner's right side into the principal's right side
 * (its left side for an account outside the organization, drawn beside the tree). Each label goes on its curve at
 * the point nearest the middle where it covers no card and no label placed before (a label on a card hid the
 * card's name); then at those points moved up or down; the middle when nothing is free.
 */
export function shareCurves(edges: readonly DiagramEdge[], nodeById: ReadonlyMap<string, DiagramNode>): ShareCurve[] {
  const placed: Box[] = [];
  const cards = [...nodeById.values()];
  return edges.map((edge, index) => {
    const owner = nodeById.get(edge.source)!;
    const principal = nodeById.get(edge.target)!;
    const sx = owner.x + owner.width;
    const sy = owner.y + owner.height / 2;
    const intoLeft = principal.kind === 'external';
    const tx = intoLeft ? principal.x : principal.x + principal.width;
    const ty = principal.y + principal.height / 2;
    const bend = Math.max(60, Math.abs(tx - sx) / 3);
    const c2x = intoLeft ? tx - bend : tx + bend;
    const direction = intoLeft ? 1 : -1;
    const curve: ShareCurve = {
      edge,
      colour: shareEdgeColour(edge),
      dash: edge.marks?.includes('pending') ? [2, 5] : [10, 5],
      from: { x: sx, y: sy },
      control1: { x: sx + bend, y: sy },
      control2: { x: c2x, y: ty },
      to: { x: tx, y: ty },
      arrow: [{ x: tx, y: ty }, { x: tx - 8 * direction, y: ty - 4 }, { x: tx - 8 * direction, y: ty + 4 }],
    };
    if (edge.label) {
      const at = (t: number) => {
        const u = 1 - t;
        return {
          x: u * u * u * sx + 3 * u * u * t * (sx + bend) + 3 * u * t * t * c2x + t * t * t * tx,
          y: u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty,
        };
      };
      const half = textWidth(edge.label, 10.5, false) / 2 + 4;
      const boxAt = (p: SheetPoint) => ({ x: p.x - half, y: p.y - 11, width: half * 2, height: 15 });
      const clear = (box: Box) => ![...cards, ...placed].some((other) => box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height);
      const tries = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85];
      const shifted = [-16, 16, -32, 32, -48, 48, -64, 64].flatMap((dy) => tries.map((t) => ({ ...at(t), y: at(t).y + dy })));
      const spot = [...tries.map(at), ...shifted].find((p) => clear(boxAt(p))) ?? { ...at(0.5), y: at(0.5).y + index * 4 };
      placed.push(boxAt(spot));
      curve.label = spot;
    }
    return curve;
  });
}

/** The legend row: the cards' key (with `key`), the status colours, and what the badges count. */
function legendRow(legend: readonly DiagramLegendEntry[], key: boolean, x: number, y: number, palette: Palette): { rects: SheetRect[]; texts: CardText[]; width: number } {
  const rects: SheetRect[] = [];
  const texts: CardText[] = [];
  const word = (text: string, at: number, size = 12) => texts.push({ text, x: at, y: y + 17, size, bold: false, mono: false, anchor: 'start', fill: palette.text });
  let cursor = x;
  if (key) {
    for (const entry of KEY_ENTRIES) {
      const colours = palette.cards[entry.kind];
      // A small card: its accent bar on the left, as on the cards themselves.
      rects.push({ x: cursor, y: y + 4, width: 22, height: 18, radius: 4, fill: colours.accent });
      rects.push({ x: cursor + 4, y: y + 4, width: 18, height: 18, radius: 4, fill: colours.fill, stroke: colours.stroke, strokeWidth: 1 });
      word(entry.label, cursor + 28);
      cursor += 28 + textWidth(entry.label, 12, false) + 20;
    }
  }
  for (const entry of legend) {
    const colours = palette.statuses[entry.status];
    rects.push({ x: cursor, y: y + 6, width: 14, height: 14, radius: 3, fill: colours.fill, stroke: colours.stroke, strokeWidth: 2 });
    word(entry.label, cursor + 20);
    cursor += 20 + textWidth(entry.label, 12, false) + 20;
  }
  if (key) {
    rects.push({ x: cursor, y: y + 6, width: 34, height: 14, radius: 7, fill: palette.badge.fill });
    texts.push({ text: 'SCP', x: cursor + 6, y: y + 16.5, size: 10, bold: true, mono: false, anchor: 'start', fill: palette.badge.text });
    word(BADGE_KEY, cursor + 40);
    cursor += 40 + textWidth(BADGE_KEY, 12, false);
  }
  return { rects, texts, width: cursor - x };
}

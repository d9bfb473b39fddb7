// A standalone SVG of the diagram. Text stays text (<text> elements, searchable and selectable), nothing is
// executable or external (no <script>, no <foreignObject>, no href, no event attributes), and every name is
// XML-escaped, so the file is safe to open, embed or hand to a reviewer. Cards follow the canvas look.
import {
  assertValidDiagram, diagramBounds, kindLabel, legendOf, shareEdgeColour, STATUS_LABELS,
  type DiagramEdge, type DiagramLegendEntry, type DiagramModel, type DiagramNode,
} from './diagram-model';
import { COLUMN_INDENT, LAYER_GAP } from '../layout';
import { cardColours, paletteFor, type ExportTheme, type Palette } from './palette';
import { escapeXml, formatNumber as n } from './xml-text';

/** Options of toSvg. */
export interface SvgExportOptions {
  /** Colour theme; light by default. */
  theme?: ExportTheme;
}

const MARGIN = 24;
const TITLE_HEIGHT = 36;
const LEGEND_HEIGHT = 32;
const ACCENT_WIDTH = 4;
const RADIUS = 8;
const PADDING_X = 12;
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** Renders the diagram as an SVG document (a string starting with the XML declaration). */
export function toSvg(model: DiagramModel, options: SvgExportOptions = {}): string {
  assertValidDiagram(model);
  const palette = paletteFor(options.theme ?? 'light');
  const bounds = diagramBounds(model.nodes);
  const legend = legendOf(model);
  const title = model.title?.trim() || undefined;
  const titleHeight = title ? TITLE_HEIGHT : 0;
  const legendHeight = legend.length > 0 ? LEGEND_HEIGHT : 0;
  const legendWidth = legend.reduce((sum, entry) => sum + legendEntryWidth(entry), 0);
  const titleWidth = title ? textWidth(title, 16, true) : 0;

  const contentWidth = Math.max(bounds.width, legendWidth, titleWidth);
  const viewX = bounds.x - MARGIN;
  const viewY = bounds.y - MARGIN - titleHeight;
  const width = contentWidth + 2 * MARGIN;
  const height = bounds.height + 2 * MARGIN + titleHeight + legendHeight;

  const nodeById = new Map(model.nodes.map((node) => [node.id, node]));
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(viewX)} ${n(viewY)} ${n(width)} ${n(height)}" role="img" aria-labelledby="lzsim-diagram-title" font-family="${escapeXml(FONT)}">`);
  out.push(`<title id="lzsim-diagram-title">${escapeXml(title ?? 'Organization diagram')}</title>`);
  out.push(`<desc>${escapeXml(describe(model))}</desc>`);
  out.push(`<rect x="${n(viewX)}" y="${n(viewY)}" width="${n(width)}" height="${n(height)}" fill="${palette.background}"/>`);
  if (title) {
    out.push(`<text x="${n(bounds.x)}" y="${n(bounds.y - MARGIN + 4)}" font-size="16" font-weight="700" fill="${palette.text}">${escapeXml(title)}</text>`);
  }

  out.push(`<g fill="none" stroke="${palette.edge}" stroke-width="1.5">`);
  for (const edge of model.edges) {
    if (edge.kind === 'share') continue;
    const parent = nodeById.get(edge.source)!;
    const child = nodeById.get(edge.target)!;
    const sx = parent.x + parent.width / 2;
    const sy = parent.y + parent.height;
    if (child.kind === 'account') {
      // As on the canvas (ColumnEdge): the bus, the column's spine left of the card, a tick into its side.
      const busY = sy + LAYER_GAP / 2;
      const ty = child.y + child.height / 2;
      out.push(`<path d="M${n(sx)} ${n(sy)}V${n(busY)}H${n(child.x - COLUMN_INDENT / 2)}V${n(ty)}H${n(child.x)}"/>`);
      continue;
    }
    const tx = child.x + child.width / 2;
    const ty = child.y;
    const midY = sy + (ty - sy) / 2;
    out.push(`<path d="M${n(sx)} ${n(sy)}V${n(midY)}H${n(tx)}V${n(ty)}"/>`);
  }
  out.push('</g>');

  for (const node of model.nodes) out.push(renderCard(node, palette));
  // RAM share edges over the cards, as on the canvas: curves from the side, never a tree edge's right angles.
  const shares = model.edges.filter((edge) => edge.kind === 'share');
  if (shares.length > 0) out.push(renderShareEdges(shares, nodeById));

  if (legend.length > 0) out.push(renderLegend(legend, bounds.x, bounds.y + bounds.height + MARGIN, palette));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function renderCard(node: DiagramNode, palette: Palette): string {
  const colours = cardColours(palette, node);
  const { x, y, width: w, height: h } = node;
  const parts: string[] = [];
  parts.push(`<g data-node-id="${escapeXml(node.id)}" data-kind="${node.kind}"${node.status ? ` data-status="${node.status}"` : ''}>`);
  parts.push(`<title>${escapeXml(tooltip(node))}</title>`);
  // The accent bar: the whole card in the accent colour, then the body drawn over all but its left 4 px, so
  // the bar follows the rounded corners as the canvas's border-left does.
  parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${RADIUS}" fill="${colours.accent}"/>`);
  parts.push(`<path d="M${n(x + ACCENT_WIDTH)} ${n(y)}H${n(x + w - RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${n(x + w)} ${n(y + RADIUS)}V${n(y + h - RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${n(x + w - RADIUS)} ${n(y + h)}H${n(x + ACCENT_WIDTH)}Z" fill="${colours.fill}"/>`);
  parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${RADIUS}" fill="none" stroke="${colours.stroke}" stroke-width="${node.status ? 2 : 1}"/>`);

  const left = x + PADDING_X;
  const right = x + w - PADDING_X;
  const inner = right - left;
  // The header is short as on the canvas ("MANAGEMENT", not "MANAGEMENT ACCOUNT") so the id beside it fits.
  const kind = (node.kind === 'account' && node.isManagement ? 'Management' : node.kind === 'external' ? 'External' : kindLabel(node)).toUpperCase();
  parts.push(`<text x="${n(left)}" y="${n(y + 20)}" font-size="10" font-weight="700" letter-spacing="0.6" fill="${colours.muted}">${escapeXml(kind)}</text>`);
  if (node.sublabel) {
    const room = inner - textWidth(kind, 10, true) - 0.6 * kind.length - 8;
    parts.push(`<text x="${n(right)}" y="${n(y + 20)}" font-size="10.5" font-family="${escapeXml(MONO)}" text-anchor="end" fill="${colours.muted}">${escapeXml(fit(node.sublabel, room, 10.5, false))}</text>`);
  }
  parts.push(`<text x="${n(left)}" y="${n(y + 39)}" font-size="14" font-weight="600" fill="${colours.text}">${escapeXml(fit(node.label, inner, 14, true))}</text>`);
  if (node.status) {
    parts.push(`<text x="${n(left)}" y="${n(y + 55)}" font-size="11" font-weight="700" fill="${palette.statuses[node.status].stroke}">${escapeXml(STATUS_LABELS[node.status])}</text>`);
  }
  let badgeX = left;
  const badgeY = y + h - 8 - 14;
  for (const badge of node.badges) {
    const badgeWidth = textWidth(badge, 10, true) + 12;
    if (badgeX + badgeWidth > right) break;
    parts.push(`<rect x="${n(badgeX)}" y="${n(badgeY)}" width="${n(badgeWidth)}" height="14" rx="7" fill="${palette.badge.fill}"/>`);
    parts.push(`<text x="${n(badgeX + 6)}" y="${n(badgeY + 10.5)}" font-size="10" font-weight="700" fill="${palette.badge.text}">${escapeXml(badge)}</text>`);
    badgeX += badgeWidth + 4;
  }
  parts.push('</g>');
  return parts.join('');
}

interface Box { x: number; y: number; width: number; height: number }

function renderShareEdges(edges: readonly DiagramEdge[], nodeById: ReadonlyMap<string, DiagramNode>): string {
  const parts = ['<g data-share-edges="true" fill="none" stroke-width="2">'];
  const placed: Box[] = [];
  edges.forEach((edge, index) => {
    const owner = nodeById.get(edge.source)!;
    const principal = nodeById.get(edge.target)!;
    const colour = shareEdgeColour(edge);
    const sx = owner.x + owner.width;
    const sy = owner.y + owner.height / 2;
    // Into the principal's right side (its left side for a card beside the tree, which sits to the right).
    const intoLeft = principal.kind === 'external';
    const tx = intoLeft ? principal.x : principal.x + principal.width;
    const ty = principal.y + principal.height / 2;
    const bend = Math.max(60, Math.abs(tx - sx) / 3);
    const c2x = intoLeft ? tx - bend : tx + bend;
    const dash = edge.marks?.includes('pending') ? '2 5' : '10 5';
    parts.push(`<g data-edge-id="${escapeXml(edge.id)}"><title>${escapeXml(edge.label ?? 'RAM share')}</title>`);
    parts.push(`<path d="M${n(sx)} ${n(sy)}C${n(sx + bend)} ${n(sy)} ${n(c2x)} ${n(ty)} ${n(tx)} ${n(ty)}" stroke="${colour}" stroke-dasharray="${dash}"/>`);
    const arrowDirection = intoLeft ? 1 : -1;
    parts.push(`<path d="M${n(tx)} ${n(ty)}L${n(tx - 8 * arrowDirection)} ${n(ty - 4)}L${n(tx - 8 * arrowDirection)} ${n(ty + 4)}Z" fill="${colour}" stroke="none"/>`);
    if (edge.label) {
      // On the curve, at the point nearest its middle whose label covers no card and no label placed before (a label
      // on a card hid the card's name); the middle when every point does.
      const at = (t: number) => {
        const u = 1 - t;
        return {
          x: u * u * u * sx + 3 * u * u * t * (sx + bend) + 3 * u * t * t * c2x + t * t * t * tx,
          y: u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty,
        };
      };
      const half = textWidth(edge.label, 10.5, false) / 2 + 4;
      const boxAt = (p: { x: number; y: number }) => ({ x: p.x - half, y: p.y - 11, width: half * 2, height: 15 });
      const clear = (box: Box) => ![...nodeById.values(), ...placed].some((other) => box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height);
      const tries = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85];
      // Then the same points moved up or down off the cards (a curve between neighbours runs over them end to end).
      const shifted = [-16, 16, -32, 32, -48, 48, -64, 64].flatMap((dy) => tries.map((t) => ({ ...at(t), y: at(t).y + dy })));
      const spot = [...tries.map(at), ...shifted].find((p) => clear(boxAt(p))) ?? { ...at(0.5), y: at(0.5).y + index * 4 };
      placed.push(boxAt(spot));
      const lx = spot.x;
      const ly = spot.y;
      parts.push(`<text x="${n(lx)}" y="${n(ly)}" font-size="10.5" text-anchor="middle" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(edge.label)}</text>`);
    }
    parts.push('</g>');
  });
  parts.push('</g>');
  return parts.join('');
}

function renderLegend(legend: readonly DiagramLegendEntry[], x: number, y: number, palette: Palette): string {
  const parts = ['<g data-legend="true">'];
  let cursor = x;
  for (const entry of legend) {
    const colours = palette.statuses[entry.status];
    parts.push(`<rect x="${n(cursor)}" y="${n(y + 6)}" width="14" height="14" rx="3" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="2"/>`);
    parts.push(`<text x="${n(cursor + 20)}" y="${n(y + 17)}" font-size="12" fill="${palette.text}">${escapeXml(entry.label)}</text>`);
    cursor += legendEntryWidth(entry);
  }
  parts.push('</g>');
  return parts.join('');
}

function legendEntryWidth(entry: DiagramLegendEntry): number {
  return 20 + textWidth(entry.label, 12, false) + 20;
}

/** The card's full text, for the tooltip: what truncation may have cut from the visible lines. */
function tooltip(node: DiagramNode): string {
  const lines = [`${kindLabel(node)} ${node.label}`];
  if (node.sublabel) lines[0] += ` (${node.sublabel})`;
  if (node.status) lines.push(STATUS_LABELS[node.status]);
  if (node.badges.length > 0) lines.push(node.badges.join(', '));
  return lines.join('\n');
}

function describe(model: DiagramModel): string {
  const counts = { root: 0, ou: 0, account: 0, external: 0 };
  for (const node of model.nodes) counts[node.kind] += 1;
  const shares = model.edges.filter((edge) => edge.kind === 'share').length;
  const ram = shares > 0 ? ` ${shares} AWS RAM share edge${shares === 1 ? '' : 's'}${counts.external > 0 ? ` (${counts.external} to accounts outside the organization)` : ''}.` : '';
  return `Organization diagram: ${counts.ou} organizational unit${counts.ou === 1 ? '' : 's'} and ${counts.account} account${counts.account === 1 ? '' : 's'}.${ram}`;
}

/**
 * An estimate of rendered text width. The exporter has no font metrics (it runs without a DOM), so it uses the
 * average advance of a sans-serif face; the estimate errs wide so truncation keeps text inside its card.
 */
function textWidth(text: string, fontSize: number, bold: boolean): number {
  return [...text].length * fontSize * (bold ? 0.62 : 0.58);
}

/** The text, cut with an ellipsis when it would overflow `room`; the full text stays in the card's <title>. */
function fit(text: string, room: number, fontSize: number, bold: boolean): string {
  if (textWidth(text, fontSize, bold) <= room) return text;
  const chars = [...text];
  const keep = Math.max(1, Math.floor(room / (fontSize * (bold ? 0.62 : 0.58))) - 1);
  return `${chars.slice(0, keep).join('')}…`;
}

// A standalone SVG of the diagram. Text stays text (<text> elements, searchable and selectable), nothing is
// executable or external (no <script>, no <foreignObject>, no href, no event attributes), and every name is
// XML-escaped, so the file is safe to open, embed or hand to a reviewer. Cards follow the canvas look; the sheet's
// geometry (sheet.ts, card-content.ts) is the one the PDF writer draws too.
import { cardContent, type CardText } from './card-content';
import { assertValidDiagram, kindLabel, STATUS_LABELS, type DiagramModel, type DiagramNode } from './diagram-model';
import { cardColours, paletteFor, type ExportTheme, type Palette } from './palette';
import { sheetFrame, shareCurves, treeEdgePoints, type SheetPoint, type SheetRect, type ShareCurve } from './sheet';
import type { Pause } from './pause';
import { escapeXml, formatNumber as n } from './xml-text';

/** Options of toSvg. */
export interface SvgExportOptions {
  /** Colour theme; light by default. */
  theme?: ExportTheme;
}

const ACCENT_WIDTH = 4;
const RADIUS = 8;
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** Renders the diagram as an SVG document (a string starting with the XML declaration). */
export function toSvg(model: DiagramModel, options: SvgExportOptions = {}): string {
  return `${[...svgLines(model, options)].join('\n')}\n`;
}

/**
 * toSvg in slices, as UTF-8 bytes in pieces (what a Blob takes without one long encoding of a 6 MB string): the
 * page gets a turn whenever `pause` says so (a card is a line; 6,001 cards are many).
 */
export async function toSvgSliced(model: DiagramModel, options: SvgExportOptions & { pause: Pause }): Promise<Uint8Array[]> {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let batch: string[] = [];
  for (const line of svgLines(model, options)) {
    batch.push(line);
    if (batch.length === 100) {
      pieces.push(encoder.encode(`${batch.join('\n')}\n`));
      batch = [];
      await options.pause();
    }
  }
  if (batch.length > 0) pieces.push(encoder.encode(`${batch.join('\n')}\n`));
  return pieces;
}

function* svgLines(model: DiagramModel, options: SvgExportOptions): Generator<string> {
  assertValidDiagram(model);
  const palette = paletteFor(options.theme ?? 'light');
  const frame = sheetFrame(model, palette);
  const nodeById = new Map(model.nodes.map((node) => [node.id, node]));
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield `<svg xmlns="http://www.w3.org/2000/svg" width="${n(frame.width)}" height="${n(frame.height)}" viewBox="${n(frame.x)} ${n(frame.y)} ${n(frame.width)} ${n(frame.height)}" role="img" aria-labelledby="lzsim-diagram-title" font-family="${escapeXml(FONT)}">`;
  yield `<title id="lzsim-diagram-title">${escapeXml(frame.title?.text ?? 'Organization diagram')}</title>`;
  yield `<desc>${escapeXml(describe(model))}</desc>`;
  yield `<rect x="${n(frame.x)}" y="${n(frame.y)}" width="${n(frame.width)}" height="${n(frame.height)}" fill="${palette.background}"/>`;
  if (frame.title) yield svgText(frame.title);
  if (frame.legend.rects.length > 0) {
    yield `<g data-legend="true">${frame.legend.rects.map(svgRect).join('')}${frame.legend.texts.map(svgText).join('')}</g>`;
  }

  yield `<g fill="none" stroke="${palette.edge}" stroke-width="1.5">`;
  for (const edge of model.edges) {
    if (edge.kind !== 'share') yield `<path d="${polyline(treeEdgePoints(edge, nodeById))}"/>`;
  }
  yield '</g>';

  for (const node of model.nodes) yield renderCard(node, palette);
  // RAM share edges over the cards, as on the canvas: curves from the side, never a tree edge's right angles.
  const shares = model.edges.filter((edge) => edge.kind === 'share');
  if (shares.length > 0) yield `<g data-share-edges="true" fill="none" stroke-width="2">${shareCurves(shares, nodeById).map(renderShareCurve).join('')}</g>`;
  yield '</svg>';
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
  const content = cardContent(node, palette);
  for (const text of content.texts) parts.push(svgText(text));
  for (const badge of content.badges) {
    parts.push(svgRect({ ...badge, radius: 7, fill: palette.badge.fill }));
    parts.push(svgText({ text: badge.text, x: badge.x + 6, y: badge.y + 10.5, size: 10, bold: true, mono: false, anchor: 'start', fill: palette.badge.text }));
  }
  parts.push('</g>');
  return parts.join('');
}

function renderShareCurve(curve: ShareCurve): string {
  const { edge, colour, from, control1, control2, to, arrow } = curve;
  const parts = [`<g data-edge-id="${escapeXml(edge.id)}"><title>${escapeXml(edge.label ?? 'RAM share')}</title>`];
  parts.push(`<path d="M${n(from.x)} ${n(from.y)}C${n(control1.x)} ${n(control1.y)} ${n(control2.x)} ${n(control2.y)} ${n(to.x)} ${n(to.y)}" stroke="${colour}" stroke-dasharray="${curve.dash.join(' ')}"/>`);
  parts.push(`<path d="${polyline(arrow)}Z" fill="${colour}" stroke="none"/>`);
  if (edge.label && curve.label) {
    parts.push(`<text x="${n(curve.label.x)}" y="${n(curve.label.y)}" font-size="10.5" text-anchor="middle" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(edge.label)}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}

/** A polyline's path data; axis-aligned steps as H and V (tree edges are all right angles: a smaller file). */
function polyline(points: readonly SheetPoint[]): string {
  return points.map((point, index) => {
    const previous = points[index - 1];
    if (!previous) return `M${n(point.x)} ${n(point.y)}`;
    if (point.y === previous.y) return `H${n(point.x)}`;
    if (point.x === previous.x) return `V${n(point.y)}`;
    return `L${n(point.x)} ${n(point.y)}`;
  }).join('');
}

function svgRect(rect: SheetRect): string {
  const stroke = rect.stroke ? ` stroke="${rect.stroke}" stroke-width="${rect.strokeWidth ?? 1}"` : '';
  return `<rect x="${n(rect.x)}" y="${n(rect.y)}" width="${n(rect.width)}" height="${n(rect.height)}" rx="${rect.radius}" fill="${rect.fill ?? 'none'}"${stroke}/>`;
}

function svgText(text: CardText): string {
  const font = text.mono ? ` font-family="${escapeXml(MONO)}"` : '';
  const weight = text.bold ? ` font-weight="${text.size >= 14 ? 600 : 700}"` : '';
  const spacing = text.letterSpacing ? ` letter-spacing="${text.letterSpacing}"` : '';
  const anchor = text.anchor === 'end' ? ' text-anchor="end"' : '';
  return `<text x="${n(text.x)}" y="${n(text.y)}" font-size="${text.size}"${weight}${spacing}${font}${anchor} fill="${text.fill}">${escapeXml(text.text)}</text>`;
}

/** The card's full text, for the tooltip: what truncation may have cut from the visible lines. */
function tooltip(node: DiagramNode): string {
  const lines = [`${kindLabel(node)} ${node.label}`];
  if (node.sublabel) lines[0] += ` (${node.sublabel})`;
  if (node.status) lines.push(STATUS_LABELS[node.status]);
  if (node.badges.length > 0) lines.push(node.badges.join(', '));
  if (node.policies && node.policies.length > 0) lines.push(`Policies: ${node.policies.join(', ')}`);
  return lines.join('\n');
}

function describe(model: DiagramModel): string {
  const counts = { root: 0, ou: 0, account: 0, external: 0 };
  for (const node of model.nodes) counts[node.kind] += 1;
  const shares = model.edges.filter((edge) => edge.kind === 'share').length;
  const ram = shares > 0 ? ` ${shares} AWS RAM share edge${shares === 1 ? '' : 's'}${counts.external > 0 ? ` (${counts.external} to accounts outside the organization)` : ''}.` : '';
  return `Organization diagram: ${counts.ou} organizational unit${counts.ou === 1 ? '' : 's'} and ${counts.account} account${counts.account === 1 ? '' : 's'}.${ram}`;
}

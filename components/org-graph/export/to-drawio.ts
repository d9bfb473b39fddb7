// A .drawio file (diagrams.net): mxfile > diagram > mxGraphModel > root, written uncompressed so it is plain XML
// that diffs well and opens in diagrams.net as is. Cell "0" is the model root and cell "1" the default layer;
// then one vertex cell per node and one edge cell per edge, every cell on layer "1".
// Labels are plain text (no html=1 in the styles): a name such as "<b>prod</b>" shows as typed, never as markup.
import {
  assertValidDiagram, diagramBounds, kindLabel, shareEdgeColour, STATUS_LABELS, type DiagramEdge, type DiagramModel, type DiagramNode,
} from './diagram-model';
import { cardColours, paletteFor } from './palette';
import { escapeXml, escapeXmlAttribute, formatNumber as n } from './xml-text';

const MARGIN = 40;

const EDGE_STYLE = [
  'edgeStyle=orthogonalEdgeStyle', 'rounded=1', 'orthogonalLoop=1', 'jettySize=auto', 'endArrow=block', 'endFill=1',
  'exitX=0.5', 'exitY=1', 'exitDx=0', 'exitDy=0', 'entryX=0.5', 'entryY=0', 'entryDx=0', 'entryDy=0',
].join(';');

/** Renders the diagram as an uncompressed .drawio document. Node cells get ids n0, n1, ...; edge cells e0, e1, .... */
export function toDrawio(model: DiagramModel): string {
  assertValidDiagram(model);
  const palette = paletteFor('light');
  const bounds = diagramBounds(model.nodes);
  // diagrams.net pages start at the origin: shift the drawing so it sits a margin inside the first page.
  const dx = MARGIN - bounds.x;
  const dy = MARGIN - bounds.y;
  const cellIds = new Map(model.nodes.map((node, i) => [node.id, `n${i}`]));
  const title = model.title?.trim() || 'Organization';

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<mxfile host="lzsim" type="device" compressed="false">');
  out.push(`  <diagram id="lzsim-organization" name="${escapeXmlAttribute(title)}">`);
  out.push(`    <mxGraphModel dx="0" dy="0" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${n(Math.max(850, bounds.width + 2 * MARGIN))}" pageHeight="${n(Math.max(1100, bounds.height + 2 * MARGIN))}" math="0" shadow="0">`);
  out.push('      <root>');
  out.push('        <mxCell id="0"/>');
  out.push('        <mxCell id="1" parent="0"/>');
  for (const node of model.nodes) {
    out.push(`        <mxCell id="${cellIds.get(node.id)}" value="${escapeXmlAttribute(cellLabel(node))}" style="${vertexStyle(node, palette)}" vertex="1" parent="1">`);
    out.push(`          <mxGeometry x="${n(node.x + dx)}" y="${n(node.y + dy)}" width="${n(node.width)}" height="${n(node.height)}" as="geometry"/>`);
    out.push('        </mxCell>');
  }
  model.edges.forEach((edge, i) => {
    const style = edge.kind === 'share' ? shareEdgeStyle(edge) : EDGE_STYLE;
    const value = edge.kind === 'share' && edge.label ? ` value="${escapeXmlAttribute(edge.label)}"` : '';
    out.push(`        <mxCell id="e${i}"${value} style="${style}" edge="1" parent="1" source="${cellIds.get(edge.source)}" target="${cellIds.get(edge.target)}">`);
    out.push('          <mxGeometry relative="1" as="geometry"/>');
    out.push('        </mxCell>');
  });
  out.push('      </root>');
  out.push('    </mxGraphModel>');
  out.push('  </diagram>');
  out.push('</mxfile>');
  return `${out.join('\n')}\n`;
}

/** A RAM share edge: a dashed curve from the owner's right side, in the share colour, labelled (not a tree link). */
function shareEdgeStyle(edge: DiagramEdge): string {
  const colour = shareEdgeColour(edge);
  const style = [
    'curved=1', 'endArrow=block', 'endFill=1', 'dashed=1', `dashPattern=${edge.marks?.includes('pending') ? '2 4' : '8 4'}`,
    `strokeColor=${colour}`, 'strokeWidth=2', `fontColor=${colour}`, 'fontSize=10', 'html=0', 'labelBackgroundColor=#ffffff',
    'exitX=1', 'exitY=0.5', 'exitDx=0', 'exitDy=0',
  ];
  return escapeXml(style.join(';'));
}

/**
 * The text of a node's cell: its name, then kind and id, then the status in words (draw.io has no legend, so the
 * status is spelt out), then the badges. Lines are separated by newlines, which plain-text labels keep.
 */
export function cellLabel(node: DiagramNode): string {
  const lines = [node.label, node.sublabel ? `${kindLabel(node)} · ${node.sublabel}` : kindLabel(node)];
  if (node.status) lines.push(STATUS_LABELS[node.status]);
  if (node.badges.length > 0) lines.push(node.badges.join('  '));
  return lines.join('\n');
}

function vertexStyle(node: DiagramNode, palette: ReturnType<typeof paletteFor>): string {
  const colours = cardColours(palette, node);
  // The management account keeps the canvas's orange mark unless a status colour takes the border.
  const markManagement = node.kind === 'account' && node.isManagement === true && !node.status;
  const style = [
    'rounded=1', 'arcSize=10', 'whiteSpace=wrap', 'html=0', `fillColor=${colours.fill}`,
    `strokeColor=${markManagement ? colours.accent : colours.stroke}`, `strokeWidth=${node.status || markManagement ? 2 : 1}`,
    `fontColor=${colours.text}`, 'fontSize=12', 'align=center', 'verticalAlign=middle',
  ];
  // Colours are fixed hex strings from the palette; escape anyway so the attribute can never break.
  return escapeXml(style.join(';'));
}

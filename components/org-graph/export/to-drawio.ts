// A .drawio file (diagrams.net): mxfile > diagram > mxGraphModel > root, written uncompressed so it is plain XML
// that diffs well and opens in diagrams.net as is. Cell "0" is the model root and cell "1" the default layer;
// then one vertex per node and one edge cell per edge, every cell on layer "1".
// Each node is drawn with the AWS Architecture Icons (2021 and later) that diagrams.net ships in its AWS library:
// the Organizations resource icon for the root, and the Organizations "organizational unit", "account" and
// "management account" shapes, in the Management & Governance colour (or the effective-permission colour). The
// vertex is an <object> so its shape data (Edit Data in diagrams.net) carries the kind, the AWS id, the effective
// decision and the names of the attached policies.
// Labels are plain text (html=0): a name such as "<b>prod</b>" shows as typed, never as markup.
import {
  assertValidDiagram, diagramBounds, kindLabel, shareEdgeColour, STATUS_LABELS, type DiagramEdge, type DiagramModel, type DiagramNode,
} from './diagram-model';
import { paletteFor, type Palette } from './palette';
import { escapeXml, escapeXmlAttribute, formatNumber as n } from './xml-text';

const MARGIN = 40;
/** The side of an AWS icon: the card's height less its padding, so the label fits beside it. */
const ICON = 48;
const LABEL_GAP = 8;
/** The AWS icon colour of the Management & Governance category (AWS Architecture Icons, 2021 and later). */
export const AWS_MANAGEMENT_GOVERNANCE = '#E7157B';

/** AWS's neutral icon grey, for an account outside the organization. */
const OUTSIDE_GREY = '#7D8998';

/** diagrams.net's AWS (aws4) shape of each kind of card. */
export const AWS_SHAPES = {
  root: 'shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.organizations',
  ou: 'shape=mxgraph.aws4.organizations_organizational_unit',
  account: 'shape=mxgraph.aws4.organizations_account',
  management: 'shape=mxgraph.aws4.organizations_management_account',
} as const;

const EDGE_STYLE = [
  'edgeStyle=orthogonalEdgeStyle', 'rounded=1', 'orthogonalLoop=1', 'jettySize=auto', 'endArrow=block', 'endFill=1',
  'strokeColor=#545B64',
].join(';');

/** Renders the diagram as an uncompressed .drawio document. Vertices get ids n0, n1, ...; edge cells e0, e1, .... */
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
    out.push(`        <object id="${cellIds.get(node.id)}" ${shapeData(node)}>`);
    out.push(`          <mxCell style="${vertexStyle(node, palette)}" vertex="1" parent="1">`);
    // The icon stands at the card's left, centred on its height; the label runs to its right over the card.
    out.push(`            <mxGeometry x="${n(node.x + dx)}" y="${n(node.y + dy + (node.height - ICON) / 2)}" width="${ICON}" height="${ICON}" as="geometry"/>`);
    out.push('          </mxCell>');
    out.push('        </object>');
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
 * The text of a node's label: its name, then kind and id, then the status in words (draw.io has no legend, so the
 * status is spelt out), then the badges. Lines are separated by newlines, which plain-text labels keep.
 */
export function cellLabel(node: DiagramNode): string {
  const lines = [node.label, node.sublabel ? `${kindLabel(node)} · ${node.sublabel}` : kindLabel(node)];
  if (node.status) lines.push(STATUS_LABELS[node.status]);
  if (node.badges.length > 0) lines.push(node.badges.join('  '));
  return lines.join('\n');
}

/** The vertex's attributes: its label and the shape data diagrams.net shows under Edit Data. */
function shapeData(node: DiagramNode): string {
  const data: [string, string][] = [['label', cellLabel(node)], ['kind', kindLabel(node)]];
  if (node.sublabel) data.push(['aws_id', node.sublabel]);
  if (node.status) data.push(['effective', STATUS_LABELS[node.status]]);
  if (node.policies && node.policies.length > 0) {
    data.push(['policies', node.policies.join(', ')]);
    data.push(['tooltip', `Attached policies: ${node.policies.join(', ')}`]);
  }
  return data.map(([key, value]) => `${key}="${escapeXmlAttribute(value)}"`).join(' ');
}

function vertexStyle(node: DiagramNode, palette: Palette): string {
  // An account outside the organization (a RAM share's external principal) keeps the account shape, in grey.
  const shape = node.kind === 'account' ? AWS_SHAPES[node.isManagement ? 'management' : 'account'] : node.kind === 'external' ? AWS_SHAPES.account : AWS_SHAPES[node.kind];
  const status = node.status ? palette.statuses[node.status] : null;
  const style = [
    shape, 'outlineConnect=0', 'dashed=0', 'aspect=fixed', 'pointerEvents=1', 'gradientColor=none',
    // The resource icon is a coloured square with a white glyph; the other shapes are the glyph alone.
    `fillColor=${status ? status.stroke : node.kind === 'external' ? OUTSIDE_GREY : AWS_MANAGEMENT_GOVERNANCE}`, `strokeColor=${node.kind === 'root' ? '#ffffff' : 'none'}`,
    'html=0', 'whiteSpace=wrap', `fontColor=${palette.text}`, 'fontSize=12',
    'labelPosition=right', 'verticalLabelPosition=middle', 'align=left', 'verticalAlign=middle',
    `spacingLeft=${LABEL_GAP}`, `labelWidth=${n(Math.max(80, node.width - ICON - LABEL_GAP))}`,
  ];
  // The effective view's colour also tints the label, as the card's fill does on the canvas.
  if (status) style.push(`labelBackgroundColor=${status.fill}`);
  // Colours are fixed hex strings from the palette; escape anyway so the attribute can never break.
  return escapeXml(style.join(';'));
}

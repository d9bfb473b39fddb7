// A Mermaid flowchart (top-down, no subgraphs) of the diagram: one node line per card, one link per edge,
// classDef lines per kind and status and `class` lines assigning them. Node ids are generated (n0, n1, ...)
// because AWS ids and names are not valid Mermaid identifiers; labels are quoted and escaped with Mermaid's
// entity codes so no name can end the label, start a comment or inject markup.
import {
  assertValidDiagram, DIAGRAM_STATUSES, kindLabel, legendOf, shareEdgeColour, type DiagramModel, type DiagramNode,
} from './diagram-model';
import { paletteFor } from './palette';

// Characters that would end a quoted label, start an entity, a markdown string, a comment, an escape or HTML.
const MERMAID_ENTITIES: Record<string, string> = {
  '"': '#quot;', '#': '#35;', '&': '#amp;', '<': '#lt;', '>': '#gt;', '`': '#96;', '\\': '#92;', '%': '#37;',
};

/** Escapes text for a double-quoted Mermaid label; line breaks and other control characters become spaces. */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F\u2028\u2029]/g, ' ')
    .replace(/["#&<>`\\%]/g, (char) => MERMAID_ENTITIES[char]);
}

/** Renders the diagram as Mermaid flowchart source. */
export function toMermaid(model: DiagramModel): string {
  assertValidDiagram(model);
  const palette = paletteFor('light');
  const ids = new Map(model.nodes.map((node, i) => [node.id, `n${i}`]));
  const lines: string[] = [];
  const title = model.title?.trim();
  if (title) {
    // Front matter is YAML; a JSON string is a valid YAML double-quoted scalar, escapes and all.
    lines.push('---', `title: ${JSON.stringify(title.replace(/[\u0000-\u001F\u007F\u2028\u2029]/g, ' '))}`, '---');
  }
  lines.push('flowchart TD');
  for (const node of model.nodes) lines.push(`  ${ids.get(node.id)}["${nodeLabel(node)}"]`);
  // Tree links first, then RAM share links (dotted, labelled, in their colour via linkStyle by link index).
  const treeEdges = model.edges.filter((edge) => edge.kind !== 'share');
  const shareEdges = model.edges.filter((edge) => edge.kind === 'share');
  for (const edge of treeEdges) lines.push(`  ${ids.get(edge.source)} --> ${ids.get(edge.target)}`);
  for (const edge of shareEdges) {
    lines.push(edge.label ? `  ${ids.get(edge.source)} -. "${escapeMermaidLabel(edge.label)}" .-> ${ids.get(edge.target)}` : `  ${ids.get(edge.source)} -.-> ${ids.get(edge.target)}`);
  }
  shareEdges.forEach((edge, index) => lines.push(`  linkStyle ${treeEdges.length + index} stroke:${shareEdgeColour(edge)},stroke-width:2px`));

  const cards = palette.cards;
  lines.push(`  classDef root fill:${cards.root.fill},stroke:${cards.root.stroke},color:${cards.root.text}`);
  lines.push(`  classDef ou fill:${cards.ou.fill},stroke:${cards.ou.accent},color:${cards.ou.text}`);
  lines.push(`  classDef account fill:${cards.account.fill},stroke:${cards.account.accent},color:${cards.account.text}`);
  lines.push(`  classDef management fill:${cards.management.fill},stroke:${cards.management.accent},stroke-width:2px,color:${cards.management.text}`);
  if (model.nodes.some((node) => node.kind === 'external')) {
    lines.push(`  classDef external fill:${cards.external.fill},stroke:${cards.external.stroke},stroke-width:2px,stroke-dasharray:5 3,color:${cards.external.text}`);
  }
  const statusesPresent = new Set(model.nodes.map((node) => node.status));
  for (const status of DIAGRAM_STATUSES) {
    if (!statusesPresent.has(status)) continue;
    const colours = palette.statuses[status];
    lines.push(`  classDef ${status} fill:${colours.fill},stroke:${colours.stroke},stroke-width:2px`);
  }

  // Kind classes first, statuses after: a later class statement wins where both set the same property.
  const members = new Map<string, string[]>();
  const add = (className: string, id: string) => {
    const list = members.get(className);
    if (list) list.push(id);
    else members.set(className, [id]);
  };
  for (const node of model.nodes) add(node.kind === 'account' && node.isManagement ? 'management' : node.kind, ids.get(node.id)!);
  for (const node of model.nodes) if (node.status) add(node.status, ids.get(node.id)!);
  for (const [className, nodeIds] of members) lines.push(`  class ${nodeIds.join(',')} ${className}`);

  const legend = legendOf(model);
  if (legend.length > 0) {
    // Mermaid flowcharts have no legend element: keep the colour key as a comment for whoever reads the source.
    lines.push(`  %% legend: ${legend.map((entry) => `${entry.status} = ${escapeMermaidLabel(entry.label)}`).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function nodeLabel(node: DiagramNode): string {
  const second = node.sublabel ? `${kindLabel(node)} · ${node.sublabel}` : kindLabel(node);
  return `${escapeMermaidLabel(node.label)}<br/>${escapeMermaidLabel(second)}`;
}

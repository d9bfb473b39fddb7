// The positioned diagram every exporter draws: plain data, independent of React Flow, so SVG, draw.io and
// Mermaid output can be produced (and tested) without a browser. fromFlow builds it from the canvas.

/** What a card stands for; `external` is an account outside the organization that a RAM share names. */
export type DiagramNodeKind = 'root' | 'ou' | 'account' | 'external';

/** The effective-permission colour of a card, in the IAM simulator's vocabulary plus "depends on conditions". */
export type DiagramStatus = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'conditional';

/** Every status, in legend order. */
export const DIAGRAM_STATUSES: readonly DiagramStatus[] = ['allowed', 'explicitDeny', 'implicitDeny', 'conditional'];

/** The default legend wording per status. */
export const STATUS_LABELS: Readonly<Record<DiagramStatus, string>> = {
  allowed: 'Allowed',
  explicitDeny: 'Explicit deny',
  implicitDeny: 'Implicit deny',
  conditional: 'Depends on conditions',
};

/** One card: the root, an OU or an account, at its canvas position. */
export interface DiagramNode {
  /** Unique id (the canvas node id). */
  id: string;
  /** Root, OU or account. */
  kind: DiagramNodeKind;
  /** The name shown in bold. */
  label: string;
  /** The AWS id shown beside the kind: "r-…", "ou-…" or the 12-digit account id. */
  sublabel?: string;
  /** Left edge, in canvas units. */
  x: number;
  /** Top edge, in canvas units. */
  y: number;
  /** Card width. */
  width: number;
  /** Card height. */
  height: number;
  /** Short tags drawn as pills, e.g. "SCP 2". */
  badges: string[];
  /** True for the management account. */
  isManagement?: boolean;
  /** Names of the policies attached directly to it (draw.io keeps them in the shape data). */
  policies?: string[];
  /** Lines printed on the card under its name ("SCP DenyLeaveOrg"): present when the export shows policy names. */
  policyLines?: string[];
  /** Effective-permission colour, when the view shows one. */
  status?: DiagramStatus;
}

/** A parent → child link, or (kind `share`) a RAM share from its owner to a principal. */
export interface DiagramEdge {
  /** Unique id. */
  id: string;
  /** Parent node id (the share's owner for a share edge). */
  source: string;
  /** Child node id (the principal's card for a share edge). */
  target: string;
  /** `share`: a RAM share edge, drawn apart from the tree (dashed, its own colour, labelled). Tree edges leave it out. */
  kind?: 'share';
  /** The share edge's label ("RAM shared-network · external"). */
  label?: string;
  /** The edge's route as a polyline from parent to child, when the layout gave one (the export sheet's layout). */
  points?: { x: number; y: number }[];
  /** What the share edge is marked with: outside the organization, invitation pending, recipients stopped by SCPs. */
  marks?: ShareEdgeMark[];
}

/** Marks of a share edge. */
export type ShareEdgeMark = 'external' | 'pending' | 'stopped';

/** One legend row. */
export interface DiagramLegendEntry {
  /** The status it explains. */
  status: DiagramStatus;
  /** Its wording. */
  label: string;
}

/** A whole diagram ready to export. */
export interface DiagramModel {
  /** Heading of the export (design name, request, ...). */
  title?: string;
  /** The cards. */
  nodes: DiagramNode[];
  /** The links. */
  edges: DiagramEdge[];
  /** Legend rows; derived from the statuses present when absent. */
  legend?: DiagramLegendEntry[];
  /** True: the legend also explains the cards (root, OU, account, management account) and the policy badges. */
  key?: boolean;
}

/** An axis-aligned box. */
export interface DiagramBounds {
  /** Left. */
  x: number;
  /** Top. */
  y: number;
  /** Width. */
  width: number;
  /** Height. */
  height: number;
}

/** The colour and dash of share edges by mark (stopped wins over external): every exporter draws them alike. */
export function shareEdgeColour(edge: DiagramEdge): string {
  if (edge.marks?.includes('stopped')) return '#b42318';
  if (edge.marks?.includes('external')) return '#c2410c';
  return '#7c3aed';
}

/** Thrown when a diagram cannot be drawn as given (duplicate ids, dangling edges, impossible geometry). */
export class DiagramModelError extends Error {
  constructor(message: string) {
    super(`Invalid diagram: ${message}`);
    this.name = 'DiagramModelError';
  }
}

/**
 * Checks what every exporter relies on and throws a DiagramModelError naming the first problem: unique node
 * and edge ids, edges between existing nodes, finite positions and positive sizes, known kinds and statuses.
 */
export function assertValidDiagram(model: DiagramModel): void {
  const nodeIds = new Set<string>();
  for (const node of model.nodes) {
    if (nodeIds.has(node.id)) throw new DiagramModelError(`two nodes have the id "${node.id}"`);
    nodeIds.add(node.id);
    if (!['root', 'ou', 'account', 'external'].includes(node.kind)) throw new DiagramModelError(`node "${node.id}" has unknown kind "${String(node.kind)}"`);
    for (const [name, value] of [['x', node.x], ['y', node.y], ['width', node.width], ['height', node.height]] as const) {
      if (!Number.isFinite(value)) throw new DiagramModelError(`node "${node.id}" has a non-finite ${name} (${String(value)})`);
    }
    if (node.width <= 0 || node.height <= 0) throw new DiagramModelError(`node "${node.id}" has an empty size ${node.width}×${node.height}`);
    if (node.status !== undefined && !DIAGRAM_STATUSES.includes(node.status)) {
      throw new DiagramModelError(`node "${node.id}" has unknown status "${String(node.status)}"`);
    }
  }
  const edgeIds = new Set<string>();
  for (const edge of model.edges) {
    if (edgeIds.has(edge.id)) throw new DiagramModelError(`two edges have the id "${edge.id}"`);
    edgeIds.add(edge.id);
    for (const end of [edge.source, edge.target]) {
      if (!nodeIds.has(end)) throw new DiagramModelError(`edge "${edge.id}" refers to node "${end}", which is not in the diagram`);
    }
  }
}

/** The box around every node (a 0×0 box at the origin for an empty diagram). */
export function diagramBounds(nodes: readonly DiagramNode[]): DiagramBounds {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    minX = Math.min(minX, node.x);
    minY = Math.min(minY, node.y);
    maxX = Math.max(maxX, node.x + node.width);
    maxY = Math.max(maxY, node.y + node.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The legend to draw: the model's own, or one row per status present on a node, in DIAGRAM_STATUSES order. */
export function legendOf(model: DiagramModel): DiagramLegendEntry[] {
  if (model.legend) return model.legend;
  const present = new Set(model.nodes.map((node) => node.status).filter((status) => status !== undefined));
  return DIAGRAM_STATUSES.filter((status) => present.has(status)).map((status) => ({ status, label: STATUS_LABELS[status] }));
}

/** The rows of the cards' key, in legend order: what each card colour and the badges mean. */
export const KEY_ENTRIES: readonly { kind: 'root' | 'ou' | 'account' | 'management'; label: string }[] = [
  { kind: 'root', label: 'Root' },
  { kind: 'ou', label: 'OU' },
  { kind: 'account', label: 'Account' },
  { kind: 'management', label: 'Management account' },
];

/** What the key says of the badges. */
export const BADGE_KEY = 'SCP n · RCP n: policies attached directly';

/** The word for a node's kind, as the canvas cards print it. */
export function kindLabel(node: DiagramNode): string {
  if (node.kind === 'root') return 'Root';
  if (node.kind === 'ou') return 'OU';
  if (node.kind === 'external') return 'External account';
  return node.isManagement ? 'Management account' : 'Account';
}

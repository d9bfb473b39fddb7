// The access view's box layout with elkjs (about 1.5 MB): kept apart from access-flow.ts, whose small helpers (edge
// styles and labels, the flow itself) the editor's pages import, so that only the layout worker loads elkjs.
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { CARD, gridOfAccount, LAYERED_UP_TO, PACKED_FROM, type AccessFlowEdge, type AccessFlowNode } from './access-flow';

const elk = new ELK();

/**
 * Positions the boxes and cards with elkjs: layered, left to right, boxes laid out with their contents, for up to
 * LAYERED_UP_TO open cards; else a map: open accounts as grids of cards (gridOfAccount) and folded accounts as cards,
 * packed in rows by OU (a layering of dozens of accounts by their edges is a strip too wide to read). Edges are
 * routed around the cards afterwards (routeAccessFlow).
 */
export async function layoutAccessFlow(nodes: AccessFlowNode[], edges: AccessFlowEdge[]): Promise<AccessFlowNode[]> {
  const children = new Map<string | undefined, AccessFlowNode[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const packed = nodes.filter((node) => node.type === 'group' && node.data.folded).length >= PACKED_FROM;
  const map = packed || nodes.filter((node) => node.type === 'principal').length > LAYERED_UP_TO;
  const packing = { 'elk.algorithm': 'rectpacking', 'elk.aspectRatio': '1.8', 'elk.spacing.nodeNode': '60' };
  // Edges leaving minus edges entering, per card: the grid puts the ones edges leave on the right.
  const balance = new Map<string, number>();
  for (const edge of edges) {
    balance.set(edge.source, (balance.get(edge.source) ?? 0) + 1);
    balance.set(edge.target, (balance.get(edge.target) ?? 0) - 1);
  }
  const inGrid = new Map<string, { x: number; y: number }>();
  const toElk = (node: AccessFlowNode): ElkNode => {
    const kids = children.get(node.id) ?? [];
    if (kids.length === 0) return { id: node.id, width: node.width ?? CARD.width, height: node.height ?? CARD.height };
    if (map && node.type === 'group' && node.data.kind !== 'ou') {
      const grid = gridOfAccount(kids, node.data.label, balance);
      for (const [id, position] of grid.positions) inGrid.set(id, position);
      return { id: node.id, width: grid.width, height: grid.height };
    }
    return {
      id: node.id,
      // Layered: 56 px between the layers inside a box, so that routes have lanes between the cards (at elkjs's
      // default of 20 two cards' clearances met and no route could enter the second card).
      layoutOptions: { 'elk.padding': '[top=30,left=12,bottom=12,right=12]', 'elk.spacing.nodeNode': '12', 'elk.layered.spacing.nodeNodeBetweenLayers': '56', ...(map ? { ...packing, 'elk.spacing.nodeNode': '40' } : {}) },
      children: kids.map(toElk),
    };
  };
  const root: ElkNode = map
    ? { id: 'access', layoutOptions: packing, children: (children.get(undefined) ?? []).map(toElk) }
    : {
      id: 'access',
      layoutOptions: {
        'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.layered.spacing.nodeNodeBetweenLayers': '150', 'elk.spacing.nodeNode': '18', 'elk.spacing.componentComponent': '30',
      },
      children: (children.get(undefined) ?? []).map(toElk),
      edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
    };
  const laidOut = await elk.layout(root);
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  const walk = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      placed.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
      walk(child);
    }
  };
  walk(laidOut);
  for (const [id, position] of inGrid) placed.set(id, { ...position, width: CARD.width, height: CARD.height });
  return nodes.map((node) => {
    const box = placed.get(node.id);
    if (!box) return node;
    return { ...node, position: { x: box.x, y: box.y }, width: box.width, height: box.height, style: { width: box.width, height: box.height } } as AccessFlowNode;
  });
}

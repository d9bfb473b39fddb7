// Where a dragged card would land: the root or OU card under the pointer. Pure: no React.
import type { OrgFlowNode } from './to-flow';

/** A point in flow coordinates. */
export interface FlowPoint {
  x: number;
  y: number;
}

/**
 * The container (root or OU) whose card contains the point, ignoring the dragged node itself; the topmost
 * (last drawn) wins when cards overlap. Null over empty canvas or an account card.
 */
export function dropTargetAt(nodes: readonly OrgFlowNode[], point: FlowPoint, draggedId: string): OrgFlowNode | null {
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index];
    if (node.id === draggedId || node.type === 'account' || node.type === 'externalAccount') continue;
    const width = node.measured?.width ?? node.width ?? 0;
    const height = node.measured?.height ?? node.height ?? 0;
    const { x, y } = node.position;
    if (point.x >= x && point.x <= x + width && point.y >= y && point.y <= y + height) return node;
  }
  return null;
}

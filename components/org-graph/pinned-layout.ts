// Pinned cards over the automatic layout: a pure function (no React), applied after `layout`.
import type { Edge, Node } from '@xyflow/react';

/** A card's pinned top-left corner on the canvas. */
export type PinnedPosition = { x: number; y: number };

/**
 * Returns the laid-out nodes with the pinned ones at their pinned positions, each marked `data.pinned`. A pinned
 * card takes its subtree along (the children keep their place relative to it), unless a child is pinned itself:
 * dragging an OU moves the OU with everything under it. A node's parent is the source of the first edge that
 * targets it (as in `layout`). Pins of nodes not drawn are ignored; with no pin the nodes come back as they were.
 */
export function withPinnedPositions<N extends Node, E extends Edge>(nodes: N[], edges: readonly E[], pins: ReadonlyMap<string, PinnedPosition>): N[] {
  if (pins.size === 0) return nodes;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<string, string>();
  for (const edge of edges) {
    if (!parentOf.has(edge.target) && edge.source !== edge.target) parentOf.set(edge.target, edge.source);
  }
  // The offset a card moves by: its own pin's, else its nearest pinned ancestor's (memoised, iteratively).
  const shift = new Map<string, { dx: number; dy: number }>();
  const none = { dx: 0, dy: 0 };
  const shiftOf = (id: string): { dx: number; dy: number } => {
    const chain: string[] = [];
    let current: string | undefined = id;
    let found = none;
    while (current !== undefined) {
      const known = shift.get(current);
      if (known) {
        found = known;
        break;
      }
      const pin = pins.get(current);
      const node = byId.get(current);
      if (pin && node) {
        found = { dx: pin.x - node.position.x, dy: pin.y - node.position.y };
        shift.set(current, found);
        break;
      }
      chain.push(current);
      current = parentOf.get(current);
      if (chain.length > nodes.length) break; // a cycle: no pin reaches it
    }
    for (const link of chain) shift.set(link, found);
    return found;
  };
  return nodes.map((node) => {
    const { dx, dy } = shiftOf(node.id);
    const pinned = pins.has(node.id);
    if (dx === 0 && dy === 0 && !pinned) return node;
    return { ...node, position: { x: node.position.x + dx, y: node.position.y + dy }, data: pinned ? { ...node.data, pinned: true } : node.data };
  });
}

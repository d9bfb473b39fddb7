// Keeps React Flow's node and edge objects the same across redraws when nothing about them changed. toFlow builds
// every node afresh (new data objects, new subtree counts), so after a move every card looked new: React Flow
// re-adopted and re-measured all of them and every card re-rendered, though one card moved. Pure: no React.
import type { Edge, Node } from '@xyflow/react';

/** True when two values are the same, or plain objects (one level deep) with the same fields. */
function shallowSame(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * True when a card would draw the same: every field the same (position, size, React Flow's measurements, flags,
 * label: one level deep), and the same data (each field the same object, or a plain object of the same values,
 * like the subtree counts toFlow recomputes every time).
 */
export function sameNode(a: Node, b: Node): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => (key === 'data' ? sameData(a.data, b.data) : shallowSame((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])));
}

function sameData(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => shallowSame(a[key], b[key]));
}

/** True when an edge would draw the same (every field the same, one level deep). */
export function sameEdge(a: Edge, b: Edge): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => shallowSame((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
/**
 * The next list with every item that equals its previous version (by id) replaced by that previous object; the
 * previous list itself when nothing changed at all (same items, same order).
 */
export function reuseSame<T extends { id: string }>(previous: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean): T[] {
  if (previous.length === 0) return next as T[];
  const byId = new Map(previous.map((item) => [item.id, item]));
  let changed = previous.length !== next.length;
  const result = next.map((item, index) => {
    const old = byId.get(item.id);
    if (old && same(old, item)) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return item;
  });
  return changed ? result : (previous as T[]);
}

/**
 * reuseSame for cards, and more: a card that moved but draws the same content (a move shifts every card right of
 * and below the changed columns) keeps its previous data object, so its memoised component (nodes/same-card.ts)
 * is not drawn again; only React Flow's wrapper takes the new position.
 */
export function reuseSameNodes<T extends Node>(previous: readonly T[], next: readonly T[]): T[] {
  if (previous.length === 0) return next as T[];
  const byId = new Map(previous.map((node) => [node.id, node]));
  const withKeptData = next.map((node) => {
    const old = byId.get(node.id);
    return old && old.data !== node.data && sameData(old.data, node.data) ? { ...node, data: old.data } : node;
  });
  return reuseSame(previous, withKeptData, sameNode);
}

/**
 * The next list in the previous list's order: items drawn before keep their place, new ones follow in their own
 * order. React Flow orders its card elements like its nodes; a card that changed place in the list moved in the
 * DOM, and a focused card (the one just dragged) lost its focus there, which made React give it back with a forced
 * style and layout of the whole canvas in the move's commit (about 20 ms on the 5,000-account design).
 */
export function inPreviousOrder<T extends { id: string }>(previous: readonly T[], next: readonly T[]): T[] {
  if (previous.length === 0) return next as T[];
  const byId = new Map(next.map((item) => [item.id, item]));
  const ordered: T[] = [];
  for (const old of previous) {
    const item = byId.get(old.id);
    if (item === undefined) continue;
    ordered.push(item);
    byId.delete(old.id);
  }
  for (const item of next) if (byId.has(item.id)) ordered.push(item);
  return ordered;
}

// How react-query keeps the org tree's objects across updates (its `structuralSharing` for org.tree). Its default
// compares old and new data deeply and hands every reader a fresh copy built from both: after an optimistic move,
// that copy replaced the tree moveInTree had built (and indexed), each `select`ed index was compared field by
// field too, and every reader then indexed a tree of its own from scratch; 60-90 ms of a 6,000-card move. Pure: no React.
import { replaceEqualDeep } from '@tanstack/react-query';
import type { OrgTree } from '@/server/schemas/org';

function isOrgTree(value: unknown): value is OrgTree {
  return typeof value === 'object' && value !== null && Array.isArray((value as OrgTree).orgUnits) && Array.isArray((value as OrgTree).accounts);
}

/**
 * The data a query's readers get. A tree the client derived from the one it holds (a move or rename drawn at once:
 * it keeps the root object and every untouched node) is taken as it is, so its index, built with it, is the one
 * every reader shares. A tree read again from the API is compared deeply as react-query would, so that unchanged
 * nodes keep their objects and only changed cards redraw. Anything else (an index `select`ed from the tree) is
 * taken as it is: it is built once per tree already.
 */
export function shareOrgTree(previous: unknown, next: unknown): unknown {
  if (!isOrgTree(previous) || !isOrgTree(next) || previous === next) return next;
  if (next.root !== null && next.root === previous.root) return next;
  return replaceEqualDeep(previous, next);
}

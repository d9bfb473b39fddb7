// Expand-all and collapse-to-level: which containers to fold for a chosen number of visible OU levels. Pure.
import type { OrgTree } from '@/server/schemas/org';

/** The fold choices that show the tree down to `level` OU levels (Infinity: everything), as explicit sets. */
export function foldToLevel(tree: OrgTree, level: number): { collapsed: Set<string>; expanded: Set<string> } {
  const collapsed = new Set<string>();
  const expanded = new Set<string>();
  if (!tree.root) return { collapsed, expanded };
  const parentOf = new Map<string, string>(tree.orgUnits.map((ou) => [ou.id, ou.parentId]));
  const hasChildren = new Set<string>([...tree.orgUnits.map((ou) => ou.parentId), ...tree.accounts.map((account) => account.parentId)]);
  // OU levels from the root: 0 for the root, 1 for an OU under it (parentOf holds OUs only, so the walk stops there).
  const depthOf = (id: string): number => {
    let depth = 0;
    for (let current: string | undefined = id; current !== undefined && parentOf.has(current); current = parentOf.get(current)) depth++;
    return depth;
  };
  for (const id of [tree.root.id, ...tree.orgUnits.map((ou) => ou.id)]) {
    if (!hasChildren.has(id)) continue;
    // A container at depth d shows its children at depth d + 1: open it while d + 1 is within the chosen level.
    if (depthOf(id) < level) expanded.add(id);
    else collapsed.add(id);
  }
  return { collapsed, expanded };
}

/** The deepest OU level of the tree (0 when there is no OU): the last choice a collapse-to-level control offers. */
export function deepestOuLevel(tree: OrgTree): number {
  const parentOf = new Map<string, string>(tree.orgUnits.map((ou) => [ou.id, ou.parentId]));
  let deepest = 0;
  for (const ou of tree.orgUnits) {
    let depth = 0;
    for (let current: string | undefined = ou.id; current !== undefined && parentOf.has(current); current = parentOf.get(current)) depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

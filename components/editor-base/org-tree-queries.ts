// Pure lookups over the API's flat org tree (no React): find a node, walk up to the root, list a subtree,
// search by name or id. They read the tree's one shared index (org-tree-index.ts), built once per tree.
import type { OrgTree } from '@/server/schemas/org';
import { indexMovedTree, indexOrgTree, type OrgNodeSummary, type TreeLookup } from './org-tree-index';
import { accountMoveRefusal, ouMoveRefusal, type PlacementRefusal } from '@/server/schemas/org-structure-rules';

export type { OrgNodeSummary } from './org-tree-index';

/** The root, OU or account with this row id or AWS id, or null. */
export function findOrgNode(tree: OrgTree, id: string): OrgNodeSummary | null {
  return indexOrgTree(tree).byId.get(id) ?? null;
}

/** Parent row id of every OU and account. */
export function parentIndexOf(tree: OrgTree): TreeLookup<string, string> {
  return indexOrgTree(tree).parentOf;
}

/** The ancestors of a node, nearest first, ending with the root (empty for the root or an unknown id). */
export function ancestorsOf(tree: OrgTree, id: string): string[] {
  const parents = indexOrgTree(tree).parentOf;
  const path: string[] = [];
  const seen = new Set<string>([id]);
  for (let current = parents.get(id); current !== undefined && !seen.has(current); current = parents.get(current)) {
    path.push(current);
    seen.add(current);
  }
  return path;
}

/** Row ids of every OU and account below a node (not the node itself). */
export function descendantsOf(tree: OrgTree, id: string): Set<string> {
  const { childrenOf } = indexOrgTree(tree);
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const child of childrenOf.get(stack.pop() as string) ?? []) {
      const childId = child.kind === 'ou' ? child.ou.id : child.account.id;
      if (found.has(childId)) continue;
      found.add(childId);
      stack.push(childId);
    }
  }
  return found;
}

/** Nodes whose name or AWS id contains the query (case-insensitive): exact id and name-prefix matches first. */
export function searchOrgTree(tree: OrgTree, query: string, limit = 12): OrgNodeSummary[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const candidates = indexOrgTree(tree).nodes;
  const rank = (node: OrgNodeSummary): number => {
    const name = node.name.toLowerCase();
    const awsId = node.awsId.toLowerCase();
    if (awsId === needle || name === needle) return 0;
    if (name.startsWith(needle)) return 1;
    if (name.includes(needle)) return 2;
    if (awsId.includes(needle)) return 3;
    return -1;
  };
  return candidates
    .map((node) => ({ node, rank: rank(node) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.node.name.localeCompare(b.node.name))
    .slice(0, limit)
    .map((entry) => entry.node);
}

/**
 * The tree with one OU or account under a new parent (the optimistic picture of a move; the API decides). Its
 * index is derived from the old tree's (indexMovedTree), not rebuilt.
 */
export function moveInTree(tree: OrgTree, id: string, newParentId: string): OrgTree {
  let moved: OrgTree;
  if (tree.orgUnits.some((ou) => ou.id === id)) {
    moved = { ...tree, orgUnits: tree.orgUnits.map((ou) => (ou.id === id ? { ...ou, parentId: newParentId } : ou)) };
  } else if (tree.accounts.some((account) => account.id === id)) {
    moved = { ...tree, accounts: tree.accounts.map((account) => (account.id === id ? { ...account, parentId: newParentId } : account)) };
  } else {
    throw new Error(`No OU or account ${id} in this design.`);
  }
  indexMovedTree(tree, moved, id);
  return moved;
}

/** AWS's default OU nesting depth (orgs_reference_limits.html), when the design's quotas are not loaded yet. */
export const DEFAULT_MAX_OU_DEPTH = 5;

/** Levels of OUs from the root down to a node (0 for the root, 1 for an OU under the root; an account: its parent's). */
export function ouDepthOf(tree: OrgTree, id: string): number {
  const node = findOrgNode(tree, id);
  if (!node || node.kind === 'root') return 0;
  const ouAncestors = ancestorsOf(tree, id).filter((ancestor) => ancestor !== tree.root?.id).length;
  return node.kind === 'ou' ? ouAncestors + 1 : ouAncestors;
}

/** Levels of OUs in the subtree of an OU, the OU included (1 for an OU without child OUs). */
export function ouSubtreeHeightOf(tree: OrgTree, ouId: string): number {
  const ous = new Set(tree.orgUnits.map((ou) => ou.id));
  let height = 1;
  for (const descendant of descendantsOf(tree, ouId)) {
    if (ous.has(descendant)) height = Math.max(height, ouDepthOf(tree, descendant) - ouDepthOf(tree, ouId) + 1);
  }
  return height;
}

/** Why AWS would refuse placing the node under the target (the server's rules, run here first), or null. */
export function placementRefusalOf(tree: OrgTree, nodeId: string, targetId: string, maxOuDepth: number): PlacementRefusal | null {
  const node = findOrgNode(tree, nodeId);
  const target = findOrgNode(tree, targetId);
  if (!node || !target || node.kind === 'root' || target.kind === 'account') return null;
  if (node.kind === 'account') return accountMoveRefusal(node.name, node.parentId, targetId);
  const toOu = (id: string | null) => (id === tree.root?.id ? null : id);
  return ouMoveRefusal({
    ouId: node.id,
    ouName: node.name,
    currentParentOuId: toOu(node.parentId),
    destinationOuId: toOu(targetId),
    destinationPath: target.kind === 'root' ? [] : [targetId, ...ancestorsOf(tree, targetId).filter((id) => id !== tree.root?.id)],
    subtreeHeight: ouSubtreeHeightOf(tree, node.id),
    maxOuDepth,
  });
}

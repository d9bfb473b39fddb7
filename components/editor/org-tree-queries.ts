// Pure lookups over the API's flat org tree (no React): find a node, walk up to the root, list a subtree,
// search by name or id. The editor's panels and the canvas share them.
import type { OrgTree } from '@/server/schemas/org';
import { accountMoveRefusal, ouMoveRefusal, type PlacementRefusal } from '@/server/schemas/org-structure-rules';

/** One node of the tree with the fields every panel needs, whatever its kind. */
export interface OrgNodeSummary {
  kind: 'root' | 'ou' | 'account';
  /** Our row id. */
  id: string;
  /** AWS's id: "r-…", "ou-…" or the 12-digit account id. */
  awsId: string;
  name: string;
  /** Null for the root. */
  parentId: string | null;
  isManagement: boolean;
}

/** The root, OU or account with this row id or AWS id, or null. */
export function findOrgNode(tree: OrgTree, id: string): OrgNodeSummary | null {
  if (tree.root && (tree.root.id === id || tree.root.awsId === id)) {
    return { kind: 'root', id: tree.root.id, awsId: tree.root.awsId, name: tree.root.name, parentId: null, isManagement: false };
  }
  const ou = tree.orgUnits.find((candidate) => candidate.id === id || candidate.awsId === id);
  if (ou) return { kind: 'ou', id: ou.id, awsId: ou.awsId, name: ou.name, parentId: ou.parentId, isManagement: false };
  const account = tree.accounts.find((candidate) => candidate.id === id || candidate.accountId === id);
  if (account) {
    return {
      kind: 'account',
      id: account.id,
      awsId: account.accountId,
      name: account.name,
      parentId: account.parentId,
      isManagement: account.isManagement,
    };
  }
  return null;
}

/** Parent row id of every OU and account. */
export function parentIndexOf(tree: OrgTree): Map<string, string> {
  const parents = new Map<string, string>();
  for (const ou of tree.orgUnits) parents.set(ou.id, ou.parentId);
  for (const account of tree.accounts) parents.set(account.id, account.parentId);
  return parents;
}

/** The ancestors of a node, nearest first, ending with the root (empty for the root or an unknown id). */
export function ancestorsOf(tree: OrgTree, id: string, parents = parentIndexOf(tree)): string[] {
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
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentIndexOf(tree)) {
    const siblings = children.get(parent);
    if (siblings) siblings.push(child);
    else children.set(parent, [child]);
  }
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as string) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      stack.push(child);
    }
  }
  return found;
}

/** Nodes whose name or AWS id contains the query (case-insensitive): exact id and name-prefix matches first. */
export function searchOrgTree(tree: OrgTree, query: string, limit = 12): OrgNodeSummary[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const candidates: OrgNodeSummary[] = [];
  if (tree.root) candidates.push(findOrgNode(tree, tree.root.id) as OrgNodeSummary);
  for (const ou of tree.orgUnits) {
    candidates.push({ kind: 'ou', id: ou.id, awsId: ou.awsId, name: ou.name, parentId: ou.parentId, isManagement: false });
  }
  for (const account of tree.accounts) {
    candidates.push({
      kind: 'account',
      id: account.id,
      awsId: account.accountId,
      name: account.name,
      parentId: account.parentId,
      isManagement: account.isManagement,
    });
  }
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

/** The tree with one OU or account under a new parent (the optimistic picture of a move; the API decides). */
export function moveInTree(tree: OrgTree, id: string, newParentId: string): OrgTree {
  if (tree.orgUnits.some((ou) => ou.id === id)) {
    return { ...tree, orgUnits: tree.orgUnits.map((ou) => (ou.id === id ? { ...ou, parentId: newParentId } : ou)) };
  }
  if (tree.accounts.some((account) => account.id === id)) {
    return { ...tree, accounts: tree.accounts.map((account) => (account.id === id ? { ...account, parentId: newParentId } : account)) };
  }
  throw new Error(`No OU or account ${id} in this design.`);
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

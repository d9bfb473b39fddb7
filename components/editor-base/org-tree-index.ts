// One index over the API's flat org tree: nodes by row id and AWS id, parents, children in drawing order and
// subtree counts. Built once per tree object (a WeakMap keyed by the tree react-query holds), so the canvas's
// toFlow, the folding defaults, keyboard navigation, search and every panel share the same maps instead of
// each rebuilding its own on every render. Pure: no React.
import type { OrgAccountNode, OrgTree, OrgUnitNode } from '@/server/schemas/org';

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

/** A child of a container, OUs first then accounts, each in the API's order. */
export type OrgChild = { kind: 'ou'; ou: OrgUnitNode } | { kind: 'account'; account: OrgAccountNode };

/** How many OUs and accounts sit under a node: directly, and in its whole subtree. */
export interface SubtreeCounts {
  childOus: number;
  childAccounts: number;
  /** Every OU below, at any depth. */
  ous: number;
  /** Every account below, at any depth. */
  accounts: number;
}

/** The tree's lookups, built once per tree. */
export interface OrgTreeIndex {
  tree: OrgTree;
  /** Every node (root, OUs, accounts) in the order root, OUs, accounts; by row id in `byId`. */
  nodes: readonly OrgNodeSummary[];
  /** Nodes by row id and by AWS id (a row id wins when both match). */
  byId: ReadonlyMap<string, OrgNodeSummary>;
  /** Parent row id of every OU and account. */
  parentOf: ReadonlyMap<string, string>;
  /** Children of each container, OUs before accounts. */
  childrenOf: ReadonlyMap<string, readonly OrgChild[]>;
  /** Counts under each container reachable from the root. */
  subtreeCounts: ReadonlyMap<string, SubtreeCounts>;
  /** OUs and accounts no parent chain from the root reaches (a dangling parent or a cycle). */
  unreachable: readonly string[];
}

const indexes = new WeakMap<OrgTree, OrgTreeIndex>();

/** The index of this tree, built on first use and shared by every later caller with the same tree object. */
export function indexOrgTree(tree: OrgTree): OrgTreeIndex {
  const known = indexes.get(tree);
  if (known) return known;
  const built = buildIndex(tree);
  indexes.set(tree, built);
  return built;
}

function buildIndex(tree: OrgTree): OrgTreeIndex {
  const nodes: OrgNodeSummary[] = [];
  if (tree.root) nodes.push({ kind: 'root', id: tree.root.id, awsId: tree.root.awsId, name: tree.root.name, parentId: null, isManagement: false });
  for (const ou of tree.orgUnits) nodes.push({ kind: 'ou', id: ou.id, awsId: ou.awsId, name: ou.name, parentId: ou.parentId, isManagement: false });
  for (const account of tree.accounts) {
    nodes.push({ kind: 'account', id: account.id, awsId: account.accountId, name: account.name, parentId: account.parentId, isManagement: account.isManagement });
  }
  const byId = new Map<string, OrgNodeSummary>();
  // AWS ids first, then row ids over them: a lookup by row id must never land on another node's AWS id.
  for (const node of nodes) if (!byId.has(node.awsId)) byId.set(node.awsId, node);
  for (const node of nodes) byId.set(node.id, node);

  const parentOf = new Map<string, string>();
  const childrenOf = new Map<string, OrgChild[]>();
  const addChild = (parentId: string, child: OrgChild) => {
    const siblings = childrenOf.get(parentId);
    if (siblings) siblings.push(child);
    else childrenOf.set(parentId, [child]);
  };
  for (const ou of tree.orgUnits) {
    parentOf.set(ou.id, ou.parentId);
    addChild(ou.parentId, { kind: 'ou', ou });
  }
  for (const account of tree.accounts) {
    parentOf.set(account.id, account.parentId);
    addChild(account.parentId, { kind: 'account', account });
  }

  const rootId = tree.root?.id;
  const reached = new Set<string>(rootId ? [rootId] : []);
  const order: string[] = [];
  const stack = rootId ? [rootId] : [];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    order.push(id);
    for (const child of childrenOf.get(id) ?? []) {
      const childId = child.kind === 'ou' ? child.ou.id : child.account.id;
      if (reached.has(childId)) continue;
      reached.add(childId);
      if (child.kind === 'ou') stack.push(childId);
    }
  }
  const unreachable = [...tree.orgUnits.map((ou) => ou.id), ...tree.accounts.map((account) => account.id)].filter((id) => !reached.has(id));

  // Bottom-up over the containers reached: children before their parents.
  const subtreeCounts = new Map<string, SubtreeCounts>();
  for (const id of order.reverse()) {
    const own: SubtreeCounts = { childOus: 0, childAccounts: 0, ous: 0, accounts: 0 };
    for (const child of childrenOf.get(id) ?? []) {
      if (child.kind === 'account') {
        own.childAccounts += 1;
        own.accounts += 1;
      } else {
        const below = subtreeCounts.get(child.ou.id);
        own.childOus += 1;
        own.ous += 1 + (below?.ous ?? 0);
        own.accounts += below?.accounts ?? 0;
      }
    }
    subtreeCounts.set(id, own);
  }
  return { tree, nodes, byId, parentOf, childrenOf, subtreeCounts, unreachable };
}

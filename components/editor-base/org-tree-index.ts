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

/** A read-only map as the index offers it: lookups, and iteration (tests compare a derived index with a full build). */
export interface TreeLookup<K, V> extends Iterable<[K, V]> {
  get(key: K): V | undefined;
  has(key: K): boolean;
}

/** The tree's lookups, built once per tree. */
export interface OrgTreeIndex {
  tree: OrgTree;
  /** Every node (root, OUs, accounts) in the order root, OUs, accounts; by row id in `byId`. */
  nodes: readonly OrgNodeSummary[];
  /** Nodes by row id and by AWS id (a row id wins when both match). */
  byId: TreeLookup<string, OrgNodeSummary>;
  /** Parent row id of every OU and account. */
  parentOf: TreeLookup<string, string>;
  /** Children of each container, OUs before accounts. */
  childrenOf: TreeLookup<string, readonly OrgChild[]>;
  /** Counts under each container reachable from the root. */
  subtreeCounts: TreeLookup<string, SubtreeCounts>;
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

/**
 * Registers the index of `after`, which is `before` with one OU or account (`movedId`) under a new parent (what
 * moveInTree returns), derived from `before`'s index instead of rebuilt: only the two parents' children lists and
 * the counts of their ancestors change. A move of 6,000 cards took 13-24 ms to index from scratch, in the same
 * task as the drop's paint. Falls back to a full build whenever the shortcut cannot be sure (no index of `before`
 * yet, an inconsistent tree, a parent it does not know, a move into the node's own subtree).
 */
export function indexMovedTree(before: OrgTree, after: OrgTree, movedId: string): OrgTreeIndex {
  const known = indexes.get(after);
  if (known) return known;
  const previous = indexes.get(before);
  const built = (previous && movedIndex(previous, after, movedId)) ?? buildIndex(after);
  indexes.set(after, built);
  return built;
}

/** The index after a move, from the index before it; null when only a full build can say. */
function movedIndex(previous: OrgTreeIndex, tree: OrgTree, movedId: string): OrgTreeIndex | null {
  if (previous.unreachable.length > 0 || !tree.root || tree.root.id !== previous.tree.root?.id) return null;
  const oldSummary = previous.byId.get(movedId);
  if (!oldSummary || oldSummary.id !== movedId || oldSummary.kind === 'root' || oldSummary.parentId === null) return null;
  const moved: OrgChild | null =
    oldSummary.kind === 'ou'
      ? ((ou) => (ou ? { kind: 'ou' as const, ou } : null))(tree.orgUnits.find((ou) => ou.id === movedId))
      : ((account) => (account ? { kind: 'account' as const, account } : null))(tree.accounts.find((account) => account.id === movedId));
  if (!moved) return null;
  const fromId = oldSummary.parentId;
  const toId = moved.kind === 'ou' ? moved.ou.parentId : moved.account.parentId;
  const target = previous.byId.get(toId);
  if (!target || target.id !== toId || target.kind === 'account') return null;
  // The new parent must not lie in the moved node's own subtree (a cycle leaves it unreachable).
  for (let at: string | undefined = toId; at !== undefined; at = previous.parentOf.get(at)) if (at === movedId) return null;

  const summary: OrgNodeSummary = { ...oldSummary, name: moved.kind === 'ou' ? moved.ou.name : moved.account.name, parentId: toId };
  const nodes = previous.nodes.slice();
  nodes[nodes.indexOf(oldSummary)] = summary;
  const byId = new Map<string, OrgNodeSummary | typeof REMOVED>([[movedId, summary]]);
  if (previous.byId.get(oldSummary.awsId) === oldSummary) byId.set(oldSummary.awsId, summary);
  const parentOf = new Map<string, string | typeof REMOVED>([[movedId, toId]]);

  const childrenOf = new Map<string, readonly OrgChild[] | typeof REMOVED>();
  const childIdOf = (child: OrgChild) => (child.kind === 'ou' ? child.ou.id : child.account.id);
  const left = (previous.childrenOf.get(fromId) ?? []).filter((child) => childIdOf(child) !== movedId);
  childrenOf.set(fromId, left.length > 0 ? left : REMOVED);
  // The new parent's children of the moved node's kind, in the tree's own order (as a full build lists them).
  const sameKind: OrgChild[] =
    moved.kind === 'ou'
      ? tree.orgUnits.filter((ou) => ou.parentId === toId).map((ou) => ({ kind: 'ou', ou }))
      : tree.accounts.filter((account) => account.parentId === toId).map((account) => ({ kind: 'account', account }));
  const others = (previous.childrenOf.get(toId) ?? []).filter((child) => child.kind !== moved.kind);
  childrenOf.set(toId, moved.kind === 'ou' ? [...sameKind, ...others] : [...others, ...sameKind]);

  // What the moved node carries: itself and, for an OU, everything below it.
  const below = moved.kind === 'ou' ? previous.subtreeCounts.get(movedId) : undefined;
  const carried = moved.kind === 'ou' ? { ous: 1 + (below?.ous ?? 0), accounts: below?.accounts ?? 0 } : { ous: 0, accounts: 1 };
  const subtreeCounts = new Map<string, SubtreeCounts>();
  const shift = (parentId: string, sign: 1 | -1) => {
    for (let at: string | undefined = parentId, direct = true; at !== undefined; at = previous.parentOf.get(at), direct = false) {
      const counts = subtreeCounts.get(at) ?? previous.subtreeCounts.get(at);
      if (!counts) return;
      subtreeCounts.set(at, {
        childOus: counts.childOus + (direct && moved.kind === 'ou' ? sign : 0),
        childAccounts: counts.childAccounts + (direct && moved.kind === 'account' ? sign : 0),
        ous: counts.ous + sign * carried.ous,
        accounts: counts.accounts + sign * carried.accounts,
      });
    }
  };
  shift(fromId, -1);
  shift(toId, 1);
  return {
    tree,
    nodes,
    byId: withChanges(previous.byId, byId),
    parentOf: withChanges(previous.parentOf, parentOf),
    childrenOf: withChanges(previous.childrenOf, childrenOf),
    subtreeCounts: withChanges(previous.subtreeCounts, subtreeCounts),
    unreachable: [],
  };
}

/** A deleted entry among a LayeredMap's changes. */
const REMOVED: unique symbol = Symbol('removed');
/** Layers a lookup goes down at most; the map of the move after that is flattened into a plain Map. */
const MAX_LAYERS = 16;

/**
 * A lookup read through the few entries one move changed, over the map before the move (which is never written
 * again). Copying the index's maps (12,000 entries by id, 6,000 parents, 1,000 child lists and counts) on every
 * move of the 5,000-account design took 3-5 ms and as much garbage in the drop's task; a move changes a handful of
 * entries. Every MAX_LAYERS moves the map is flattened, so lookups stay short and old layers are let go.
 */
class LayeredMap<K, V> implements TreeLookup<K, V> {
  private flat: Map<K, V> | undefined;

  constructor(
    private readonly below: TreeLookup<K, V>,
    private readonly changes: ReadonlyMap<K, V | typeof REMOVED>,
    readonly layers: number,
  ) {}

  get(key: K): V | undefined {
    if (!this.changes.has(key)) return this.below.get(key);
    const value = this.changes.get(key);
    return value === REMOVED ? undefined : value;
  }

  has(key: K): boolean {
    return this.changes.has(key) ? this.changes.get(key) !== REMOVED : this.below.has(key);
  }

  [Symbol.iterator](): Iterator<[K, V]> {
    return this.flattened()[Symbol.iterator]();
  }

  /**
   * The whole map as a plain Map, never written again (built on the first iteration; lookups never need it): the
   * map under the layers copied once, then each layer's changes applied, oldest first.
   */
  flattened(): TreeLookup<K, V> {
    if (this.flat) return this.flat;
    const layers: LayeredMap<K, V>[] = [this];
    let under: TreeLookup<K, V> = this.below;
    while (under instanceof LayeredMap && !under.flat) {
      layers.push(under);
      under = under.below;
    }
    const flat = new Map(under instanceof LayeredMap ? under.flat : under);
    for (const layer of layers.reverse()) {
      for (const [key, value] of layer.changes) {
        if (value === REMOVED) flat.delete(key);
        else flat.set(key, value);
      }
    }
    this.flat = flat;
    return flat;
  }
}

/** `map` with `changes` applied, without copying it (a LayeredMap), or flattened when it is layered deep enough. */
function withChanges<K, V>(map: TreeLookup<K, V>, changes: ReadonlyMap<K, V | typeof REMOVED>): TreeLookup<K, V> {
  const layered = new LayeredMap(map, changes, map instanceof LayeredMap ? map.layers + 1 : 1);
  return layered.layers > MAX_LAYERS ? layered.flattened() : layered;
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

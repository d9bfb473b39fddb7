import { describe, expect, it } from 'vitest';
import { indexOrgTree, type OrgChild } from '@/components/editor-base/org-tree-index';
import { descendantsOf, moveInTree } from '@/components/editor-base/org-tree-queries';
import type { OrgTree } from '@/server/schemas/org';
import { fixtureTree } from './tree-fixture';

describe('the org tree index', () => {
  it('is built once per tree object and again for a new tree', () => {
    const tree = fixtureTree();
    const index = indexOrgTree(tree);
    expect(indexOrgTree(tree)).toBe(index);
    const moved = moveInTree(tree, 'pay', 'security');
    const next = indexOrgTree(moved);
    expect(next).not.toBe(index);
    expect(next.parentOf.get('pay')).toBe('security');
    expect(index.parentOf.get('pay')).toBe('prod');
  });

  it('finds nodes by row id and AWS id, lists children OUs first and counts subtrees', () => {
    const index = indexOrgTree(fixtureTree());
    expect(index.byId.get('ou-ab12-prod0001')).toMatchObject({ kind: 'ou', id: 'prod' });
    expect(index.byId.get('prod')).toBe(index.byId.get('ou-ab12-prod0001'));
    expect(index.byId.get('111111111111')).toMatchObject({ kind: 'account', id: 'mgmt', isManagement: true });
    expect((index.childrenOf.get('root') ?? []).map((child) => (child.kind === 'ou' ? child.ou.id : child.account.id))).toEqual(['security', 'workloads', 'mgmt']);
    expect(index.subtreeCounts.get('root')).toEqual({ childOus: 2, childAccounts: 1, ous: 3, accounts: 4 });
    expect(index.subtreeCounts.get('workloads')).toEqual({ childOus: 1, childAccounts: 0, ous: 1, accounts: 1 });
    expect(index.unreachable).toEqual([]);
  });

  it('names what no parent chain from the root reaches', () => {
    const tree = fixtureTree();
    const broken = { ...tree, orgUnits: tree.orgUnits.map((ou) => (ou.id === 'prod' ? { ...ou, parentId: 'ghost' } : ou)) };
    expect(indexOrgTree(broken).unreachable).toEqual(['prod', 'pay']);
  });
});

/** The index's content as plain data, to compare a derived index with one built from scratch. */
function contentOf(index: ReturnType<typeof indexOrgTree>) {
  const idOf = (child: OrgChild) => (child.kind === 'ou' ? `ou:${child.ou.id}:${child.ou.parentId}` : `account:${child.account.id}:${child.account.parentId}`);
  return {
    nodes: index.nodes,
    byId: [...index.byId].sort(([a], [b]) => a.localeCompare(b)),
    parentOf: [...index.parentOf].sort(([a], [b]) => a.localeCompare(b)),
    childrenOf: [...index.childrenOf].map(([id, children]) => [id, children.map(idOf)] as const).sort(([a], [b]) => a.localeCompare(b)),
    subtreeCounts: [...index.subtreeCounts].sort(([a], [b]) => a.localeCompare(b)),
    unreachable: index.unreachable,
  };
}

/** A tree of `ous` OUs (each under the root or an earlier OU) and `accounts` accounts, from a seeded generator. */
function generatedTree(ous: number, accounts: number, seed: number): OrgTree {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
  const base = fixtureTree();
  const none = { scp: 0, rcp: 0 };
  const orgUnits = Array.from({ length: ous }, (_, index) => ({
    id: `ou${index}`, awsId: `ou-gen-${index}`, name: `OU ${index}`, parentId: index === 0 ? 'root' : next(3) === 0 ? 'root' : `ou${next(index)}`,
    policyCounts: none, attachedPolicies: [], enabledControlCount: 0,
  }));
  const accountRows = Array.from({ length: accounts }, (_, index) => {
    const id = String(700000000000 + index);
    return { id, accountId: id, name: `Account ${index}`, email: null, status: 'ACTIVE' as const, parentId: next(4) === 0 ? 'root' : `ou${next(ous)}`, isManagement: false, policyCounts: none, attachedPolicies: [] };
  });
  return { ...base, orgUnits, accounts: accountRows };
}

describe('the index after a move', () => {
  it('is derived from the index before it and says what a full build says', () => {
    let tree = generatedTree(40, 300, 7);
    indexOrgTree(tree);
    let state = 11;
    const pick = (below: number) => (state = (state * 48271) % 2147483647) % below;
    let derived = 0;
    for (let move = 0; move < 200; move++) {
      const index = indexOrgTree(tree);
      const containers = index.nodes.filter((node) => node.kind !== 'account');
      const movable = index.nodes.filter((node) => node.kind !== 'root');
      const node = movable[pick(movable.length)];
      const target = containers[pick(containers.length)];
      // Into its own subtree is refused by AWS's rules before any move is drawn.
      if (target.id === node.id || descendantsOf(tree, node.id).has(target.id)) continue;
      const moved = moveInTree(tree, node.id, target.id);
      const next = indexOrgTree(moved);
      const full = indexOrgTree(structuredClone(moved));
      // Lookups (what the editor does) read through the entries each move changed, before anything is iterated.
      for (const { id, awsId } of full.nodes) {
        expect(next.byId.get(id)).toEqual(full.byId.get(id));
        expect(next.byId.get(awsId)).toEqual(full.byId.get(awsId));
        expect(next.parentOf.get(id)).toBe(full.parentOf.get(id));
        expect(next.subtreeCounts.get(id)).toEqual(full.subtreeCounts.get(id));
        expect(next.childrenOf.has(id)).toBe(full.childrenOf.has(id));
      }
      expect(contentOf(next)).toEqual(contentOf(full));
      // The unchanged parts are shared with the index before the move, not copied.
      const untouched = next.nodes.find((entry) => entry.id !== node.id && entry.kind === 'account');
      if (untouched) expect(untouched).toBe(index.byId.get(untouched.id));
      derived += 1;
      tree = moved;
    }
    expect(derived).toBeGreaterThan(100);
  });

  it('is built in full when the move would leave nodes unreachable', () => {
    const tree = fixtureTree();
    indexOrgTree(tree);
    // Workloads under its own child Prod: a cycle (the rules refuse it; the index must still say so).
    const cycle = moveInTree(tree, 'workloads', 'prod');
    expect([...indexOrgTree(cycle).unreachable].sort()).toEqual(['pay', 'prod', 'workloads']);
  });

  it('keeps an unchanged subtree count object and renews those of both parents\' ancestors', () => {
    const tree = fixtureTree();
    const before = indexOrgTree(tree);
    const after = indexOrgTree(moveInTree(tree, 'pay', 'security'));
    expect(after.subtreeCounts.get('prod')).toEqual({ childOus: 0, childAccounts: 0, ous: 0, accounts: 0 });
    expect(after.subtreeCounts.get('workloads')).toEqual({ childOus: 1, childAccounts: 0, ous: 1, accounts: 0 });
    expect(after.subtreeCounts.get('security')).toEqual({ childOus: 0, childAccounts: 3, ous: 0, accounts: 3 });
    expect(after.subtreeCounts.get('root')).toEqual(before.subtreeCounts.get('root'));
  });
});

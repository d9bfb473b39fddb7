import { describe, expect, it } from 'vitest';
import { indexOrgTree } from '@/components/editor-base/org-tree-index';
import { moveInTree } from '@/components/editor-base/org-tree-queries';
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

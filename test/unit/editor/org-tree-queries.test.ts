import { describe, expect, it } from 'vitest';
import { ancestorsOf, descendantsOf, findOrgNode, moveInTree, searchOrgTree } from '@/components/editor/org-tree-queries';
import { fixtureTree } from './tree-fixture';

describe('org tree queries', () => {
  it('finds a node by row id or AWS id, whatever its kind', () => {
    const tree = fixtureTree();
    expect(findOrgNode(tree, 'r-ab12')).toMatchObject({ kind: 'root', id: 'root' });
    expect(findOrgNode(tree, 'ou-ab12-prod0001')).toMatchObject({ kind: 'ou', id: 'prod', parentId: 'workloads' });
    expect(findOrgNode(tree, '111111111111')).toMatchObject({ kind: 'account', id: 'mgmt', isManagement: true });
    expect(findOrgNode(tree, 'nope')).toBeNull();
  });

  it('lists ancestors nearest first and descendants at any depth', () => {
    const tree = fixtureTree();
    expect(ancestorsOf(tree, 'pay')).toEqual(['prod', 'workloads', 'root']);
    expect(ancestorsOf(tree, 'root')).toEqual([]);
    expect([...descendantsOf(tree, 'workloads')].sort()).toEqual(['pay', 'prod']);
  });

  it('ranks exact and prefix matches before substring and id matches', () => {
    const tree = fixtureTree();
    expect(searchOrgTree(tree, 'pro').map((node) => node.name)).toEqual(['Prod', 'Payments Prod']);
    expect(searchOrgTree(tree, '333333333333').map((node) => node.name)).toEqual(['Audit']);
    expect(searchOrgTree(tree, '   ')).toEqual([]);
    expect(searchOrgTree(tree, 'zzz')).toEqual([]);
  });

  it('moves an OU or account under a new parent without touching the input', () => {
    const tree = fixtureTree();
    const moved = moveInTree(tree, 'pay', 'security');
    expect(findOrgNode(moved, 'pay')?.parentId).toBe('security');
    expect(findOrgNode(tree, 'pay')?.parentId).toBe('prod');
    expect(findOrgNode(moveInTree(tree, 'prod', 'root'), 'prod')?.parentId).toBe('root');
    expect(() => moveInTree(tree, 'ghost', 'root')).toThrow(/ghost/);
  });
});

import { describe, expect, it } from 'vitest';
import { ancestorsOf, descendantsOf, findOrgNode, moveInTree, ouDepthOf, ouSubtreeHeightOf, placementRefusalOf, searchOrgTree } from '@/components/editor-base/org-tree-queries';
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

describe('placement rules on the client (server/schemas/org-structure-rules.ts, the server\'s too)', () => {
  it('measures OU depth and subtree height', () => {
    const tree = fixtureTree();
    expect(ouDepthOf(tree, 'root')).toBe(0);
    expect(ouDepthOf(tree, 'workloads')).toBe(1);
    expect(ouDepthOf(tree, 'prod')).toBe(2);
    expect(ouDepthOf(tree, 'pay')).toBe(2);
    expect(ouSubtreeHeightOf(tree, 'workloads')).toBe(2);
    expect(ouSubtreeHeightOf(tree, 'prod')).toBe(1);
  });

  it('refuses a move into the OU\'s own subtree, past the depth limit, or of an account onto its parent, as AWS would', () => {
    const tree = fixtureTree();
    expect(placementRefusalOf(tree, 'workloads', 'prod', 5)).toMatchObject({ awsCode: 'InvalidInputException', awsReason: 'MOVE_INTO_OWN_SUBTREE' });
    expect(placementRefusalOf(tree, 'workloads', 'prod', 5)?.message).toMatch(/into itself or one of its descendants/);
    expect(placementRefusalOf(tree, 'pay', 'prod', 5)).toMatchObject({ awsCode: 'DuplicateAccountException' });
    expect(placementRefusalOf(tree, 'pay', 'root', 5)).toBeNull();
    // Workloads (height 2) under Security (level 1) reaches level 3: refused with a limit of 2, allowed with 3.
    const security = tree.orgUnits.find((ou) => ou.parentId === 'root' && ou.id !== 'workloads')!.id;
    expect(placementRefusalOf(tree, 'workloads', security, 2)).toMatchObject({ awsReason: 'OU_DEPTH_LIMIT_EXCEEDED' });
    expect(placementRefusalOf(tree, 'workloads', security, 3)).toBeNull();
  });
});

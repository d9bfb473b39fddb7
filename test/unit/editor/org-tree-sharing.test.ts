import { describe, expect, it } from 'vitest';
import { indexOrgTree } from '@/components/editor-base/org-tree-index';
import { moveInTree } from '@/components/editor-base/org-tree-queries';
import { shareOrgTree } from '@/components/editor-base/org-tree-sharing';
import { fixtureTree } from './tree-fixture';

describe('sharing the org tree across query updates', () => {
  it('takes a tree the client derived (a move) as it is, with the index built with it', () => {
    const tree = fixtureTree();
    indexOrgTree(tree);
    const moved = moveInTree(tree, 'pay', 'security');
    const index = indexOrgTree(moved);
    expect(shareOrgTree(tree, moved)).toBe(moved);
    expect(indexOrgTree(shareOrgTree(tree, moved) as typeof moved)).toBe(index);
  });

  it('keeps the unchanged nodes of a tree read again, and the old tree when nothing changed', () => {
    const tree = fixtureTree();
    expect(shareOrgTree(tree, structuredClone(tree))).toBe(tree);
    const reread = structuredClone(moveInTree(tree, 'pay', 'security'));
    const shared = shareOrgTree(tree, reread) as typeof tree;
    expect(shared).not.toBe(tree);
    expect(shared.accounts.find((account) => account.id === 'log')).toBe(tree.accounts.find((account) => account.id === 'log'));
    expect(shared.accounts.find((account) => account.id === 'pay')).toMatchObject({ parentId: 'security' });
  });

  it('takes anything but a tree (the index a reader selects) as it is', () => {
    const before = indexOrgTree(fixtureTree());
    const after = indexOrgTree(fixtureTree());
    expect(shareOrgTree(before, after)).toBe(after);
    expect(shareOrgTree(undefined, fixtureTree().root)).toEqual(fixtureTree().root);
  });
});

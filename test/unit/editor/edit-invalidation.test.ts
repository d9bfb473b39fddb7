import { describe, expect, it } from 'vitest';
import { isStaleAfter, patchedTree, procedurePathOf } from '@/components/editor-base/edit-invalidation';
import { fixtureTree } from './tree-fixture';

describe('what an edit makes stale', () => {
  it('reads the procedure path of a tRPC query key', () => {
    expect(procedurePathOf([['org', 'tree'], { input: { designId: 'd1' }, type: 'query' }])).toBe('org.tree');
    expect(procedurePathOf(['not-trpc'])).toBeNull();
  });

  it('never refetches what no edit changes, and skips what each kind of edit leaves alone', () => {
    for (const path of ['auth.designRole', 'catalog.services', 'ram.shareableTypes', 'org.cardPositions', 'design.list']) {
      expect(isStaleAfter(path, 'anything', false)).toBe(false);
    }
    for (const path of ['org.tree', 'design.get', 'history.revisions', 'policy.list', 'organization.quotas', 'account.details', 'access.graph']) {
      expect(isStaleAfter(path, 'anything', false)).toBe(true);
    }
    expect(isStaleAfter('org.tree', 'renamed', true)).toBe(false);
    expect(isStaleAfter('org.tree', 'renamed', false)).toBe(true);
    expect(isStaleAfter('organization.quotas', 'renamed', true)).toBe(false);
    expect(isStaleAfter('policy.list', 'renamed', true)).toBe(true); // a policy's targets are listed by name
    expect(isStaleAfter('policy.list', 'movedAccount', true)).toBe(false);
    // The library's summaries and one policy name their targets; the policies attached to a node do not change name.
    expect(isStaleAfter('policy.summaries', 'renamed', true)).toBe(true);
    expect(isStaleAfter('policy.get', 'renamed', true)).toBe(true);
    expect(isStaleAfter('policy.attachedTo', 'renamed', true)).toBe(false);
    for (const path of ['policy.summaries', 'policy.attachedTo', 'policy.get']) {
      expect(isStaleAfter(path, 'anything', false)).toBe(true); // attach, detach, policy edits, undo
      expect(isStaleAfter(path, 'movedAccount', true)).toBe(false);
      expect(isStaleAfter(path, 'movedOu', true)).toBe(false);
    }
    expect(isStaleAfter('organization.quotas', 'movedOu', true)).toBe(true); // the deepest OU level may change
    // A move changes no IAM: the inspector's IAM sections keep their data; a rename changes iam.account's name.
    for (const path of ['iam.account', 'iam.roles', 'iam.users', 'iam.groups', 'iam.policies']) {
      expect(isStaleAfter(path, 'movedAccount', true)).toBe(false);
      expect(isStaleAfter(path, 'movedOu', true)).toBe(false);
      expect(isStaleAfter(path, 'anything', false)).toBe(true);
    }
    expect(isStaleAfter('iam.account', 'renamed', true)).toBe(true);
    expect(isStaleAfter('iam.validate', 'movedAccount', true)).toBe(true);
    for (const effect of ['renamed', 'movedAccount', 'movedOu'] as const) {
      expect(isStaleAfter('history.revisions', effect, true)).toBe(true);
      expect(isStaleAfter('design.get', effect, true)).toBe(true);
      expect(isStaleAfter('account.details', effect, true)).toBe(true);
    }
  });

  it('updates the renamed or moved node from the result and keeps every other node object', () => {
    const tree = fixtureTree();
    const renamed = patchedTree(tree, 'renamed', { revision: 2, account: { id: 'pay', name: 'Payments', parentId: 'prod', accountId: '444444444444' } });
    expect(renamed?.accounts.find((account) => account.id === 'pay')?.name).toBe('Payments');
    expect(renamed?.accounts.filter((account) => account.id !== 'pay')).toEqual(tree.accounts.filter((account) => account.id !== 'pay'));
    expect(renamed?.accounts[0]).toBe(tree.accounts[0]);
    const moved = patchedTree(tree, 'movedOu', { revision: 2, ou: { id: 'prod', name: 'Prod', parentId: 'root' } });
    expect(moved?.orgUnits.find((ou) => ou.id === 'prod')?.parentId).toBe('root');
    // Already so (the optimistic picture of a move): the very same tree.
    expect(patchedTree(tree, 'movedAccount', { revision: 2, account: { id: 'pay', name: 'Payments Prod', parentId: 'prod' } })).toBe(tree);
  });

  it('says nothing when the result does not carry the node (the tree is then read again)', () => {
    const tree = fixtureTree();
    expect(patchedTree(tree, 'anything', { revision: 2, account: { id: 'pay', name: 'X', parentId: 'prod' } })).toBeNull();
    expect(patchedTree(tree, 'renamed', { revision: 2 })).toBeNull();
    expect(patchedTree(tree, 'renamed', { revision: 2, account: { id: 'ghost', name: 'X', parentId: 'prod' } })).toBeNull();
    expect(patchedTree(tree, 'movedAccount', { revision: 2, account: { id: 'pay', name: 'Payments Prod', parentId: null } })).toBeNull();
  });
});

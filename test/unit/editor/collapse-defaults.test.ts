import { describe, expect, it } from 'vitest';
import { effectiveCollapsed } from '@/components/editor-base/collapse-defaults';
import { toFlow } from '@/components/org-graph/to-flow';
import { fixtureTree } from './tree-fixture';

const noChoices = { collapsed: new Set<string>(), expanded: new Set<string>() };

describe('effectiveCollapsed', () => {
  it('folds nothing in a tree that fits the budget', () => {
    expect([...effectiveCollapsed(fixtureTree(), noChoices)]).toEqual([]);
  });

  it('folds an OU with more accounts than the limit, whatever the budget', () => {
    const tree = fixtureTree({ parentId: 'prod', count: 51 });
    expect([...effectiveCollapsed(tree, noChoices, { visibleBudget: 10_000, maxAccountsUnfolded: 50 })]).toEqual(['prod']);
  });

  it('unfolds shallow levels first and folds what would exceed the budget', () => {
    // Root has 3 children (visible 4), Security 2 (6), Workloads 1 (7), Prod 1 (8).
    expect([...effectiveCollapsed(fixtureTree(), noChoices, { visibleBudget: 7, maxAccountsUnfolded: 50 })]).toEqual(['prod']);
    // Greedy in breadth-first order: Security (2 more) would make 6 and folds; Workloads (1 more) still fits.
    expect([...effectiveCollapsed(fixtureTree(), noChoices, { visibleBudget: 5, maxAccountsUnfolded: 50 })].sort()).toEqual(['prod', 'security']);
  });

  it("lets the user's choices override both rules", () => {
    const tree = fixtureTree({ parentId: 'prod', count: 51 });
    const choices = { collapsed: new Set(['security']), expanded: new Set(['prod']) };
    expect([...effectiveCollapsed(tree, choices)]).toEqual(['security']);
  });

  it('folds even the root when 5,000 accounts sit directly under it', () => {
    const tree = fixtureTree({ parentId: 'root', count: 5_000 });
    const collapsed = effectiveCollapsed(tree, noChoices);
    expect(collapsed.has('root')).toBe(true);
    expect(toFlow(tree, { collapsed }).nodes).toHaveLength(1);
  });

  it('draws at most the budget of a 1,000-OU, 5,000-account organization', () => {
    const base = fixtureTree();
    const orgUnits = [...base.orgUnits];
    const accounts = [...base.accounts];
    // Ten OUs under the root, each with ten OUs, each with ten OUs of five accounts: 1,110 OUs, 5,000 accounts.
    const none = { scp: 0, rcp: 0 };
    let accountNumber = 600_000_000_000;
    for (let a = 0; a < 10; a++) {
      orgUnits.push({ id: `a${a}`, awsId: `ou-a${a}`, name: `A${a}`, parentId: 'root', policyCounts: none, attachedPolicies: [], enabledControlCount: 0 });
      for (let b = 0; b < 10; b++) {
        orgUnits.push({ id: `a${a}b${b}`, awsId: `ou-a${a}b${b}`, name: `A${a}B${b}`, parentId: `a${a}`, policyCounts: none, attachedPolicies: [], enabledControlCount: 0 });
        for (let c = 0; c < 10; c++) {
          const id = `a${a}b${b}c${c}`;
          orgUnits.push({ id, awsId: `ou-${id}`, name: id, parentId: `a${a}b${b}`, policyCounts: none, attachedPolicies: [], enabledControlCount: 0 });
          for (let d = 0; d < 5; d++) {
            const accountId = String(accountNumber++);
            accounts.push({ id: accountId, accountId, name: `acct ${accountId}`, email: null, status: 'ACTIVE', parentId: id, isManagement: false, policyCounts: none, attachedPolicies: [] });
          }
        }
      }
    }
    const tree = { ...base, orgUnits, accounts };
    const collapsed = effectiveCollapsed(tree, noChoices);
    const drawn = toFlow(tree, { collapsed }).nodes.length;
    expect(drawn).toBeLessThanOrEqual(200);
    // The first two levels of OUs are all visible.
    expect(drawn).toBeGreaterThanOrEqual(1 + 3 + 10 + 100);
  });
});

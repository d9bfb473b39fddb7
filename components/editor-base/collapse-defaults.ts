// Which subtrees start folded: a 5,000-account organization must open fast and readable, so only as many nodes
// as a screen can hold are drawn at first; the user unfolds the rest. Pure: no React.
import type { OrgTree } from '@/server/schemas/org';
import { indexOrgTree } from './org-tree-index';

/** Limits of the first view. */
export interface CollapseLimits {
  /** Most nodes drawn before deeper levels stay folded. */
  visibleBudget: number;
  /** An OU with more accounts directly under it than this starts folded (its card shows the count). */
  maxAccountsUnfolded: number;
}

/** The defaults: about two screens of cards; a stack of more than 50 accounts is folded. */
export const DEFAULT_COLLAPSE_LIMITS: CollapseLimits = { visibleBudget: 200, maxAccountsUnfolded: 50 };

/** The user's own folding choices, which always win over the defaults. */
export interface CollapseChoices {
  collapsed: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
}

/**
 * The containers (root or OUs) whose children are not drawn. Walks the tree breadth-first, unfolding a
 * container while the drawn total stays within the budget and its account list is short enough; the user's
 * explicit choices override both rules. Shallow levels therefore unfold first, and a huge OU never floods the
 * canvas unless asked to.
 */
export function effectiveCollapsed(
  tree: OrgTree,
  choices: CollapseChoices,
  limits: CollapseLimits = DEFAULT_COLLAPSE_LIMITS,
): Set<string> {
  const result = new Set<string>();
  if (!tree.root) return result;
  const { childrenOf, subtreeCounts } = indexOrgTree(tree);

  let visible = 1;
  const queue = [tree.root.id];
  const seen = new Set(queue);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    const counts = subtreeCounts.get(id);
    const children = counts ? counts.childOus + counts.childAccounts : 0;
    if (children === 0) continue;
    const unfold = choices.expanded.has(id)
      ? true
      : choices.collapsed.has(id)
        ? false
        : (counts?.childAccounts ?? 0) <= limits.maxAccountsUnfolded && visible + children <= limits.visibleBudget;
    if (!unfold) {
      result.add(id);
      continue;
    }
    visible += children;
    for (const child of childrenOf.get(id) ?? []) {
      if (child.kind !== 'ou' || seen.has(child.ou.id)) continue;
      seen.add(child.ou.id);
      queue.push(child.ou.id);
    }
  }
  return result;
}

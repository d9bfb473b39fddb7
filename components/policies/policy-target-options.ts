// The targets a policy picker offers, read from the org tree the page already shares (react-query's cache) instead
// of the whole policy library: policy.list sends every document and every target of every policy (1.8 MB on the
// 5,000-account design) only to list the tree's nodes again. Pure: no React.
import type { OrgTree } from '@/server/schemas/org';
import type { PolicyTarget } from '@/server/schemas/policy-library';
import { indexOrgTree } from '../editor-base/org-tree-index';

/** Every node a policy can be attached to (the root, each OU, each account), in the tree's order. */
export function attachableTargets(tree: OrgTree | undefined): PolicyTarget[] {
  if (!tree) return [];
  return indexOrgTree(tree).nodes.map(({ id, awsId, name, kind }) => ({ id, awsId, name, kind }));
}

/** The nodes a policy (by row id) is attached to directly: each node of the tree lists its own attachments. */
export function targetsOfPolicy(tree: OrgTree | undefined, policyId: string | undefined): PolicyTarget[] {
  if (!tree || !policyId) return [];
  const attachedHere = (node: { attachedPolicies: readonly { id: string }[] }) => node.attachedPolicies.some((policy) => policy.id === policyId);
  const ids = new Set<string>();
  if (tree.root && attachedHere(tree.root)) ids.add(tree.root.id);
  for (const ou of tree.orgUnits) if (attachedHere(ou)) ids.add(ou.id);
  for (const account of tree.accounts) if (attachedHere(account)) ids.add(account.id);
  return attachableTargets(tree).filter((target) => ids.has(target.id));
}

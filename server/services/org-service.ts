import 'server-only';
import type { Db } from '../db/client';
import { getDesign } from '../db/designs';
import type { AttachmentDto, OrgTreeDto, PolicySummaryDto } from '../db/dto';
import { landingZoneServicesByAccount } from '../engine/control-tower/landing-zone-services';
import { loadOrgTree } from '../db/org-tree';
import type { AttachedPolicy, OrgTree, PolicyCounts } from '../schemas/org';
import { snapshotOrgTree } from '../schemas/org-tree-wire';
import { designNotFound } from './domain-error';

/** Designs whose tree this process keeps (least recently read dropped first). */
const TREE_CACHE_SIZE = 16;

/**
 * The org tree of recently read designs, each at the revision it was read at. A design's revision goes up with
 * every change, so an entry is current exactly while its revision is: a read costs one indexed row (the revision)
 * instead of loading and converting the whole organization (about a second for 5,000 accounts under load).
 */
const treeCache = new Map<string, { revision: number; tree: OrgTree }>();

/**
 * The organization tree of a design for the tree view (cached per design revision), as a snapshot the API sends in
 * compact form; a DomainError NOT_FOUND for an unknown design.
 */
export async function getOrgTree(db: Db, designId: string): Promise<OrgTree> {
  const design = await getDesign(db, designId);
  if (!design) throw designNotFound(designId);
  const cached = treeCache.get(designId);
  if (cached && cached.revision === design.revision) {
    // Most recently used last.
    treeCache.delete(designId);
    treeCache.set(designId, cached);
    return cached.tree;
  }
  const rows = await loadOrgTree(db, designId);
  if (!rows) throw designNotFound(designId);
  const tree = snapshotOrgTree(toOrgTree(rows));
  // Keyed by the revision the tree was read at (a change may have landed since the revision above was read).
  const newest = treeCache.get(designId);
  if (!newest || newest.revision <= rows.design.revision) {
    treeCache.delete(designId);
    treeCache.set(designId, { revision: rows.design.revision, tree });
    if (treeCache.size > TREE_CACHE_SIZE) treeCache.delete(treeCache.keys().next().value as string);
  }
  return tree;
}

/** Counts SCP and RCP attachments per target (root, OU or account row id). */
function countAuthzPolicies(policies: PolicySummaryDto[], attachments: AttachmentDto[]): (targetId: string) => PolicyCounts {
  const typeOf = new Map(policies.map((policy) => [policy.id, policy.type]));
  const counts = new Map<string, PolicyCounts>();
  for (const attachment of attachments) {
    const type = typeOf.get(attachment.policyId);
    if (type !== 'SERVICE_CONTROL_POLICY' && type !== 'RESOURCE_CONTROL_POLICY') continue;
    const current = counts.get(attachment.targetId) ?? { scp: 0, rcp: 0 };
    if (type === 'SERVICE_CONTROL_POLICY') current.scp += 1;
    else current.rcp += 1;
    counts.set(attachment.targetId, current);
  }
  return (targetId) => counts.get(targetId) ?? { scp: 0, rcp: 0 };
}

/** The policies attached directly to each target, for the badges and their tooltips (type, then name). */
function attachedPoliciesOf(policies: PolicySummaryDto[], attachments: AttachmentDto[]): (targetId: string) => AttachedPolicy[] {
  const byId = new Map(policies.map((policy) => [policy.id, policy]));
  const byTarget = new Map<string, AttachedPolicy[]>();
  for (const attachment of attachments) {
    const policy = byId.get(attachment.policyId);
    if (!policy) continue;
    const list = byTarget.get(attachment.targetId) ?? [];
    list.push({ id: policy.id, name: policy.name, type: policy.type });
    byTarget.set(attachment.targetId, list);
  }
  for (const list of byTarget.values()) list.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  return (targetId) => byTarget.get(targetId) ?? [];
}

/** Repository DTO → API DTO: row ids for structure, AWS ids for display, member accounts only. */
export function toOrgTree(tree: OrgTreeDto): OrgTree {
  const countsOf = countAuthzPolicies(tree.policies, tree.attachments);
  const attachedOf = attachedPoliciesOf(tree.policies, tree.attachments);
  const management = tree.accounts.find((account) => account.isManagementAccount);
  const services = tree.landingZoneServiceFacts ? landingZoneServicesByAccount(tree.landingZoneServiceFacts) : new Map();
  return {
    designId: tree.design.id,
    organizationId: tree.organization?.awsId ?? null,
    managementAccountId: management?.accountId ?? null,
    policyCount: tree.policies.length,
    root: tree.root
      ? { id: tree.root.id, awsId: tree.root.awsId, name: tree.root.name, policyCounts: countsOf(tree.root.id), attachedPolicies: attachedOf(tree.root.id) }
      : null,
    orgUnits: tree.ous.map((ou) => ({
      id: ou.id,
      awsId: ou.awsId,
      name: ou.name,
      parentId: ou.parentId,
      policyCounts: countsOf(ou.id),
      attachedPolicies: attachedOf(ou.id),
      enabledControlCount: ou.enabledControlCount,
    })),
    // Accounts outside the organization (a partner's account known from an import) have no place in the tree.
    accounts: tree.accounts.flatMap((account) =>
      account.parentId === null
        ? []
        : [
            {
              id: account.id,
              accountId: account.accountId,
              name: account.name,
              email: account.email,
              status: account.status,
              parentId: account.parentId,
              isManagement: account.isManagementAccount,
              policyCounts: countsOf(account.id),
              attachedPolicies: attachedOf(account.id),
              ...(services.has(account.id) ? { landingZoneServices: services.get(account.id)! } : {}),
            },
          ],
    ),
  };
}

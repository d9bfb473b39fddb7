// The canonical order of a design (ids, names), so that two exports of the same design are byte-identical and two
// reads of the same data give equal models whatever the order of the input.
import type { InterchangeDesign, InterchangeOu } from './model';

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** OUs with every parent before its children, siblings by id. */
export function parentsFirst(ous: readonly InterchangeOu[], rootId: string | undefined): InterchangeOu[] {
  const children = new Map<string, InterchangeOu[]>();
  for (const ou of ous) {
    const list = children.get(ou.parentId) ?? [];
    list.push(ou);
    children.set(ou.parentId, list);
  }
  const ordered: InterchangeOu[] = [];
  const visit = (parentId: string) => {
    for (const child of (children.get(parentId) ?? []).sort(byKey((o) => o.awsId))) {
      ordered.push(child);
      visit(child.awsId);
    }
  };
  if (rootId) visit(rootId);
  // OUs not reachable from the root cannot come from a validated read; keep them rather than drop silently.
  const placed = new Set(ordered);
  for (const ou of ous) if (!placed.has(ou)) ordered.push(ou);
  return ordered;
}

/** The design in canonical order. */
export function sortDesign(design: InterchangeDesign): InterchangeDesign {
  const iam: InterchangeDesign['iam'] = {};
  for (const accountId of Object.keys(design.iam).sort()) {
    const account = design.iam[accountId];
    iam[accountId] = {
      users: [...account.users].sort(byKey((u) => u.name)),
      groups: [...account.groups].sort(byKey((g) => g.name)),
      roles: [...account.roles].sort(byKey((r) => r.name)),
    };
  }
  const resourceTags: InterchangeDesign['resourceTags'] = {};
  for (const arn of Object.keys(design.resourceTags).sort()) resourceTags[arn] = design.resourceTags[arn];
  return {
    organization: design.organization,
    root: design.root && { ...design.root, policyTypes: [...design.root.policyTypes].sort(byKey((t) => t.type)) },
    ous: parentsFirst(design.ous, design.root?.awsId),
    accounts: [...design.accounts].sort(byKey((a) => a.accountId)),
    policies: [...design.policies].sort(byKey((p) => p.awsId)).map((p) => ({ ...p, targetIds: [...p.targetIds].sort() })),
    delegatedAdministrators: [...design.delegatedAdministrators].sort(byKey((d) => `${d.accountId} ${d.servicePrincipal}`)),
    managedPolicies: [...design.managedPolicies].sort(byKey((p) => p.arn)),
    iam,
    resourcePolicies: [...design.resourcePolicies].sort(byKey((p) => `${p.accountId} ${p.resourceArn}`)),
    resourceTags,
    ...(design.resourceShares && design.resourceShares.length > 0
      ? {
          resourceShares: [...design.resourceShares].sort(byKey((s) => s.arn)).map((share) => ({
            ...share,
            resources: [...share.resources].sort(byKey((r) => r.arn)),
            principals: [...share.principals].sort(byKey((p) => p.principal)),
            permissions: [...share.permissions].sort(byKey((p) => p.resourceType)),
          })),
        }
      : {}),
    ...(design.ramPermissions && design.ramPermissions.length > 0
      ? { ramPermissions: [...design.ramPermissions].sort(byKey((p) => p.arn)).map((p) => ({ ...p, versions: [...p.versions].sort((x, y) => x.version - y.version) })) }
      : {}),
    ...(design.identityCenter ? { identityCenter: sortIdentityCenter(design.identityCenter) } : {}),
    ...(design.controlTower ? { controlTower: sortControlTower(design.controlTower) } : {}),
    ...(design.quotaOverrides ? { quotaOverrides: design.quotaOverrides } : {}),
    ...(design.vpcEndpoints && design.vpcEndpoints.length > 0 ? { vpcEndpoints: [...design.vpcEndpoints].sort(byKey((e) => `${e.ownerAccountId} ${e.id}`)) } : {}),
  };
}

/** A landing zone in canonical order (registered OUs and enrolled accounts by id, controls by target then control). */
function sortControlTower(ct: NonNullable<InterchangeDesign['controlTower']>): NonNullable<InterchangeDesign['controlTower']> {
  return {
    ...ct,
    registeredOus: [...ct.registeredOus].sort(byKey((r) => r.ouId)),
    enabledControls: [...ct.enabledControls].sort(byKey((c) => `${c.targetOuId} ${c.controlIdentifier}`)),
    enrolledAccounts: [...ct.enrolledAccounts].sort(byKey((e) => e.accountId)),
  };
}

/** An Identity Center instance in canonical order (users, groups and permission sets by name). */
function sortIdentityCenter(ic: NonNullable<InterchangeDesign['identityCenter']>): NonNullable<InterchangeDesign['identityCenter']> {
  return {
    ...ic,
    users: [...ic.users].sort(byKey((u) => u.userName)),
    groups: [...ic.groups].sort(byKey((g) => g.displayName)),
    memberships: [...ic.memberships].sort(byKey((m) => `${m.groupId} ${m.userId}`)),
    permissionSets: [...ic.permissionSets].sort(byKey((p) => p.name)),
    assignments: [...ic.assignments].sort(byKey((a) => `${a.accountId} ${a.permissionSetArn} ${a.principalType} ${a.principalId}`)),
  };
}

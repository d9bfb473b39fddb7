// The migration-plan benchmark's input: the synthetic matrix design (synthetic-matrix-org.ts) as a live organization
// in the interchange model, and a changed copy of it as the design (40 accounts moved, 3 SCPs edited, 2 SCPs attached
// to another OU, 2 new OUs). Shared by bench:matrix and bench:plan so both measure the same plan.

import type { World } from '../../server/engine';
import type { InterchangeDesign } from '../../server/engine/aws/bundle/model';

/** The Organizations part of a World as the interchange model (root, OUs, accounts, SCPs and RCPs with their targets). */
export function interchangeOf(source: World): InterchangeDesign {
  const root = source.orgUnits.find((unit) => unit.parentId === undefined)!;
  const types = { SCP: 'SERVICE_CONTROL_POLICY', RCP: 'RESOURCE_CONTROL_POLICY' } as const;
  const management = source.accounts.find((account) => account.name === 'management') ?? source.accounts[0];
  return {
    organization: { awsId: 'o-mtx0bench1', featureSet: 'ALL', managementAccountId: management.id, serviceAccessPrincipals: [] },
    root: { awsId: root.id, name: root.name, policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }, { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' }], tags: [] },
    ous: source.orgUnits.filter((unit) => unit.parentId !== undefined).map((unit) => ({ awsId: unit.id, name: unit.name, parentId: unit.parentId!, tags: [] })),
    accounts: source.accounts.map((account) => ({
      accountId: account.id, name: account.name ?? account.id, email: `${account.id}@example.com`, joinedMethod: 'CREATED' as const, status: 'ACTIVE' as const, joinedAt: null, parentId: account.parentId ?? null, tags: [],
    })),
    policies: source.policies.map((policy) => ({
      awsId: policy.id, type: types[policy.type], name: policy.name, description: '', content: typeof policy.document === 'string' ? policy.document : JSON.stringify(policy.document),
      awsManaged: policy.awsManaged ?? false, tags: [], targetIds: source.attachments.filter((attachment) => attachment.policyId === policy.id).map((attachment) => attachment.targetId).sort(),
    })),
    delegatedAdministrators: [], managedPolicies: [], iam: {}, resourcePolicies: [], resourceTags: {},
  };
}

/** A changed copy of `live`: 40 accounts moved one OU on, 3 SCPs that allow or deny ec2:RunInstances too, 2 SCPs also attached to a 501st OU, 2 new OUs under the root. */
export function changedCopy(live: InterchangeDesign): InterchangeDesign {
  const target: InterchangeDesign = structuredClone(live);
  const ouIds = target.ous.map((ou) => ou.awsId);
  for (let i = 0; i < 40; i++) {
    const account = target.accounts[1 + ((i * 97) % (target.accounts.length - 1))];
    account.parentId = ouIds[(ouIds.indexOf(account.parentId!) + 1) % ouIds.length];
  }
  for (const policy of target.policies.filter((entry) => entry.type === 'SERVICE_CONTROL_POLICY' && !entry.awsManaged).slice(0, 3)) {
    const document = JSON.parse(policy.content) as { Statement: { Action?: string[] | string }[] };
    const statement = document.Statement.find((entry) => Array.isArray(entry.Action)) ?? document.Statement[0];
    statement.Action = [...(Array.isArray(statement.Action) ? statement.Action : statement.Action ? [statement.Action] : []), 'ec2:RunInstances'];
    policy.content = JSON.stringify(document);
  }
  for (const policy of target.policies.filter((entry) => entry.type === 'SERVICE_CONTROL_POLICY' && !entry.awsManaged).slice(3, 5)) policy.targetIds = [...policy.targetIds, ouIds[500]].sort();
  target.ous.push({ awsId: 'ou-mtx0-new00001', name: 'Staging', parentId: target.root!.awsId, tags: [] }, { awsId: 'ou-mtx0-new00002', name: 'Suspended', parentId: target.root!.awsId, tags: [] });
  return target;
}

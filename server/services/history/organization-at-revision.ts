// The Organizations part of a design's World as it was at an older revision: the root's policy types, the OU tree,
// where each account sat, the SCPs, RCPs, Amazon S3 and EC2 policies with their content, and their attachments, all read from the history's
// rows (history/diff.ts rebuilds them). IAM, resource policies and the rest are taken from the World given (the
// current one): the history impact judges what the Organizations changes between two revisions did.
import 'server-only';

import type { DesignRows } from '../../db/history';
import type { RowData } from '../../db/org-mutations';
import type { InterchangeDesign, OrganizationsPolicyType, PolicyTypeStatus } from '../../engine/aws/bundle/model';
import type { AuthzPolicyType, World } from '../../engine/types';
import { managementPoliciesOf } from '../../engine/world/management-policy-index';
import { worldAccount } from '../../engine/world/world-account';

const AUTHZ: Readonly<Record<string, AuthzPolicyType>> = { SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' };
const str = (row: RowData | undefined, key: string): string | undefined => (typeof row?.[key] === 'string' ? (row[key] as string) : undefined);

/** `base` with its organization, tree, SCPs, RCPs, S3 and EC2 policies and attachments as the rows describe them. */
export function organizationAtRevision(base: World, rows: DesignRows): World {
  const root = [...rows.root.values()][0];
  const rootRowId = str(root, 'id');
  const rootAwsId = str(root, 'awsId');
  const ouAwsId = new Map([...rows.ou.values()].map((ou) => [str(ou, 'id')!, str(ou, 'awsId')!]));
  const accountAwsId = new Map([...rows.account.values()].map((account) => [str(account, 'id')!, str(account, 'accountId')!]));
  const policies = [...rows.policy.values()].filter((policy) => AUTHZ[str(policy, 'type') ?? '']);
  const policyAwsId = new Map(policies.map((policy) => [str(policy, 'id')!, str(policy, 'awsId')!]));
  const enabled = [...rows.rootPolicyType.values()]
    .filter((type) => str(type, 'status') === 'ENABLED' && AUTHZ[str(type, 'type') ?? ''])
    .map((type) => AUTHZ[str(type, 'type')!]).sort();
  const previous = new Map(base.policies.map((policy) => [policy.id, policy]));
  // An account's own Block Public Access is not an Organizations setting: the accounts keep the current world's.
  const accountsBefore = new Map(base.accounts.map((account) => [account.id, account]));
  const targetAwsId = (attachment: RowData): string | undefined =>
    (str(attachment, 'rootId') ? rootAwsId : undefined) ?? ouAwsId.get(str(attachment, 'ouId') ?? '') ?? accountAwsId.get(str(attachment, 'accountId') ?? '');
  const attachmentRows = [...rows.attachment.values()];
  // In the order they were made (createdAt, then id), as loadWorld reads them: the first attached wins a conflict.
  const inAttachmentOrder = [...attachmentRows].sort((a, b) => (str(a, 'createdAt') ?? '').localeCompare(str(b, 'createdAt') ?? '') || (str(a, 'id') ?? '').localeCompare(str(b, 'id') ?? ''));
  const enabledType = (name: string) => [...rows.rootPolicyType.values()].some((type) => str(type, 'status') === 'ENABLED' && str(type, 'type') === name);
  const managementRows = [...rows.policy.values()].filter((policy) => str(policy, 'type') === 'S3_POLICY' || str(policy, 'type') === 'DECLARATIVE_POLICY_EC2');
  const managementAwsId = new Map(managementRows.map((policy) => [str(policy, 'id')!, str(policy, 'awsId')!]));
  const typed = managementRows.map((policy) => ({ id: str(policy, 'awsId')!, name: str(policy, 'name')!, type: str(policy, 'type')!, document: str(policy, 'content')! }));
  const managementAttachments = inAttachmentOrder.flatMap((attachment) => {
    const policyId = managementAwsId.get(str(attachment, 'policyId') ?? '');
    const targetId = targetAwsId(attachment);
    return policyId && targetId ? [{ policyId, targetId }] : [];
  });
  const s3Policies = managementPoliciesOf('S3_POLICY', enabledType('S3_POLICY'), typed, managementAttachments);
  const ec2Policies = managementPoliciesOf('DECLARATIVE_POLICY_EC2', enabledType('DECLARATIVE_POLICY_EC2'), typed, managementAttachments);
  const { s3Policies: _s3, ec2Policies: _ec2, ...rest } = base;
  return {
    ...rest,
    ...(s3Policies ? { s3Policies } : {}),
    ...(ec2Policies ? { ec2Policies } : {}),
    ...(base.organization ? { organization: { ...base.organization, enabledPolicyTypes: enabled } } : {}),
    orgUnits: rootAwsId
      ? [{ id: rootAwsId, name: str(root, 'name') ?? 'Root' }, ...[...rows.ou.values()].map((ou) => ({
        id: str(ou, 'awsId')!, name: str(ou, 'name')!, parentId: ouAwsId.get(str(ou, 'parentOuId') ?? '') ?? rootAwsId,
      }))]
      : [],
    accounts: [...rows.account.values()].map((account) => {
      const parentId = ouAwsId.get(str(account, 'parentOuId') ?? '') ?? (str(account, 'parentRootId') === rootRowId && rootRowId ? rootAwsId : undefined);
      const previous = accountsBefore.get(str(account, 'accountId')!);
      return worldAccount({ id: str(account, 'accountId')!, name: str(account, 'name') ?? '', parentId, otherOrganizationId: str(account, 'otherOrganizationId'), s3PublicAccessBlock: previous?.s3PublicAccessBlock });
    }),
    policies: policies.map((policy) => {
      const id = str(policy, 'awsId')!;
      const content = str(policy, 'content')!;
      const kept = previous.get(id);
      // The Control Tower origin of guardrail statements holds while the text is the same.
      return kept && kept.document === content ? kept : { id, name: str(policy, 'name')!, type: AUTHZ[str(policy, 'type')!], document: content, awsManaged: policy.awsManaged === true };
    }),
    attachments: attachmentRows.flatMap((attachment) => {
      const policyId = policyAwsId.get(str(attachment, 'policyId') ?? '');
      const targetId = targetAwsId(attachment);
      return policyId && targetId ? [{ policyId, targetId }] : [];
    }),
  };
}

/**
 * The Organizations tree and every policy type's policies with their targets, as the rows describe them, in the
 * interchange model (the rest empty): enough for the effective management policies (tag, backup, AI opt-out) of each
 * account at that revision. Accounts outside the root's tree get a null parent, as the model has them.
 */
export function managementDesignAtRevision(rows: DesignRows): InterchangeDesign {
  const root = [...rows.root.values()][0];
  const rootRowId = str(root, 'id');
  const rootAwsId = str(root, 'awsId');
  const ouAwsId = new Map([...rows.ou.values()].map((ou) => [str(ou, 'id')!, str(ou, 'awsId')!]));
  const accountAwsId = new Map([...rows.account.values()].map((account) => [str(account, 'id')!, str(account, 'accountId')!]));
  const targetsOf = new Map<string, string[]>();
  for (const attachment of rows.attachment.values()) {
    const targetId = (str(attachment, 'rootId') ? rootAwsId : undefined) ?? ouAwsId.get(str(attachment, 'ouId') ?? '') ?? accountAwsId.get(str(attachment, 'accountId') ?? '');
    const policyRowId = str(attachment, 'policyId');
    if (!targetId || !policyRowId) continue;
    targetsOf.set(policyRowId, [...(targetsOf.get(policyRowId) ?? []), targetId]);
  }
  return {
    organization: null,
    root: rootAwsId
      ? {
        awsId: rootAwsId, name: str(root, 'name') ?? 'Root', tags: [],
        policyTypes: [...rows.rootPolicyType.values()].map((type) => ({ type: str(type, 'type') as OrganizationsPolicyType, status: str(type, 'status') as PolicyTypeStatus })),
      }
      : null,
    ous: [...rows.ou.values()].map((ou) => ({ awsId: str(ou, 'awsId')!, name: str(ou, 'name')!, parentId: ouAwsId.get(str(ou, 'parentOuId') ?? '') ?? rootAwsId ?? '', tags: [] })),
    accounts: [...rows.account.values()].map((account) => ({
      accountId: str(account, 'accountId')!, name: str(account, 'name') ?? '', email: null, joinedMethod: 'CREATED' as const, status: 'ACTIVE' as const, joinedAt: null, tags: [],
      parentId: ouAwsId.get(str(account, 'parentOuId') ?? '') ?? (str(account, 'parentRootId') === rootRowId && rootRowId && rootAwsId ? rootAwsId : null),
    })),
    policies: [...rows.policy.values()].map((policy) => ({
      awsId: str(policy, 'awsId')!, type: str(policy, 'type') as OrganizationsPolicyType, name: str(policy, 'name')!, description: '', content: str(policy, 'content') ?? '',
      awsManaged: policy.awsManaged === true, tags: [], targetIds: targetsOf.get(str(policy, 'id')!) ?? [],
    })),
    delegatedAdministrators: [], managedPolicies: [], iam: {}, resourcePolicies: [], resourceTags: {},
  };
}

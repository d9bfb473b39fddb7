// Interchange model -> CloudFormation template (JSON) with AWS::Organizations::OrganizationalUnit (Name, ParentId,
// Tags), AWS::Organizations::Account (AccountName, Email, ParentIds, Tags) and AWS::Organizations::Policy (Name,
// Description, Type, Content as a JSON object so drift detection works, TargetIds, Tags), per the CloudFormation
// resource reference pages. The stack runs in the existing organization's management account, so the root comes
// in as a parameter. CloudFormation cannot declare the management account, invited accounts, AWS-managed policies or
// delegated administrators: they are listed under Metadata so nothing in the design goes unmentioned.
import 'server-only';

import type { InterchangeDesign } from '../../db/import-export-model';
import type { TagDto } from '../../db/dto';
import { sortDesign } from './model-rules';

type Json = Record<string, unknown>;

/** A CloudFormation logical id: ASCII letters and digits only. */
function logicalId(prefix: string, id: string): string {
  return `${prefix}${id.replace(/^(ou|p|r)-/, '').replace(/[^A-Za-z0-9]/g, '')}`;
}

const cfnTags = (tags: readonly TagDto[]) => (tags.length ? { Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) } : {});

/** The CloudFormation template that recreates the design's OUs, created accounts and customer policies. */
export function designToCloudFormation(input: InterchangeDesign, designName: string): Json {
  const design = sortDesign(input);
  const org = design.organization;
  const resources: Record<string, Json> = {};
  const template: Json = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `AWS Organizations structure of the lzsim design "${designName}"`.slice(0, 1024),
  };
  if (!org || !design.root) return { ...template, Resources: {}, Metadata: { Lzsim: { Notes: ['The design has no organization: nothing to declare.'] } } };

  const refOf = new Map<string, unknown>();
  refOf.set(design.root.awsId, { Ref: 'RootId' });
  for (const ou of design.ous) {
    const id = logicalId('Ou', ou.awsId);
    refOf.set(ou.awsId, { Ref: id });
    resources[id] = {
      Type: 'AWS::Organizations::OrganizationalUnit',
      Properties: { Name: ou.name, ParentId: refOf.get(ou.parentId), ...cfnTags(ou.tags) },
    };
  }
  const notCreated: Json[] = [];
  for (const account of design.accounts) {
    if (account.parentId === null) continue;
    if (account.accountId === org.managementAccountId || account.joinedMethod === 'INVITED') {
      refOf.set(account.accountId, account.accountId);
      notCreated.push({ AccountId: account.accountId, Name: account.name, ParentId: account.parentId, JoinedMethod: account.joinedMethod });
      continue;
    }
    const id = logicalId('Account', account.accountId);
    refOf.set(account.accountId, { Ref: id });
    resources[id] = {
      Type: 'AWS::Organizations::Account',
      // Retain on both paths that would otherwise remove the account from the organization: deleting the stack
      // (DeletionPolicy) and an update that replaces the resource (UpdateReplacePolicy, which DeletionPolicy does
      // not cover: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html).
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        AccountName: account.name,
        Email: account.email ?? `${account.accountId}@example.invalid`,
        ParentIds: [refOf.get(account.parentId)],
        ...cfnTags(account.tags),
      },
    };
  }
  const awsManaged: Json[] = [];
  for (const policy of design.policies) {
    if (policy.awsManaged) {
      awsManaged.push({ PolicyId: policy.awsId, Name: policy.name, Type: policy.type, TargetIds: policy.targetIds });
      continue;
    }
    resources[logicalId('Policy', policy.awsId)] = {
      Type: 'AWS::Organizations::Policy',
      Properties: {
        Name: policy.name,
        ...(policy.description ? { Description: policy.description } : {}),
        Type: policy.type,
        Content: JSON.parse(policy.content) as unknown,
        TargetIds: policy.targetIds.map((targetId) => refOf.get(targetId)),
        ...cfnTags(policy.tags),
      },
    };
  }
  return {
    ...template,
    Parameters: {
      RootId: { Type: 'String', Default: design.root.awsId, AllowedPattern: '^r-[0-9a-z]{4,32}$', Description: 'Id of the organization root' },
    },
    Metadata: {
      Lzsim: {
        OrganizationId: org.awsId,
        FeatureSet: org.featureSet,
        EnabledPolicyTypes: design.root.policyTypes.map((t) => t.type),
        TrustedServiceAccess: org.serviceAccessPrincipals,
        AccountsNotCreated: notCreated,
        AwsManagedPolicies: awsManaged,
        DelegatedAdministrators: design.delegatedAdministrators,
        Notes: [
          'Enable the listed policy types and trusted service access on the organization before creating the stack.',
          'AWS attaches AWS-managed policies itself; detach them where the design does not attach them.',
          'Delegated administrators are registered with RegisterDelegatedAdministrator (no CloudFormation resource).',
        ],
      },
    },
    Resources: resources,
  };
}

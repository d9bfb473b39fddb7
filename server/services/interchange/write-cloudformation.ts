// Interchange model -> CloudFormation template (JSON) with AWS::Organizations::OrganizationalUnit (Name, ParentId,
// Tags), AWS::Organizations::Account (AccountName, Email, ParentIds, Tags) and AWS::Organizations::Policy (Name,
// Description, Type, Content as a JSON object so drift detection works, TargetIds, Tags), per the CloudFormation
// resource reference pages. The stack runs in the existing organization's management account, so the root comes
// in as a parameter. CloudFormation cannot declare the management account, invited accounts, AWS-managed policies or
// delegated administrators: they are listed under Metadata so nothing in the design goes unmentioned. A Control Tower
// landing zone becomes AWS::ControlTower::LandingZone (Manifest, Version), AWS::ControlTower::EnabledBaseline
// (BaselineIdentifier, BaselineVersion, TargetIdentifier) for OUs registered besides Security and Sandbox, and
// AWS::ControlTower::EnabledControl (ControlIdentifier, TargetIdentifier, Parameters [{Key, Value}]).
import 'server-only';

import type { InterchangeDesign } from '../../db/import-export-model';
import type { TagDto } from '../../db/dto';
import { CONTROL_TOWER_BASELINE_ID, sortDesign } from '../../engine/aws/bundle';
import { controlTowerNotes, declarableControls, isControlTowerManaged, landingZoneManifest, ousToRegister } from './control-tower-export';
import { DomainError } from '../domain-error';

type Json = Record<string, unknown>;

/** A CloudFormation logical id: ASCII letters and digits only. */
function logicalId(prefix: string, id: string): string {
  return `${prefix}${id.replace(/^(ou|p|r)-/, '').replace(/[^A-Za-z0-9]/g, '')}`;
}

/**
 * CloudFormation replaces "{{resolve:ssm:…}}", "{{resolve:ssm-secure:…}}" and "{{resolve:secretsmanager:…}}" in
 * template strings with the parameter's or secret's value when it deploys the stack
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html), and has no escape for
 * them. A name or a policy holding one would deploy something other than the design (or leak a secret into a
 * tag), so the export refuses, naming every place, rather than write a template that lies.
 */
const DYNAMIC_REFERENCE = /\{\{resolve:/i;

/** JSON paths of the strings (and keys) in `value` that hold a dynamic reference. */
function findDynamicReferences(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (DYNAMIC_REFERENCE.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findDynamicReferences(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (DYNAMIC_REFERENCE.test(key)) found.push(child);
      findDynamicReferences(item, child, found);
    }
  }
  return found;
}

/** Throws a DomainError naming every place of `template` that CloudFormation would resolve on deploy. */
function refuseDynamicReferences(template: Json): Json {
  const found = findDynamicReferences(template, '$', []);
  if (found.length > 0) {
    const shown = found.slice(0, 5).join(', ') + (found.length > 5 ? ` and ${found.length - 5} more` : '');
    throw new DomainError(
      'INVALID_INPUT',
      `The design holds "{{resolve:" at ${shown}: CloudFormation would replace it with an SSM parameter or a secret ` +
        'when it deploys the stack, and cannot escape it. Rename or edit those items, or export to Terraform or a bundle.',
    );
  }
  return template;
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
  if (!org || !design.root) {
    return refuseDynamicReferences({ ...template, Resources: {}, Metadata: { Lzsim: { Notes: ['The design has no organization: nothing to declare.'] } } });
  }

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
    if (isControlTowerManaged(design, policy)) continue;
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
  // AWS::RAM::Permission (Name, ResourceType, PolicyTemplate as a map, Tags; Ref returns its ARN): one version, the
  // default; the others are listed in its Metadata.
  const permissionRef = new Map<string, Json>();
  for (const permission of design.ramPermissions ?? []) {
    const id = logicalId('RamPermission', `${permission.ownerAccountId}${permission.name}`);
    const current = permission.versions.find((v) => v.version === permission.defaultVersion) ?? permission.versions[permission.versions.length - 1];
    const others = permission.versions.filter((v) => v !== current).map((v) => v.version);
    resources[id] = {
      Type: 'AWS::RAM::Permission',
      Properties: {
        Name: permission.name,
        ResourceType: permission.resourceType,
        PolicyTemplate: JSON.parse(current.policyTemplate) as unknown,
        ...cfnTags(permission.tags),
      },
      Metadata: {
        Lzsim: {
          OwnerAccountId: permission.ownerAccountId,
          Region: permission.region,
          DefaultVersion: current.version,
          ...(others.length > 0 ? { VersionsNotDeclared: others } : {}),
          Note: 'Deploy in the owner account and Region. The resource declares one policy template (the default version); a share holding another version gets this one.',
        },
      },
    };
    permissionRef.set(permission.arn, { Ref: id });
  }
  // AWS::RAM::ResourceShare (Name, AllowExternalPrincipals, PermissionArns, Principals, ResourceArns, Tags).
  for (const share of design.resourceShares ?? []) {
    resources[logicalId('ResourceShare', `${share.ownerAccountId}${share.name}`)] = {
      Type: 'AWS::RAM::ResourceShare',
      Properties: {
        Name: share.name,
        AllowExternalPrincipals: share.allowExternalPrincipals,
        ...(share.permissions.length ? { PermissionArns: share.permissions.map((p) => permissionRef.get(p.permissionArn) ?? p.permissionArn) } : {}),
        Principals: share.principals.filter((p) => p.status !== 'DISASSOCIATED').map((p) => p.principal),
        ResourceArns: share.resources.map((r) => r.arn),
        ...cfnTags(share.tags),
      },
      Metadata: { Lzsim: { OwnerAccountId: share.ownerAccountId, Region: share.region, Note: 'Deploy in the owner account and Region (a stack set or a stack there).' } },
    };
  }
  const ct = design.controlTower;
  if (ct) {
    // Ref of an AWS::Organizations::Account is its id; Fn::GetAtt Arn of an OU its ARN.
    resources.LandingZone = {
      Type: 'AWS::ControlTower::LandingZone',
      Properties: { Manifest: landingZoneManifest(design, ct, (accountId) => refOf.get(accountId) ?? accountId), Version: ct.version },
    };
    const ouArn = (ouId: string) => ({ 'Fn::GetAtt': [logicalId('Ou', ouId), 'Arn'] });
    const registration = new Map<string, string>();
    for (const ou of ousToRegister(ct)) {
      const id = logicalId('Registration', ou.ouId);
      const parent = design.ous.find((candidate) => candidate.awsId === ou.ouId)?.parentId;
      resources[id] = {
        Type: 'AWS::ControlTower::EnabledBaseline',
        DependsOn: [parent && registration.get(parent) ? registration.get(parent)! : 'LandingZone'],
        Properties: { BaselineIdentifier: `arn:aws:controltower:${ct.homeRegion}::baseline/${CONTROL_TOWER_BASELINE_ID}`, BaselineVersion: ou.baselineVersion ?? '4.0', TargetIdentifier: ouArn(ou.ouId) },
      };
      registration.set(ou.ouId, id);
    }
    for (const control of declarableControls(ct)) {
      resources[logicalId('Control', `${control.targetOuId}${control.controlIdentifier.slice(control.controlIdentifier.lastIndexOf('/') + 1)}`)] = {
        Type: 'AWS::ControlTower::EnabledControl',
        DependsOn: [registration.get(control.targetOuId) ?? 'LandingZone'],
        Properties: {
          ControlIdentifier: control.controlIdentifier,
          TargetIdentifier: ouArn(control.targetOuId),
          ...(control.parameters.length > 0 ? { Parameters: control.parameters.map((p) => ({ Key: p.key, Value: p.value })) } : {}),
        },
      };
    }
  }
  return refuseDynamicReferences({
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
          ...(ct ? controlTowerNotes(ct) : []),
        ],
      },
    },
    Resources: resources,
  });
}

// Interchange model -> AWS export bundle, in the AWS CLI's own output shapes (the same shapes readBundle reads), so
// export then import gives the same design. Documents are written as the JSON text stored, never re-serialised, so
// their sizes (which AWS quotas count) survive the round trip.
import 'server-only';

import type { InterchangeAccount, InterchangeDesign, InterchangeManagedPolicy, InterchangeResourceShare } from '../../db/import-export-model';
import type { TagDto } from '../../db/dto';
import type { S3PublicAccessBlock } from '../../engine/types';
import { CONTROL_TOWER_BASELINE_ID, IDENTITY_CENTER_BASELINE_ID, IDENTITY_CENTER_PARAMETER, sortDesign } from '../../engine/aws/bundle';
import { landingZoneManifest } from './control-tower-export';

type Json = Record<string, unknown>;

const awsTags = (tags: readonly TagDto[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));
/** A timestamp as the AWS CLI prints it: ISO 8601 with a "+00:00" offset. */
const cliTimestamp = (iso: string) => iso.replace(/\.000Z$/, 'Z').replace(/Z$/, '+00:00');
const withTags = (tags: readonly TagDto[]): Json => (tags.length > 0 ? { Tags: awsTags(tags) } : {});

/** The AWS export bundle of a design. */
export function designToBundle(input: InterchangeDesign): Json {
  const design = sortDesign(input);
  const org = design.organization;
  const management = org?.managementAccountId ?? '';
  const orgArn = (kind: string, id: string) => `arn:aws:organizations::${management}:${kind}/${org?.awsId}/${id}`;
  const names = new Map<string, { name: string; type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT'; arn: string }>();
  if (design.root) names.set(design.root.awsId, { name: design.root.name, type: 'ROOT', arn: orgArn('root', design.root.awsId) });
  for (const ou of design.ous) names.set(ou.awsId, { name: ou.name, type: 'ORGANIZATIONAL_UNIT', arn: orgArn('ou', ou.awsId) });
  for (const account of design.accounts) names.set(account.accountId, { name: account.name, type: 'ACCOUNT', arn: orgArn('account', account.accountId) });

  const bundle: Json = {};
  if (org) {
    const managementAccount = design.accounts.find((a) => a.accountId === management);
    bundle.Organization = {
      Id: org.awsId,
      Arn: `arn:aws:organizations::${management}:organization/${org.awsId}`,
      FeatureSet: org.featureSet,
      MasterAccountArn: orgArn('account', management),
      MasterAccountId: management,
      ...(managementAccount?.email ? { MasterAccountEmail: managementAccount.email } : {}),
    };
  }
  if (org && design.root) {
    bundle.Roots = [{
      Id: design.root.awsId,
      Arn: orgArn('root', design.root.awsId),
      Name: design.root.name,
      PolicyTypes: design.root.policyTypes.map((t) => ({ Type: t.type, Status: t.status })),
      ...withTags(design.root.tags),
    }];
  }
  bundle.OrganizationalUnits = design.ous.map((ou) => ({ Id: ou.awsId, Arn: orgArn('ou', ou.awsId), Name: ou.name, ParentId: ou.parentId, ...withTags(ou.tags) }));
  // With an organization, Accounts lists its members; accounts outside it appear through their IAM data and resources.
  bundle.Accounts = design.accounts
    .filter((account) => (org ? account.parentId !== null : account.status !== 'INVITED_PENDING'))
    .map((account) => ({
      Id: account.accountId,
      ...(org ? { Arn: orgArn('account', account.accountId) } : {}),
      ...(account.email ? { Email: account.email } : {}),
      Name: account.name,
      // The current CLI prints State; AWS retired Status on 9 September 2026 (API_Account.html).
      State: account.status,
      JoinedMethod: account.joinedMethod,
      ...(account.joinedAt ? { JoinedTimestamp: cliTimestamp(account.joinedAt) } : {}),
      ...(account.parentId ? { ParentId: account.parentId } : {}),
      ...withTags(account.tags),
    }));
  bundle.Policies = design.policies.map((policy) => ({
    PolicySummary: {
      Id: policy.awsId,
      Arn: policy.awsManaged
        ? `arn:aws:organizations::aws:policy/${policy.type.toLowerCase()}/${policy.awsId}`
        : `arn:aws:organizations::${management}:policy/${org?.awsId}/${policy.type.toLowerCase()}/${policy.awsId}`,
      Name: policy.name,
      Description: policy.description,
      Type: policy.type,
      AwsManaged: policy.awsManaged,
    },
    Content: policy.content,
    Targets: policy.targetIds.map((targetId) => {
      const target = names.get(targetId);
      return { TargetId: targetId, Arn: target?.arn, Name: target?.name, Type: target?.type };
    }),
    ...withTags(policy.tags),
  }));
  if (org) {
    // An open invitation is a handshake (list-handshakes-for-organization), not a member of list-accounts: AWS's
    // Account.State has no "invited" value (API_Account.html, API_Handshake.html).
    bundle.Handshakes = design.accounts
      .filter((account) => account.status === 'INVITED_PENDING')
      .map((account) => invitationHandshake(account.accountId, org, management, design.accounts.find((a) => a.accountId === management)));
    bundle.EnabledServicePrincipals = org.serviceAccessPrincipals.map((ServicePrincipal) => ({ ServicePrincipal }));
    bundle.DelegatedAdministrators = design.delegatedAdministrators.map((d) => ({ AccountId: d.accountId, ServicePrincipal: d.servicePrincipal }));
  }
  bundle.AuthorizationDetails = authorizationDetails(design);
  bundle.ResourcePolicies = design.resourcePolicies.map((p) => ({
    ResourceArn: p.resourceArn, AccountId: p.accountId, Policy: p.document,
    ...(p.publicAccessBlock ? { PublicAccessBlockConfiguration: awsPublicAccessBlock(p.publicAccessBlock) } : {}),
  }));
  bundle.ResourceTags = Object.fromEntries(Object.entries(design.resourceTags).map(([arn, tags]) => [arn, awsTags(tags)]));
  const otherOrganizations = design.accounts.filter((account) => account.otherOrganizationId !== undefined);
  if (otherOrganizations.length > 0) bundle.OtherOrganizations = Object.fromEntries(otherOrganizations.map((account) => [account.accountId, account.otherOrganizationId]));
  const blocked = design.accounts.filter((account) => account.s3PublicAccessBlock !== undefined);
  if (blocked.length > 0) {
    // What `aws s3control get-public-access-block --account-id <id>` prints for each.
    bundle.S3AccountPublicAccessBlocks = Object.fromEntries(blocked.map((account) => [account.accountId, { PublicAccessBlockConfiguration: awsPublicAccessBlock(account.s3PublicAccessBlock!) }]));
  }
  if (design.vpcEndpoints && design.vpcEndpoints.length > 0) bundle.VpcEndpoints = vpcEndpointsSection(design.vpcEndpoints);
  if (design.resourceShares && design.resourceShares.length > 0) Object.assign(bundle, ramSections(design.resourceShares));
  if (design.ramPermissions && design.ramPermissions.length > 0) bundle.RamPermissions = ramPermissionsSection(design.ramPermissions);
  if (design.identityCenter) bundle.IdentityCenter = identityCenterSection(design.identityCenter);
  if (design.controlTower) bundle.ControlTower = controlTowerSection(design, design.controlTower, (kind, id) => orgArn(kind, id));
  // Not an AWS output (no CLI command prints a design's raised quotas): lzsim's own key, README "Import and export formats".
  if (design.quotaOverrides) bundle.LzsimQuotaOverrides = design.quotaOverrides;
  return bundle;
}

/**
 * AWS Control Tower in the AWS CLI's shapes: get-landing-zone (the manifest of landing zone 3.x or 4.0, see
 * control-tower-export.ts), list-enabled-baselines --include-children (IdentityCenterBaseline on the management
 * account when Identity Center is on, AWSControlTowerBaseline per registered OU, its child per enrolled account), list-enabled-controls with get-enabled-control's parameters; the
 * landing-zone Region deny as AWS-GR_REGION_DENY on each top-level registered OU. LzsimAccounts holds what no AWS
 * API returns (how each account was enrolled, its blueprint and its recorded facts).
 */
function controlTowerSection(design: InterchangeDesign, ct: NonNullable<InterchangeDesign['controlTower']>, orgArn: (kind: string, id: string) => string): Json {
  const account = ct.arn.split(':')[4];
  const baselineIdentifier = `arn:aws:controltower:${ct.homeRegion}::baseline/${CONTROL_TOWER_BASELINE_ID}`;
  // With Identity Center on, the landing zone enables IdentityCenterBaseline on the management account and every
  // AWSControlTowerBaseline names it (list-enabled-baselines.rst, baseline-api-examples.html).
  const identityCenterBaseline = ct.identityCenterBaselineArn
    ? { arn: ct.identityCenterBaselineArn, baselineIdentifier: `arn:aws:controltower:${ct.homeRegion}::baseline/${IDENTITY_CENTER_BASELINE_ID}`, statusSummary: { status: 'SUCCEEDED' }, targetIdentifier: orgArn('account', account) }
    : null;
  const ouParameters = ct.identityCenterBaselineArn ? { parameters: [{ key: IDENTITY_CENTER_PARAMETER, value: ct.identityCenterBaselineArn }] } : {};
  const status = (value: string) => ({ status: value });
  const topLevel = ct.registeredOus.filter((r) => design.ous.find((ou) => ou.awsId === r.ouId)?.parentId === design.root?.awsId);
  const enrolled = new Map(ct.enrolledAccounts.map((e) => [e.accountId, e]));
  return {
    LandingZone: {
      arn: ct.arn,
      version: ct.version,
      manifest: landingZoneManifest(design, ct),
      status: ct.status,
      driftStatus: { status: ct.driftStatus },
    },
    EnabledBaselines: [
      ...(identityCenterBaseline ? [identityCenterBaseline] : []),
      ...ct.registeredOus.map((r) => ({
        arn: r.enabledBaselineArn, baselineIdentifier, ...(r.baselineVersion ? { baselineVersion: r.baselineVersion } : {}),
        statusSummary: status(r.status), targetIdentifier: orgArn('ou', r.ouId), ...ouParameters,
      })),
      ...ct.enrolledAccounts.map((e) => {
        const parentOu = design.accounts.find((a) => a.accountId === e.accountId)?.parentId;
        const parent = ct.registeredOus.find((r) => r.ouId === parentOu);
        return {
          arn: e.enabledBaselineArn, baselineIdentifier, ...(parent?.baselineVersion ? { baselineVersion: parent.baselineVersion } : {}),
          statusSummary: status('SUCCEEDED'), targetIdentifier: orgArn('account', e.accountId), ...(parent ? { parentIdentifier: parent.enabledBaselineArn } : {}),
        };
      }),
    ],
    EnabledControls: [
      ...ct.enabledControls.map((c) => ({
        arn: c.arn, controlIdentifier: c.controlIdentifier, targetIdentifier: orgArn('ou', c.targetOuId),
        statusSummary: status(c.status), driftStatusSummary: { driftStatus: c.driftStatus }, parameters: c.parameters.map((p) => ({ key: p.key, value: p.value })),
      })),
      ...(ct.regionDeny
        ? topLevel.map((r) => ({
            arn: `arn:aws:controltower:${ct.homeRegion}:${account}:enabledcontrol/${regionDenySuffix(r.ouId)}`,
            controlIdentifier: `arn:aws:controltower:${ct.homeRegion}::control/AWS-GR_REGION_DENY`,
            targetIdentifier: orgArn('ou', r.ouId), statusSummary: status('SUCCEEDED'), driftStatusSummary: { driftStatus: 'IN_SYNC' }, parameters: [],
          }))
        : []),
    ],
    LzsimAccounts: Object.fromEntries([...enrolled].map(([accountId, e]) => [accountId, { origin: e.origin, blueprint: e.blueprint, facts: e.facts }])),
    // Not an AWS output: the former id of a deleted Security OU, which Organizations no longer lists.
    ...(ct.deletedSecurityOu?.awsId ? { LzsimDeletedSecurityOu: { id: ct.deletedSecurityOu.awsId, name: ct.deletedSecurityOu.name } } : {}),
  };
}

/** A stable id for the landing-zone Region deny's enablement on one OU (lzsim keeps no row for it). */
function regionDenySuffix(ouId: string): string {
  return `RD${ouId.replace(/[^0-9a-zA-Z]/g, '').toUpperCase()}`.slice(0, 64);
}

/**
 * RAM in the AWS CLI's shapes (see server/engine/aws/bundle/sections/resource-shares.ts): get-resource-shares,
 * list-resources, get-resource-share-associations (PRINCIPAL and RESOURCE), list-resource-share-permissions per share
 * and get-resource-share-invitations. Times and AWS-computed fields the design does not hold are left out.
 */
function ramSections(shares: readonly InterchangeResourceShare[]): Json {
  return {
    ResourceShares: shares.map((share) => ({
      resourceShareArn: share.arn,
      name: share.name,
      owningAccountId: share.ownerAccountId,
      allowExternalPrincipals: share.allowExternalPrincipals,
      status: share.status,
      tags: share.tags.map((t) => ({ key: t.key, value: t.value })),
    })),
    ResourceShareResources: shares.flatMap((share) => share.resources.map((r) => ({ arn: r.arn, type: r.type, resourceShareArn: share.arn, status: 'AVAILABLE' }))),
    ResourceShareAssociations: shares.flatMap((share) => [
      ...share.principals.map((p) => ({
        resourceShareArn: share.arn,
        resourceShareName: share.name,
        associatedEntity: p.principal,
        associationType: 'PRINCIPAL',
        status: p.status,
        ...(p.statusMessage !== null ? { statusMessage: p.statusMessage } : {}),
      })),
      ...share.resources.map((r) => ({ resourceShareArn: share.arn, resourceShareName: share.name, associatedEntity: r.arn, associationType: 'RESOURCE', status: 'ASSOCIATED' })),
    ]),
    ResourceSharePermissions: Object.fromEntries(shares.map((share) => [share.arn, share.permissions.map((p) => ({
      arn: p.permissionArn,
      ...(p.permissionVersion !== null ? { version: String(p.permissionVersion) } : {}),
      resourceType: p.resourceType,
      name: p.permissionArn.split('/').pop(),
      permissionType: /^arn:aws[\w-]*:ram::aws:/.test(p.permissionArn) ? 'AWS_MANAGED' : 'CUSTOMER_MANAGED',
    }))])),
    ResourceShareInvitations: shares.flatMap((share) => share.principals.filter((p) => p.invitationArn !== null).map((p) => ({
      resourceShareInvitationArn: p.invitationArn,
      resourceShareName: share.name,
      resourceShareArn: share.arn,
      senderAccountId: share.ownerAccountId,
      ...(/^\d{12}$/.test(p.principal) ? { receiverAccountId: p.principal } : { receiverArn: p.principal }),
      status: p.invitationStatus,
    }))),
  };
}

/** Customer managed permissions in get-permission's shape, one entry per version (ResourceSharePermissionDetail). */
/** What `aws ec2 describe-vpc-endpoints` prints in each owner account (the fields the design holds). */
function vpcEndpointsSection(endpoints: NonNullable<InterchangeDesign['vpcEndpoints']>): Json {
  const byAccount: Record<string, Json[]> = {};
  for (const endpoint of endpoints) {
    (byAccount[endpoint.ownerAccountId] ??= []).push({
      VpcEndpointId: endpoint.id, VpcEndpointType: endpoint.type, VpcId: endpoint.vpcId, ServiceName: endpoint.serviceName,
      ...(endpoint.policyDocument !== null ? { PolicyDocument: endpoint.policyDocument } : {}), OwnerId: endpoint.ownerAccountId,
    });
  }
  return Object.fromEntries(Object.entries(byAccount).map(([accountId, list]) => [accountId, { VpcEndpoints: list }]));
}

function ramPermissionsSection(permissions: NonNullable<InterchangeDesign['ramPermissions']>): Json {
  return Object.fromEntries(permissions.map((p) => [p.arn, p.versions.map((v) => ({
    arn: p.arn,
    version: String(v.version),
    defaultVersion: v.version === p.defaultVersion,
    name: p.name,
    resourceType: p.resourceType,
    permission: v.policyTemplate,
    isResourceTypeDefault: false,
    permissionType: 'CUSTOMER_MANAGED',
    status: 'ATTACHABLE',
    tags: p.tags.map((t) => ({ key: t.key, value: t.value })),
  }))]));
}

/**
 * The OPEN handshake of an invitation, as list-handshakes-for-organization prints it. Its id is derived from the
 * account so that export is stable; the design keeps no request or expiry time, so neither is written.
 */
function invitationHandshake(accountId: string, org: NonNullable<InterchangeDesign['organization']>, management: string, managementAccount: InterchangeAccount | undefined): Json {
  const id = `h-invite${accountId}`;
  return {
    Id: id,
    Arn: `arn:aws:organizations::${management}:handshake/${org.awsId}/invite/${id}`,
    Parties: [{ Id: org.awsId, Type: 'ORGANIZATION' }, { Id: accountId, Type: 'ACCOUNT' }],
    State: 'OPEN',
    Action: 'INVITE',
    Resources: [
      {
        Value: org.awsId,
        Type: 'ORGANIZATION',
        Resources: [
          ...(managementAccount?.email ? [{ Value: managementAccount.email, Type: 'MASTER_EMAIL' }] : []),
          ...(managementAccount ? [{ Value: managementAccount.name, Type: 'MASTER_NAME' }] : []),
          { Value: org.featureSet, Type: 'ORGANIZATION_FEATURE_SET' },
        ],
      },
      { Value: accountId, Type: 'ACCOUNT' },
    ],
  };
}

/**
 * IAM Identity Center in the AWS CLI's shapes: list-instances, then per permission set describe-permission-set,
 * list-managed-policies-in-permission-set, list-customer-managed-policy-references-in-permission-set,
 * get-inline-policy-for-permission-set and get-permissions-boundary-for-permission-set; list-account-assignments;
 * identitystore list-users, list-groups and list-group-memberships.
 */
function identityCenterSection(ic: NonNullable<InterchangeDesign['identityCenter']>): Json {
  const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return {
    Region: ic.region,
    Instances: [{ InstanceArn: ic.instanceArn, IdentityStoreId: ic.identityStoreId, OwnerAccountId: ic.ownerAccountId, ...(ic.name ? { Name: ic.name } : {}), Status: 'ACTIVE' }],
    PermissionSets: ic.permissionSets.map((ps) => ({
      PermissionSet: {
        Name: ps.name,
        PermissionSetArn: ps.arn,
        ...(ps.description ? { Description: ps.description } : {}),
        SessionDuration: ps.sessionDuration,
        ...(ps.relayState ? { RelayState: ps.relayState } : {}),
      },
      AttachedManagedPolicies: ps.managedPolicyArns.map((arn) => ({ Name: policyName(arn), Arn: arn })),
      CustomerManagedPolicyReferences: ps.customerManagedPolicies.map((ref) => ({ Name: ref.name, Path: ref.path })),
      InlinePolicy: ps.inlinePolicy ?? '',
      ...(ps.permissionsBoundary
        ? {
            PermissionsBoundary: ps.permissionsBoundary.managedPolicyArn
              ? { ManagedPolicyArn: ps.permissionsBoundary.managedPolicyArn }
              : { CustomerManagedPolicyReference: { Name: ps.permissionsBoundary.customerManagedPolicyReference!.name, Path: ps.permissionsBoundary.customerManagedPolicyReference!.path } },
          }
        : {}),
    })),
    AccountAssignments: ic.assignments.map((a) => ({ AccountId: a.accountId, PermissionSetArn: a.permissionSetArn, PrincipalType: a.principalType, PrincipalId: a.principalId })),
    Users: ic.users.map((u) => ({
      IdentityStoreId: ic.identityStoreId,
      UserId: u.userId,
      UserName: u.userName,
      ...(u.displayName ? { DisplayName: u.displayName } : {}),
      ...(u.givenName || u.familyName ? { Name: { ...(u.familyName ? { FamilyName: u.familyName } : {}), ...(u.givenName ? { GivenName: u.givenName } : {}) } } : {}),
      ...(u.email ? { Emails: [{ Value: u.email, Type: 'work', Primary: true }] } : {}),
    })),
    Groups: ic.groups.map((g) => ({ IdentityStoreId: ic.identityStoreId, GroupId: g.groupId, DisplayName: g.displayName, ...(g.description ? { Description: g.description } : {}) })),
    GroupMemberships: ic.memberships.map((m) => ({ IdentityStoreId: ic.identityStoreId, MembershipId: m.membershipId, GroupId: m.groupId, MemberId: { UserId: m.userId } })),
  };
}

function managedPolicyDetail(policy: InterchangeManagedPolicy): Json {
  return {
    PolicyName: policy.name,
    ...(policy.policyId ? { PolicyId: policy.policyId } : {}),
    Arn: policy.arn,
    Path: policy.path,
    ...(policy.description ? { Description: policy.description } : {}),
    DefaultVersionId: policy.versions.find((v) => v.isDefault)?.versionId,
    PolicyVersionList: policy.versions.map((v) => ({
      Document: v.document, VersionId: v.versionId, IsDefaultVersion: v.isDefault, ...(v.createDate ? { CreateDate: cliTimestamp(v.createDate) } : {}),
    })),
  };
}

/** get-account-authorization-details per account; AWS-managed policies are listed in every account that uses them. */
function authorizationDetails(design: InterchangeDesign): Json {
  const managedByArn = new Map(design.managedPolicies.map((p) => [p.arn, p]));
  const referenced = new Set<string>();
  const result: Record<string, Json> = {};
  const accountIds = new Set([...Object.keys(design.iam), ...design.managedPolicies.flatMap((p) => (p.accountId ? [p.accountId] : []))]);
  for (const accountId of [...accountIds].sort()) {
    const iam = design.iam[accountId] ?? { users: [], groups: [], roles: [] };
    const used = new Set<string>();
    const arnOf = (kind: string, path: string, name: string) => `arn:aws:iam::${accountId}:${kind}${path}${name}`;
    const attached = (arns: string[]) => arns.map((arn) => {
      used.add(arn);
      return { PolicyName: managedByArn.get(arn)?.name ?? arn.split('/').pop(), PolicyArn: arn };
    });
    const boundary = (arn: string | null) => {
      if (arn === null) return {};
      used.add(arn);
      return { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } };
    };
    const inline = (policies: { name: string; document: string }[]) => policies.map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));
    const detail: Json = {
      UserDetailList: iam.users.map((user) => ({
        Path: user.path,
        UserName: user.name,
        ...(user.userId ? { UserId: user.userId } : {}),
        Arn: arnOf('user', user.path, user.name),
        UserPolicyList: inline(user.inlinePolicies),
        GroupList: user.groups,
        AttachedManagedPolicies: attached(user.attachedPolicyArns),
        ...boundary(user.permissionsBoundaryArn),
        Tags: awsTags(user.tags),
      })),
      GroupDetailList: iam.groups.map((group) => ({
        Path: group.path,
        GroupName: group.name,
        ...(group.groupId ? { GroupId: group.groupId } : {}),
        Arn: arnOf('group', group.path, group.name),
        GroupPolicyList: inline(group.inlinePolicies),
        AttachedManagedPolicies: attached(group.attachedPolicyArns),
      })),
      // RoleDetail (API_RoleDetail.html) has neither Description nor MaxSessionDuration: they are not written.
      RoleDetailList: iam.roles.map((role) => ({
        Path: role.path,
        RoleName: role.name,
        ...(role.roleId ? { RoleId: role.roleId } : {}),
        Arn: arnOf('role', role.path, role.name),
        ...(role.createDate ? { CreateDate: cliTimestamp(role.createDate) } : {}),
        AssumeRolePolicyDocument: role.trustPolicy,
        InstanceProfileList: role.instanceProfiles,
        RolePolicyList: inline(role.inlinePolicies),
        AttachedManagedPolicies: attached(role.attachedPolicyArns),
        ...boundary(role.permissionsBoundaryArn),
        Tags: awsTags(role.tags),
        RoleLastUsed: {
          ...(role.lastUsed.lastUsedDate ? { LastUsedDate: cliTimestamp(role.lastUsed.lastUsedDate) } : {}),
          ...(role.lastUsed.region ? { Region: role.lastUsed.region } : {}),
        },
      })),
    };
    const policies = design.managedPolicies.filter((p) => p.accountId === accountId || (p.scope === 'AWS' && used.has(p.arn)));
    for (const p of policies) referenced.add(p.arn);
    detail.Policies = policies.map(managedPolicyDetail);
    result[accountId] = detail;
  }
  // An AWS-managed policy nobody uses still belongs to the design: list it with the management account.
  const unused = design.managedPolicies.filter((p) => p.scope === 'AWS' && !referenced.has(p.arn));
  if (unused.length > 0) {
    const holder = design.organization?.managementAccountId ?? design.accounts[0]?.accountId;
    if (holder) {
      const entry = (result[holder] ??= { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] });
      entry.Policies = [...(entry.Policies as Json[]), ...unused.map(managedPolicyDetail)];
    }
  }
  return result;
}

/** Block Public Access settings as S3's API names them (PublicAccessBlockConfiguration). */
function awsPublicAccessBlock(settings: S3PublicAccessBlock): Record<string, boolean> {
  return {
    BlockPublicAcls: settings.blockPublicAcls, IgnorePublicAcls: settings.ignorePublicAcls,
    BlockPublicPolicy: settings.blockPublicPolicy, RestrictPublicBuckets: settings.restrictPublicBuckets,
  };
}

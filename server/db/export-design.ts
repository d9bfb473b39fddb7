import 'server-only';

import type { Db, Prisma } from './client';
import { readControlTowerForExport } from './control-tower-interchange';
import { readIdentityCenterForExport } from './identity-center';
import type { InterchangeDesign } from './import-export-model';
import { parseObjectList, parsePublicAccessBlock, parseTags } from './json-values';
import type { S3PublicAccessBlock } from '../engine/types';
import { permissionVersionsOf } from './ram-queries';
import { vpcEndpointOf, vpcEndpointSelect } from './vpc-endpoints';

// Reads a whole design into the interchange model (AWS identifiers only, no row ids), for the exporters. One query
// with nested selects: Prisma issues one statement per relation level, not per row.

const inlineSelect = { select: { name: true, document: true }, orderBy: { name: 'asc' } } satisfies Prisma.IamInlinePolicyFindManyArgs;
const attachedSelect = { select: { policy: { select: { arn: true } } } } satisfies Prisma.IamPolicyAttachmentFindManyArgs;

const exportSelect = {
  name: true,
  description: true,
  quotaOverrides: true,
  organization: {
    select: {
      awsId: true,
      featureSet: true,
      managementAccount: { select: { accountId: true } },
      serviceAccess: { select: { servicePrincipal: true } },
      delegatedAdmins: { select: { servicePrincipal: true, account: { select: { accountId: true } } } },
      root: {
        select: {
          awsId: true,
          name: true,
          tags: true,
          policyTypes: { select: { type: true, status: true } },
          ous: { select: { awsId: true, name: true, tags: true, parentOu: { select: { awsId: true } } } },
        },
      },
      policies: {
        select: {
          awsId: true, type: true, name: true, description: true, content: true, awsManaged: true, tags: true,
          attachments: { select: { root: { select: { awsId: true } }, ou: { select: { awsId: true } }, account: { select: { accountId: true } } } },
        },
      },
    },
  },
  managedPolicies: {
    select: {
      arn: true, name: true, path: true, policyId: true, description: true, scope: true,
      account: { select: { accountId: true } },
      versions: { select: { versionId: true, document: true, isDefault: true, createDate: true } },
    },
  },
  accounts: {
    select: {
      accountId: true, name: true, email: true, joinedMethod: true, status: true, joinedAt: true, tags: true, otherOrganizationId: true, s3PublicAccessBlock: true,
      parentRoot: { select: { awsId: true } },
      parentOu: { select: { awsId: true } },
      iamUsers: {
        select: {
          name: true, path: true, userId: true, tags: true, permissionsBoundaryArn: true,
          boundaryPolicy: { select: { arn: true } },
          memberships: { select: { group: { select: { name: true } } } },
          attachments: attachedSelect,
          inlinePolicies: inlineSelect,
        },
      },
      iamGroups: { select: { name: true, path: true, groupId: true, attachments: attachedSelect, inlinePolicies: inlineSelect } },
      iamRoles: {
        select: {
          name: true, path: true, roleId: true, createDate: true, trustPolicy: true, instanceProfiles: true, lastUsedDate: true, lastUsedRegion: true, maxSessionDuration: true, tags: true,
          permissionsBoundaryArn: true, boundaryPolicy: { select: { arn: true } }, attachments: attachedSelect, inlinePolicies: inlineSelect,
        },
      },
      resourcePolicies: { select: { resourceArn: true, resourceType: true, document: true, publicAccessBlock: true, tags: true } },
      resourceShares: {
        select: {
          id: true, arn: true, name: true, region: true, allowExternalPrincipals: true, status: true, tags: true,
          resources: { select: { resourceArn: true, resourceType: true } },
          principals: { select: { principal: true, status: true, statusMessage: true, invitationArn: true, invitationStatus: true } },
          permissions: { select: { resourceType: true, permissionArn: true, permissionVersion: true } },
        },
      },
      ramPermissions: { orderBy: { arn: 'asc' }, select: { arn: true, name: true, region: true, resourceType: true, versions: true, defaultVersion: true, tags: true } },
      vpcEndpoints: { orderBy: { endpointId: 'asc' }, select: vpcEndpointSelect },
    },
  },
  taggedResources: { orderBy: { resourceArn: 'asc' }, select: { resourceArn: true, tags: true } },
} satisfies Prisma.DesignSelect;

/** A design read for export: its name and description, and its contents in the interchange model (unsorted). */
export interface ExportedDesign {
  name: string;
  description: string;
  design: InterchangeDesign;
}

/** Reads the whole design `designId`; null when there is none. */
export async function readDesignForExport(db: Db, designId: string): Promise<ExportedDesign | null> {
  const row = await db.design.findUnique({ where: { id: designId }, select: exportSelect });
  if (!row) return null;
  const organization = row.organization;
  const root = organization?.root ?? null;
  const sortedArns = (rows: { policy: { arn: string } }[]) => rows.map((r) => r.policy.arn).sort();
  const iam: InterchangeDesign['iam'] = {};
  for (const account of row.accounts) {
    const { iamUsers, iamGroups, iamRoles } = account;
    const isMember = account.parentOu !== null || account.parentRoot !== null;
    // Member accounts without any IAM entity need no AuthorizationDetails entry; accounts outside the organization
    // are only known through theirs.
    if (isMember && iamUsers.length + iamGroups.length + iamRoles.length === 0) continue;
    iam[account.accountId] = {
      users: iamUsers.map((user) => ({
        name: user.name,
        path: user.path,
        userId: user.userId,
        groups: user.memberships.map((m) => m.group.name).sort(),
        attachedPolicyArns: sortedArns(user.attachments),
        inlinePolicies: user.inlinePolicies,
        permissionsBoundaryArn: user.boundaryPolicy?.arn ?? user.permissionsBoundaryArn,
        tags: parseTags(user.tags, `IAM user ${user.name} of ${account.accountId}`),
      })),
      groups: iamGroups.map((group) => ({
        name: group.name,
        path: group.path,
        groupId: group.groupId,
        attachedPolicyArns: sortedArns(group.attachments),
        inlinePolicies: group.inlinePolicies,
      })),
      roles: iamRoles.map((role) => ({
        name: role.name,
        path: role.path,
        roleId: role.roleId,
        createDate: role.createDate?.toISOString() ?? null,
        trustPolicy: role.trustPolicy,
        instanceProfiles: parseObjectList(role.instanceProfiles, `InstanceProfileList of IAM role ${role.name} of ${account.accountId}`),
        lastUsed: { lastUsedDate: role.lastUsedDate?.toISOString() ?? null, region: role.lastUsedRegion },
        maxSessionDuration: role.maxSessionDuration,
        attachedPolicyArns: sortedArns(role.attachments),
        inlinePolicies: role.inlinePolicies,
        permissionsBoundaryArn: role.boundaryPolicy?.arn ?? role.permissionsBoundaryArn,
        tags: parseTags(role.tags, `IAM role ${role.name} of ${account.accountId}`),
      })),
    };
  }
  const design: InterchangeDesign = {
    organization: organization && organization.managementAccount
      ? {
          awsId: organization.awsId,
          featureSet: organization.featureSet,
          managementAccountId: organization.managementAccount.accountId,
          serviceAccessPrincipals: organization.serviceAccess.map((s) => s.servicePrincipal).sort(),
        }
      : null,
    root: root
      ? { awsId: root.awsId, name: root.name, policyTypes: root.policyTypes, tags: parseTags(root.tags, `root ${root.awsId}`) }
      : null,
    ous: (root?.ous ?? []).map((ou) => ({
      awsId: ou.awsId,
      name: ou.name,
      parentId: ou.parentOu?.awsId ?? root!.awsId,
      tags: parseTags(ou.tags, `OU ${ou.awsId}`),
    })),
    accounts: row.accounts.map((account) => ({
      accountId: account.accountId,
      name: account.name,
      email: account.email,
      joinedMethod: account.joinedMethod,
      status: account.status,
      joinedAt: account.joinedAt ? account.joinedAt.toISOString() : null,
      parentId: account.parentOu?.awsId ?? account.parentRoot?.awsId ?? null,
      tags: parseTags(account.tags, `account ${account.accountId}`),
      ...(account.otherOrganizationId ? { otherOrganizationId: account.otherOrganizationId } : {}),
      ...withPublicAccessBlock(parsePublicAccessBlock(account.s3PublicAccessBlock, `account ${account.accountId}`)),
    })),
    policies: (organization?.policies ?? []).map((policy) => ({
      awsId: policy.awsId,
      type: policy.type,
      name: policy.name,
      description: policy.description,
      content: policy.content,
      awsManaged: policy.awsManaged,
      tags: parseTags(policy.tags, `policy ${policy.awsId}`),
      targetIds: policy.attachments.map((a) => a.root?.awsId ?? a.ou?.awsId ?? (a.account?.accountId as string)),
    })),
    delegatedAdministrators: (organization?.delegatedAdmins ?? []).map((d) => ({ accountId: d.account.accountId, servicePrincipal: d.servicePrincipal })),
    managedPolicies: row.managedPolicies.map((policy) => ({
      arn: policy.arn,
      name: policy.name,
      path: policy.path,
      policyId: policy.policyId,
      description: policy.description,
      scope: policy.scope,
      accountId: policy.account?.accountId ?? null,
      versions: policy.versions
        .map((v) => ({ versionId: v.versionId, document: v.document, isDefault: v.isDefault, createDate: v.createDate?.toISOString() ?? null }))
        .sort((a, b) => a.versionId.localeCompare(b.versionId, 'en', { numeric: true })),
    })),
    iam,
    resourcePolicies: row.accounts.flatMap((account) =>
      account.resourcePolicies.map((p) => {
        const publicAccessBlock = parsePublicAccessBlock(p.publicAccessBlock, p.resourceArn);
        return { accountId: account.accountId, resourceArn: p.resourceArn, resourceType: p.resourceType, document: p.document, ...(publicAccessBlock ? { publicAccessBlock } : {}) };
      }),
    ),
    resourceTags: Object.fromEntries([
      ...row.accounts.flatMap((account) => account.resourcePolicies
        .map((p) => [p.resourceArn, parseTags(p.tags, `resource ${p.resourceArn}`)] as const)),
      ...row.taggedResources.map((resource) => [resource.resourceArn, parseTags(resource.tags, `resource ${resource.resourceArn}`)] as const),
    ].filter(([, tags]) => tags.length > 0)),
  };
  const shares = row.accounts.flatMap((account) => account.resourceShares.map((share) => {
    const region = share.region ?? 'us-east-1';
    return {
      arn: share.arn ?? `arn:aws:ram:${region}:${account.accountId}:resource-share/${share.id}`,
      name: share.name,
      ownerAccountId: account.accountId,
      region,
      allowExternalPrincipals: share.allowExternalPrincipals,
      status: share.status,
      tags: parseTags(share.tags, `resource share ${share.name}`),
      resources: share.resources.map((r) => ({ arn: r.resourceArn, type: r.resourceType })),
      principals: share.principals.map((p) => ({ principal: p.principal, status: p.status, statusMessage: p.statusMessage, invitationArn: p.invitationArn, invitationStatus: p.invitationStatus })),
      permissions: share.permissions.map((p) => ({ resourceType: p.resourceType, permissionArn: p.permissionArn, permissionVersion: p.permissionVersion })),
    };
  }));
  if (shares.length > 0) design.resourceShares = shares;
  const ramPermissions = row.accounts.flatMap((account) => account.ramPermissions.map((p) => ({
    arn: p.arn, name: p.name, ownerAccountId: account.accountId, region: p.region, resourceType: p.resourceType,
    defaultVersion: p.defaultVersion, versions: permissionVersionsOf(p.versions), tags: parseTags(p.tags, `RAM permission ${p.name}`),
  })));
  if (ramPermissions.length > 0) design.ramPermissions = ramPermissions;
  const vpcEndpoints = row.accounts.flatMap((account) => account.vpcEndpoints.map((endpoint) => vpcEndpointOf(endpoint, account.accountId)));
  if (vpcEndpoints.length > 0) design.vpcEndpoints = vpcEndpoints;
  const identityCenter = await readIdentityCenterForExport(db, designId);
  if (identityCenter) design.identityCenter = identityCenter;
  // Raised quotas (LzsimQuotaOverrides): the column holds what quotaOverridesSchema accepted when it was written.
  if (row.quotaOverrides !== null && typeof row.quotaOverrides === 'object' && Object.keys(row.quotaOverrides).length > 0) {
    design.quotaOverrides = row.quotaOverrides as InterchangeDesign['quotaOverrides'];
  }
  const controlTower = await readControlTowerForExport(db, designId);
  if (controlTower) design.controlTower = controlTower;
  return { name: row.name, description: row.description, design };
}

/** The s3PublicAccessBlock field of an exported account, left out when none is set. */
function withPublicAccessBlock(settings: S3PublicAccessBlock | null): { s3PublicAccessBlock?: S3PublicAccessBlock } {
  return settings ? { s3PublicAccessBlock: settings } : {};
}

import 'server-only';
import type { Db } from '../../db/client';
import * as orgQueries from '../../db/org-mutations-queries';
import * as ramQueries from '../../db/ram-queries';
import type { RamOrganizationDto, ResourceShareRowDto } from '../../db/ram-queries';
import { shareRecipients } from '../../engine/ram/share-principals';
import { managedPermissionByArn, SHAREABLE_RESOURCE_TYPES } from '../../engine/ram/shareable-resource-types';
import type { ResourceShareView } from '../../schemas/ram';
import { designNotFound } from '../domain-error';
import { ramError } from './ram-errors';
import { isExternal } from './resource-shares';
import { organizationView } from './share-rules';

// What the RAM panel, the org graph and the recipients' lists show: shares with their principals (external or
// not), the accounts they reach, and, per account, what is shared with it.

function permissionName(arn: string): string {
  return managedPermissionByArn(arn)?.permission.name ?? arn.split('/').pop() ?? arn;
}

/**
 * A stored share as the views show it, with the accounts its associated principals reach; `customerDefaults` gives
 * each customer managed permission's default version (ARN → version), to say whether the share holds it.
 */
export function toShareView(share: ResourceShareRowDto, org: RamOrganizationDto, customerDefaults: ReadonlyMap<string, number> = new Map()): ResourceShareView {
  const owner = share.owner.accountId;
  const names = new Map(org.accounts.map((a) => [a.accountId, a.name]));
  const associated = share.principals.filter((p) => p.status === 'ASSOCIATED').map((p) => p.principal);
  const principals = share.principals.map((p) => ({
    principal: p.principal,
    principalType: p.principalType,
    status: p.status,
    external: isExternal(p.principal, owner, org),
    invitationArn: p.invitationArn,
    invitationStatus: p.invitationStatus,
    statusMessage: p.statusMessage,
  }));
  return {
    id: share.id,
    arn: share.arn ?? `arn:aws:ram:${share.region ?? 'us-east-1'}:${owner}:resource-share/${share.id}`,
    name: share.name,
    region: share.region ?? 'us-east-1',
    owningAccountId: owner,
    owningAccountName: share.owner.name,
    allowExternalPrincipals: share.allowExternalPrincipals,
    status: share.status,
    tags: share.tags,
    createdAt: share.createdAt,
    resources: share.resources.map((r) => ({ arn: r.resourceArn, type: r.resourceType })),
    principals,
    permissions: share.permissions.map((p) => {
      const managed = managedPermissionByArn(p.permissionArn);
      const version = p.permissionVersion ?? managed?.permission.defaultVersion ?? 1;
      return {
        resourceType: p.resourceType,
        permissionArn: p.permissionArn,
        permissionName: permissionName(p.permissionArn),
        permissionVersion: version,
        defaultVersion: (managed?.permission.defaultVersion ?? customerDefaults.get(p.permissionArn) ?? version) === version,
      };
    }),
    recipients: shareRecipients(associated, organizationView(org))
      .filter((r) => r.accountId !== owner)
      .map((r) => ({ ...r, accountName: names.get(r.accountId) ?? null })),
    hasExternalPrincipals: principals.some((p) => p.external && p.status !== 'DISASSOCIATED'),
  };
}

/** Every share of the design, whether sharing with AWS Organizations is enabled, and the organization's ARN. */
export async function ramOverview(db: Db, designId: string) {
  if (!(await orgQueries.designExists(db, designId))) throw designNotFound(designId);
  const [shares, permissions] = await Promise.all([ramQueries.listResourceShares(db, designId), ramQueries.listCustomerPermissions(db, designId)]);
  // The tree is read only when there are shares to find recipients for (on a 6,000-account design, 30-40 ms a call).
  const org = await ramQueries.loadRamOrganization(db, designId, { withTree: shares.length > 0 });
  const customerDefaults = new Map(permissions.map((p) => [p.arn, p.defaultVersion]));
  const views = shares.map((share) => toShareView(share, org, customerDefaults));
  return {
    sharingWithOrganizationEnabled: org.sharingEnabled,
    organizationArn: org.organizationAwsId && org.managementAccountNumber
      ? `arn:aws:organizations::${org.managementAccountNumber}:organization/${org.organizationAwsId}`
      : null,
    shares: views,
    customerPermissions: permissions.map((permission) => ({
      arn: permission.arn,
      name: permission.name,
      ownerAccountId: permission.owner.accountId,
      region: permission.region,
      resourceType: permission.resourceType,
      defaultVersion: permission.defaultVersion,
      versions: permission.versions,
      usedBy: views.flatMap((share) => share.permissions
        .filter((p) => p.permissionArn === permission.arn)
        .map((p) => ({ resourceShareArn: share.arn, resourceShareName: share.name, version: p.permissionVersion }))),
    })),
  };
}

/** What is shared with one account: each resource, from whom, under which permission, and whether it can use it yet. */
export async function sharedWithAccount(db: Db, designId: string, accountRef: string) {
  const account = await orgQueries.findAccount(db, designId, accountRef);
  if (!account) throw ramError('UnknownResourceException', `There is no account "${accountRef}" in this design.`);
  // Only others' shares can reach the account; without any, the organization's tree is not read.
  const shares = (await ramQueries.listResourceShares(db, designId)).filter((share) => share.owner.accountId !== account.accountId);
  if (shares.length === 0) return { accountId: account.accountId, entries: [] };
  const view = organizationView(await ramQueries.loadRamOrganization(db, designId));
  const entries = [];
  for (const share of shares) {
    for (const principal of share.principals) {
      if (principal.status !== 'ASSOCIATED' && principal.status !== 'ASSOCIATING') continue;
      if (!shareRecipients([principal.principal], view).some((r) => r.accountId === account.accountId)) continue;
      for (const resource of share.resources) {
        const permission = share.permissions.find((p) => p.resourceType === resource.resourceType);
        entries.push({
          resourceShareArn: share.arn ?? share.id,
          resourceShareName: share.name,
          owningAccountId: share.owner.accountId,
          owningAccountName: share.owner.name,
          resourceArn: resource.resourceArn,
          resourceType: resource.resourceType,
          permissionArn: permission?.permissionArn ?? null,
          permissionName: permission ? permissionName(permission.permissionArn) : null,
          via: principal.principal,
          status: principal.status,
          invitationArn: principal.invitationArn,
        });
      }
    }
  }
  return { accountId: account.accountId, entries };
}

/** The shareable types and their rules (the data the RAM panel offers). */
export function shareableTypes() {
  return SHAREABLE_RESOURCE_TYPES.map((t) => ({
    type: t.type,
    service: t.service,
    resource: t.resource,
    shareWithIamPrincipals: t.shareWithIamPrincipals,
    shareOutsideOrganization: t.shareOutsideOrganization,
    customerManagedPermissions: t.customerManagedPermissions,
    shareWithServicePrincipals: t.shareWithServicePrincipals,
    defaultPermissionName: t.defaultPermission.name,
    defaultPermissionArn: t.defaultPermission.arn,
    defaultPermissionActions: [...t.defaultPermission.actions],
  }));
}

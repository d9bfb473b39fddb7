import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import * as orgQueries from '../../db/org-mutations-queries';
import * as ramQueries from '../../db/ram-queries';
import type { RamOrganizationDto, ResourceShareRowDto } from '../../db/ram-queries';
import type { TagDto } from '../../db/dto';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { RAM_QUOTAS_DOC } from '../../engine/quotas';
import { ramError } from './ram-errors';
import { checkPermission, checkPrincipal, checkResource, storedTypes, type CheckedPrincipal, type CheckedResource } from './share-rules';

// AWS RAM's write operations on resource shares (API reference: CreateResourceShare, UpdateResourceShare,
// DeleteResourceShare, AssociateResourceShare, DisassociateResourceShare, AssociateResourceSharePermission,
// EnableSharingWithAwsOrganization), each one edit of the design through runMutation: one transaction, recorded
// row changes (undo/redo), AWS's errors.

const RAM_SERVICE = 'ram.amazonaws.com';
/** Region of a share when the caller names none (RAM is Regional; the designer's default). */
export const DEFAULT_SHARE_REGION = 'us-east-1';

/** EnableSharingWithAwsOrganization: trusted access for ram.amazonaws.com, from the management account only. */
export async function enableSharingWithAwsOrganization(db: Db, input: MutationBase & { callerAccountId?: string }) {
  return runMutation(db, 'enableSharingWithAwsOrganization', input, async (scope) => {
    const { context } = scope;
    if (input.callerAccountId) {
      const caller = await orgQueries.findAccount(scope.db, context.designId, input.callerAccountId);
      if (!caller || caller.id !== context.organization.managementAccountId) {
        throw ramError('OperationNotPermittedException', `Only the organization's management account can enable sharing with AWS Organizations, not ${input.callerAccountId} (getting-started-sharing.html).`);
      }
    }
    if (context.organization.featureSet !== 'ALL') {
      throw ramError('OperationNotPermittedException', 'Sharing with AWS Organizations needs an organization with all features enabled (getting-started-sharing.html).');
    }
    const enabled = await orgQueries.listServiceAccess(scope.db, context.organization.id);
    if (!enabled.some((s) => s.servicePrincipal === RAM_SERVICE)) {
      await scope.writer.create('serviceAccess', { organizationId: context.organization.id, servicePrincipal: RAM_SERVICE });
    }
    return { returnValue: true };
  });
}

/** The inputs of CreateResourceShare. */
export interface CreateResourceShareInput extends MutationBase {
  ownerAccountId: string;
  name: string;
  region?: string;
  allowExternalPrincipals?: boolean;
  tags?: TagDto[];
  resourceArns?: string[];
  principals?: string[];
  permissionArns?: string[];
}

/** CreateResourceShare: a share owned by an account, with its first resources, principals and permissions. */
export async function createResourceShare(db: Db, input: CreateResourceShareInput) {
  return runMutation(db, 'createResourceShare', input, async (scope) => {
    const owner = await orgQueries.findAccount(scope.db, scope.context.designId, input.ownerAccountId);
    if (!owner) throw ramError('UnknownResourceException', `There is no account "${input.ownerAccountId}" in this design.`);
    const region = input.region ?? DEFAULT_SHARE_REGION;
    if ((await ramQueries.countSharesOwnedBy(scope.db, owner.id, region)) >= scope.quotas.ram.maxResourceSharesPerAccount) {
      throw ramError('ResourceShareLimitExceededException', `Account ${owner.accountId} already owns ${scope.quotas.ram.maxResourceSharesPerAccount} resource shares in ${region} (its quota per Region, ${RAM_QUOTAS_DOC}).`);
    }
    const row = await scope.writer.create('resourceShare', {
      ownerAccountId: owner.id,
      arn: `arn:aws:ram:${region}:${owner.accountId}:resource-share/${randomUUID()}`,
      name: input.name,
      region,
      allowExternalPrincipals: input.allowExternalPrincipals ?? true,
      tags: input.tags ?? [],
    });
    const share = (await ramQueries.findResourceShare(scope.db, scope.context.designId, row.id))!;
    await associate(scope, share, { resourceArns: input.resourceArns ?? [], principals: input.principals ?? [], permissionArns: input.permissionArns ?? [] });
    return { resourceShareArn: share.arn! };
  });
}

async function requireShare(scope: OperationScope, ref: string): Promise<ResourceShareRowDto> {
  const share = await ramQueries.findResourceShare(scope.db, scope.context.designId, ref);
  if (!share) throw ramError('UnknownResourceException', `There is no resource share ${ref} in this design.`);
  return share;
}

/** UpdateResourceShare: name and allowExternalPrincipals. */
export async function updateResourceShare(db: Db, input: MutationBase & { resourceShareArn: string; name?: string; allowExternalPrincipals?: boolean }) {
  return runMutation(db, 'updateResourceShare', input, async (scope) => {
    const share = await requireShare(scope, input.resourceShareArn);
    if (input.allowExternalPrincipals === false && share.allowExternalPrincipals) {
      const org = await ramQueries.loadRamOrganization(scope.db, scope.context.designId);
      const external = share.principals.filter((p) => p.status !== 'DISASSOCIATED' && isExternal(p.principal, share.owner.accountId, org));
      if (external.length > 0) {
        throw ramError(
          'InvalidParameterException',
          `The share still has principals outside the organization (${external.map((p) => p.principal).join(', ')}): disassociate them before setting allowExternalPrincipals to false.`,
        );
      }
    }
    await scope.writer.update('resourceShare', share.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.allowExternalPrincipals !== undefined ? { allowExternalPrincipals: input.allowExternalPrincipals } : {}),
    });
    return { resourceShareArn: share.arn! };
  });
}

/** DeleteResourceShare: the share and every association (recorded row by row, so undo restores them). */
export async function deleteResourceShare(db: Db, input: MutationBase & { resourceShareArn: string }) {
  return runMutation(db, 'deleteResourceShare', input, async (scope) => {
    const share = await requireShare(scope, input.resourceShareArn);
    await scope.writer.deleteMany('resourceSharePermission', share.permissions.map((p) => p.id));
    await scope.writer.deleteMany('resourceSharePrincipal', share.principals.map((p) => p.id));
    await scope.writer.deleteMany('resourceShareResource', share.resources.map((r) => r.id));
    await scope.writer.delete('resourceShare', share.id);
    return { resourceShareArn: share.arn!, returnValue: true };
  });
}

/** AssociateResourceShare: adds resources and principals to a share. */
export async function associateResourceShare(db: Db, input: MutationBase & { resourceShareArn: string; resourceArns?: string[]; principals?: string[] }) {
  return runMutation(db, 'associateResourceShare', input, async (scope) => {
    const share = await requireShare(scope, input.resourceShareArn);
    const added = await associate(scope, share, { resourceArns: input.resourceArns ?? [], principals: input.principals ?? [], permissionArns: [] });
    return { resourceShareArn: share.arn!, ...added };
  });
}

/** DisassociateResourceShare: removes resources and principals from a share. */
export async function disassociateResourceShare(db: Db, input: MutationBase & { resourceShareArn: string; resourceArns?: string[]; principals?: string[] }) {
  return runMutation(db, 'disassociateResourceShare', input, async (scope) => {
    const share = await requireShare(scope, input.resourceShareArn);
    const resourceIds = (input.resourceArns ?? []).map((arn) => {
      const row = share.resources.find((r) => r.resourceArn === arn);
      if (!row) throw ramError('UnknownResourceException', `${arn} is not associated with resource share ${share.name}.`);
      return row.id;
    });
    const principalIds = (input.principals ?? []).map((principal) => {
      const row = share.principals.find((p) => p.principal === principal);
      if (!row) throw ramError('UnknownResourceException', `${principal} is not associated with resource share ${share.name}.`);
      return row.id;
    });
    await scope.writer.deleteMany('resourceShareResource', resourceIds);
    await scope.writer.deleteMany('resourceSharePrincipal', principalIds);
    return { resourceShareArn: share.arn!, resourcesRemoved: resourceIds.length, principalsRemoved: principalIds.length };
  });
}

/** AssociateResourceSharePermission: sets the managed permission of one resource type of the share. */
export async function associateResourceSharePermission(
  db: Db,
  input: MutationBase & { resourceShareArn: string; permissionArn: string; permissionVersion?: number; replace?: boolean },
) {
  return runMutation(db, 'associateResourceSharePermission', input, async (scope) => {
    const share = await requireShare(scope, input.resourceShareArn);
    const checked = checkPermission(input.permissionArn, input.permissionVersion, storedTypes(share.resources.map((r) => r.resourceType)), await customerLookup(scope, share, input.permissionArn));
    const existing = share.permissions.find((p) => p.resourceType === checked.type.type);
    if (existing && existing.permissionArn === checked.permissionArn && existing.permissionVersion === checked.version) {
      return { resourceShareArn: share.arn!, returnValue: true };
    }
    if (existing && !input.replace) {
      throw ramError('InvalidParameterException', `${checked.type.type} already has permission ${existing.permissionArn} in this share: pass replace to change it.`);
    }
    if (existing) {
      await scope.writer.update('resourceSharePermission', existing.id, { permissionArn: checked.permissionArn, permissionVersion: checked.version });
    } else {
      await scope.writer.create('resourceSharePermission', { shareId: share.id, resourceType: checked.type.type, permissionArn: checked.permissionArn, permissionVersion: checked.version });
    }
    return { resourceShareArn: share.arn!, returnValue: true };
  });
}

/** The customer managed permission an ARN names, with the share's owner and Region, for checkPermission. */
async function customerLookup(scope: OperationScope, share: ResourceShareRowDto, arn: string) {
  return { permission: await ramQueries.findCustomerPermission(scope.db, scope.context.designId, arn), share: { owner: share.owner.accountId, region: share.region ?? DEFAULT_SHARE_REGION } };
}

/** True when the principal is an account (or IAM principal of an account) outside the owner's organization. */
export function isExternal(principal: string, owner: string, org: RamOrganizationDto): boolean {
  const members = new Set(org.members.map((m) => m.accountId));
  const account = /^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:iam::(\d{12}):/.exec(principal)?.[1];
  if (!account) return false;
  return !(members.has(owner) && members.has(account));
}

interface Associations {
  resourceArns: readonly string[];
  principals: readonly string[];
  permissionArns: readonly string[];
}

/**
 * Adds resources, principals and permissions to a share after checking every rule against the share as it will
 * be (new principals against every type, existing principals against new types). Already associated items are
 * left as they are, as RAM does.
 */
async function associate(scope: OperationScope, share: ResourceShareRowDto, wanted: Associations): Promise<{ resourcesAdded: number; principalsAdded: number }> {
  const { quotas } = scope;
  if (wanted.resourceArns.length > quotas.ram.maxResourcesPerCall) {
    throw ramError('ResourceShareLimitExceededException', `One call can associate up to ${quotas.ram.maxResourcesPerCall} resources; this one names ${wanted.resourceArns.length}.`);
  }
  const owner = share.owner.accountId;
  const region = share.region ?? 'us-east-1';
  const knownResources = new Set(share.resources.map((r) => r.resourceArn));
  const newResources: CheckedResource[] = [];
  for (const arn of new Set(wanted.resourceArns)) {
    if (knownResources.has(arn)) continue;
    newResources.push(checkResource(arn, owner, region));
  }
  if (share.resources.length + newResources.length > quotas.ram.maxResourcesPerResourceShare) {
    throw ramError('ResourceShareLimitExceededException', `A resource share holds at most ${quotas.ram.maxResourcesPerResourceShare} resources.`);
  }
  const types = storedTypes([...share.resources.map((r) => r.resourceType), ...newResources.map((r) => r.type.type)]);
  const org = await ramQueries.loadRamOrganization(scope.db, scope.context.designId);
  const facts = { owner, allowExternalPrincipals: share.allowExternalPrincipals, types };

  // Existing principals must accept the new types (an org-only type cannot join a share with an external account).
  if (newResources.length > 0) {
    for (const principal of share.principals) {
      if (principal.status === 'DISASSOCIATED') continue;
      checkPrincipal(principal.principal, facts, org);
    }
  }
  const knownPrincipals = new Set(share.principals.map((p) => p.principal));
  const newPrincipals: CheckedPrincipal[] = [];
  for (const text of new Set(wanted.principals)) {
    if (knownPrincipals.has(text)) continue;
    newPrincipals.push(checkPrincipal(text, facts, org));
  }
  if (share.principals.length + newPrincipals.length > quotas.ram.maxPrincipalsPerResourceShare) {
    throw ramError('ResourceShareLimitExceededException', `A resource share has at most ${quotas.ram.maxPrincipalsPerResourceShare} principals.`);
  }
  const invitations = newPrincipals.filter((p) => p.invited).length;
  if (invitations > 0) {
    const pending = await ramQueries.countPendingInvitations(scope.db, share.owner.id);
    if (pending + invitations > quotas.ram.maxPendingInvitationsPerAccount) {
      throw ramError(
        'ResourceShareLimitExceededException',
        `Account ${owner} has ${pending} pending resource share invitations and this call would send ${invitations} more; the quota is ${quotas.ram.maxPendingInvitationsPerAccount} per sharing account (${RAM_QUOTAS_DOC}).`,
      );
    }
  }

  // Permissions: the ones named, then the default of every type that has none yet.
  const permissions = new Map(share.permissions.map((p) => [p.resourceType, p.permissionArn]));
  const chosen = new Map<string, { arn: string; version: number }>();
  for (const arn of wanted.permissionArns) {
    const checked = checkPermission(arn, undefined, types, await customerLookup(scope, share, arn));
    if (chosen.has(checked.type.type)) throw ramError('InvalidParameterException', `Two permissions name ${checked.type.type}; a share has one permission per resource type.`);
    chosen.set(checked.type.type, { arn: checked.permissionArn, version: checked.version });
  }

  await scope.writer.createMany('resourceShareResource', newResources.map((r) => ({ shareId: share.id, resourceArn: r.arn, resourceType: r.type.type })));
  const permissionRows: Record<string, unknown>[] = [];
  for (const type of types) {
    if (permissions.has(type.type)) continue;
    const pick = chosen.get(type.type) ?? { arn: type.defaultPermission.arn, version: type.defaultPermission.defaultVersion };
    permissionRows.push({ shareId: share.id, resourceType: type.type, permissionArn: pick.arn, permissionVersion: pick.version });
  }
  await scope.writer.createMany('resourceSharePermission', permissionRows);
  await scope.writer.createMany(
    'resourceSharePrincipal',
    newPrincipals.map((p) => ({
      shareId: share.id,
      principalType: p.kind,
      principal: p.principal,
      status: p.invited ? 'ASSOCIATING' : 'ASSOCIATED',
      invitationArn: p.invited ? `arn:aws:ram:${region}:${owner}:resource-share-invitation/${randomUUID()}` : null,
      invitationStatus: p.invited ? 'PENDING' : null,
      statusMessage: p.invited ? (p.external ? 'Invitation sent: the principal is outside the organization.' : 'Invitation sent: sharing with AWS Organizations is not enabled.') : null,
    })),
  );
  return { resourcesAdded: newResources.length, principalsAdded: newPrincipals.length };
}

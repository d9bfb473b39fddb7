// What a RAM share grants, as the resource-based policy RAM writes on each shared resource.
// security-ram-permissions.html: "The policy template in the managed permission contains everything needed for a
// resource-based policy except for the principal and the resource. The resource's ARN and the ARN of the principals
// associated with the resource share complete the elements of a resource-based policy. AWS RAM then authors the
// resource-based policy that it attaches to all resources in that resource share." Recipients still need their own
// identity-based permissions and pass their own SCPs (what-is.html: "Any policies and permissions in that account apply
// to the shared resource"): the engine gets that by treating the grant as a cross-account resource-based policy.

import type { RamOrganizationView } from './share-principals';
import { shareRecipients } from './share-principals';
import { customerPermissionGrant } from './customer-permissions';
import { managedPermissionByArn, type ManagedActionsSource } from './shareable-resource-types';
import type { RamCustomerPermission, RamShare, World } from '../types';

/** One share's grant on one resource. */
export interface RamGrant {
  /** The share's ARN and name (the trace names them). */
  shareArn: string;
  shareName: string;
  /** The managed permission and its version. */
  permissionArn: string;
  permissionName: string;
  permissionVersion: number;
  /** What the permission allows (empty when the permission's actions are not known here). */
  actions: readonly string[];
  /** The Condition block of a customer managed permission's template, if it has one. */
  condition?: Record<string, Record<string, unknown>>;
  /** AWS managed or customer managed (CreatePermission). */
  permissionType: 'AWS_MANAGED' | 'CUSTOMER_MANAGED';
  /**
   * Where the actions come from: AWS's docs, the owning service's sharing-policy API (the operations a share may grant),
   * inferred from the owning service's sharing page (no published template), unknown (grants nothing), or the customer
   * managed permission's own template.
   */
  actionsSource: ManagedActionsSource | 'template';
  /** The page an AWS managed permission's actions are read or inferred from (absent for customer managed ones and unknown actions). */
  actionsUrl?: string;
  /** Who RAM names: account root ARNs and IAM role/user ARNs reached through ASSOCIATED principals, sorted. */
  principals: readonly string[];
}

/** The organization view of a World (members with their OU path), for expanding OU and organization principals. */
export function organizationViewOf(world: World): RamOrganizationView {
  const parentOf = new Map(world.orgUnits.map((unit) => [unit.id, unit.parentId]));
  const pathTo = (parentId: string | undefined): string[] => {
    const path: string[] = [];
    for (let id = parentId; id && id.startsWith('ou-'); id = parentOf.get(id)) path.unshift(id);
    return path;
  };
  return {
    organizationId: world.organization?.id ?? null,
    members: world.accounts.filter((a) => a.parentId !== undefined).map((a) => ({ accountId: a.id, ouPath: pathTo(a.parentId) })),
  };
}

/** What a share's permission grants: an AWS managed one from the data, a customer managed one from its template version. */
export function sharePermissionGrant(
  permission: RamShare['permissions'][number],
  customer: ReadonlyMap<string, RamCustomerPermission>,
): Pick<RamGrant, 'permissionArn' | 'permissionName' | 'permissionVersion' | 'actions' | 'condition' | 'permissionType' | 'actionsSource' | 'actionsUrl'> {
  const own = customer.get(permission.permissionArn);
  if (own) {
    const version = permission.permissionVersion ?? own.defaultVersion;
    const template = customerPermissionGrant(own, version);
    return { permissionArn: own.arn, permissionName: own.name, permissionVersion: version, actions: template.actions, condition: template.condition, permissionType: 'CUSTOMER_MANAGED', actionsSource: 'template' };
  }
  const managed = managedPermissionByArn(permission.permissionArn);
  return {
    permissionArn: permission.permissionArn,
    permissionName: managed?.permission.name ?? permission.permissionArn.split('/').pop() ?? permission.permissionArn,
    permissionVersion: permission.permissionVersion ?? managed?.permission.defaultVersion ?? 1,
    actions: managed?.permission.actions ?? [],
    permissionType: 'AWS_MANAGED',
    actionsSource: managed?.permission.actionsSource ?? 'unknown',
    ...(managed?.permission.actionsUrl ? { actionsUrl: managed.permission.actionsUrl } : {}),
  };
}

/** The customer managed permissions of a world by ARN. */
export function customerPermissionsOf(world: World): Map<string, RamCustomerPermission> {
  return new Map((world.ramPermissions ?? []).map((permission) => [permission.arn, permission]));
}

/** The grants every shared resource of the world receives, by resource ARN (resources with no reachable principal get none). */
export function ramGrantsByResource(world: World): Map<string, RamGrant[]> {
  const out = new Map<string, RamGrant[]>();
  if (!world.ramShares || world.ramShares.length === 0) return out;
  const org = organizationViewOf(world);
  const customer = customerPermissionsOf(world);
  for (const share of world.ramShares) {
    const principals = grantPrincipals(share, org);
    if (principals.length === 0) continue;
    for (const resource of share.resources) {
      const permission = share.permissions.find((p) => p.resourceType.toLowerCase() === resource.type.toLowerCase());
      if (!permission) continue;
      const grant: RamGrant = { shareArn: share.arn, shareName: share.name, ...sharePermissionGrant(permission, customer), principals };
      const list = out.get(resource.arn) ?? [];
      list.push(grant);
      out.set(resource.arn, list);
    }
  }
  return out;
}

function grantPrincipals(share: RamShare, org: RamOrganizationView): string[] {
  const associated = share.principals.filter((p) => p.status === 'ASSOCIATED').map((p) => p.principal);
  const names = new Set<string>();
  for (const recipient of shareRecipients(associated, org)) {
    if (recipient.accountId === share.ownerAccountId) continue;
    names.add(recipient.principalArn ?? `arn:aws:iam::${recipient.accountId}:root`);
  }
  return [...names].sort();
}

/** The Sid of the statement RAM's grant number `index` becomes on a resource. */
export function ramStatementSid(index: number): string {
  return `RamShareGrant${index + 1}`;
}

/** The statements RAM's grants put on a resource: one Allow per grant with actions, naming its principals. */
export function ramGrantStatements(resourceArn: string, grants: readonly RamGrant[]): Record<string, unknown>[] {
  return grants
    .filter((grant) => grant.actions.length > 0)
    .map((grant, index) => ({
      Sid: ramStatementSid(index),
      Effect: 'Allow',
      Principal: { AWS: grant.principals.length === 1 ? grant.principals[0] : [...grant.principals] },
      Action: grant.actions.length === 1 ? grant.actions[0] : [...grant.actions],
      Resource: resourceArn,
      ...(grant.condition ? { Condition: grant.condition } : {}),
    }));
}

/**
 * How the trace names a grant's statement: the share, its ARN and the permission with its version, and, when its
 * actions are not AWS's published template, where they come from instead (with the page).
 */
export function ramGrantLabel(grant: RamGrant): string {
  const page = grant.actionsUrl ? `: ${grant.actionsUrl}` : '';
  const origin =
    grant.actionsSource === 'inferred'
      ? ` (actions inferred from the service's sharing page, AWS's template for this permission was not found${page})`
      : grant.actionsSource === 'service-api'
        ? ` (actions are the operations the service's API lets a sharing policy grant, AWS's template for this permission was not found${page})`
        : '';
  return `RAM share "${grant.shareName}" (${grant.shareArn}): ${grant.permissionName} v${grant.permissionVersion}${origin}`;
}

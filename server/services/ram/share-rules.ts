import 'server-only';
import type { RamCustomerPermissionDto, RamOrganizationDto } from '../../db/ram-queries';
import {
  SHAREABLE_RESOURCE_TYPES,
  isCustomerManagedPermissionArn,
  managedPermissionByArn,
  shareableType,
  shareableTypeOfArn,
  splitArn,
  type ShareableResourceType,
} from '../../engine/ram/shareable-resource-types';
import { isSharePrincipalError, parseSharePrincipal, type RamOrganizationView, type SharePrincipalKind } from '../../engine/ram/share-principals';
import { sharePrincipalRefusal } from '../../schemas/ram-share-rules';
import { ramError } from './ram-errors';

// The rules RAM checks when resources, principals and permissions meet in a share, each with the page that states
// it. Pure over the facts the operations load; the operations write what these functions return.
//   shareable.html: which types exist and where they may go (IAM roles/users, outside the organization, service
//     principals).
//   getting-started-sharing.html: sharing with the organization or an OU needs "sharing with AWS Organizations";
//     inside the organization with it enabled there is no invitation; otherwise principals get one.
//   tshoot-sharing-outside-org.html: InvalidParameterException "Principal … is not in your AWS organization. You do
//     not have permission to add external AWS accounts to a resource share." (allowExternalPrincipals false) and
//     OperationNotPermittedException "The resource you are attempting to share can only be shared within your AWS
//     Organization." (an org-only type).
//   working-with-sharing-create.html: "You can share a resource only if you own it"; RAM attaches only the default
//     version of a managed permission.

const DOC = 'https://docs.aws.amazon.com/ram/latest/userguide';

/** A resource as it joins a share. */
export interface CheckedResource {
  arn: string;
  type: ShareableResourceType;
}

/** Reads a resource ARN, checking that the owner can share it from the share's Region. */
export function checkResource(arn: string, owner: string, region: string): CheckedResource {
  const parts = splitArn(arn);
  if (!parts) throw ramError('MalformedArnException', `"${arn}" is not an ARN (arn:partition:service:region:account-id:resource).`);
  const type = shareableTypeOfArn(arn);
  if (!type) {
    throw ramError('InvalidParameterException', `${arn} is not a resource type AWS RAM can share (${DOC}/shareable.html).`);
  }
  if (parts.account !== owner) {
    throw ramError('UnknownResourceException', `${arn} belongs to account ${parts.account || '(none)'}; account ${owner} can share only resources it owns (${DOC}/working-with-sharing-create.html).`);
  }
  if (parts.region && parts.region !== region) {
    throw ramError('UnknownResourceException', `${arn} is in ${parts.region}; a resource share in ${region} can hold only resources of its own Region (RAM is a Regional service).`);
  }
  return { arn, type };
}

/** The organization view recipient expansion uses, from the loaded organization. */
export function organizationView(org: RamOrganizationDto): RamOrganizationView {
  const parent = new Map(org.ous.map((ou) => [ou.id, ou]));
  const pathOf = (ouId: string | null): string[] => {
    const path: string[] = [];
    for (let id = ouId; id; id = parent.get(id)?.parentOuId ?? null) {
      const ou = parent.get(id);
      if (!ou) break;
      path.unshift(ou.awsId);
    }
    return path;
  };
  return {
    organizationId: org.organizationAwsId,
    members: org.members.map((m) => ({ accountId: m.accountId, ouPath: pathOf(m.parentOuId) })),
  };
}

/** A principal as it joins a share: its kind, where it stands, and whether RAM invites it. */
export interface CheckedPrincipal {
  principal: string;
  kind: SharePrincipalKind;
  /** Outside the owner's organization. */
  external: boolean;
  /** RAM sends an invitation (outside the organization, or inside without sharing with Organizations). */
  invited: boolean;
}

/** What the principal checks need to know about the share. */
export interface ShareFacts {
  owner: string;
  allowExternalPrincipals: boolean;
  /** Every resource type the share holds (after the change). */
  types: readonly ShareableResourceType[];
}

/** Checks one principal against the share and the organization, as RAM does. */
export function checkPrincipal(text: string, share: ShareFacts, org: RamOrganizationDto): CheckedPrincipal {
  const parsed = parseSharePrincipal(text);
  if (isSharePrincipalError(parsed)) throw ramError(parsed.error, parsed.message);
  const members = new Set(org.members.map((m) => m.accountId));
  const ownerInOrg = members.has(share.owner);
  if (parsed.kind === 'ORGANIZATION' || parsed.kind === 'ORGANIZATIONAL_UNIT') {
    if (!ownerInOrg || parsed.organizationId !== org.organizationAwsId) {
      throw ramError('UnknownResourceException', `Organization ${parsed.organizationId} could not be found: account ${share.owner} can share only with its own organization and its OUs.`);
    }
    if (parsed.kind === 'ORGANIZATIONAL_UNIT' && !org.ous.some((ou) => ou.awsId === parsed.ouId)) {
      throw ramError('UnknownResourceException', `Organizational unit ${parsed.ouId} could not be found in organization ${parsed.organizationId}.`);
    }
    const refusal = sharePrincipalRefusal({ kind: parsed.kind, owner: share.owner, sharingEnabled: org.sharingEnabled });
    if (refusal) throw ramError(refusal.awsCode, refusal.message);
    return { principal: text, kind: parsed.kind, external: false, invited: false };
  }
  if (parsed.kind === 'SERVICE') {
    const refusing = share.types.filter((t) => !t.shareWithServicePrincipals);
    if (refusing.length > 0) {
      const allowed = SHAREABLE_RESOURCE_TYPES.filter((t) => t.shareWithServicePrincipals).map((t) => t.type);
      throw ramError(
        'InvalidParameterException',
        `${refusing.map((t) => t.type).join(', ')} cannot be shared with the service principal ${text}: no AWS page read here says ${refusing.length === 1 ? 'this type' : 'these types'} can be (shareable.html's "Can share with service principals" column could not be read, so lzsim allows service principals only for ${allowed.join(', ')}, each with the page that shows it; ${DOC}/shareable.html).`,
      );
    }
    // Service principals get access without an invitation (working-with-shared-invitations.html).
    return { principal: text, kind: 'SERVICE', external: false, invited: false };
  }
  if (parsed.kind === 'ACCOUNT') {
    const refusal = sharePrincipalRefusal({ kind: 'ACCOUNT', accountId: parsed.accountId, owner: share.owner, sharingEnabled: org.sharingEnabled });
    if (refusal) throw ramError(refusal.awsCode, refusal.message);
  }
  if (parsed.kind === 'IAM_ROLE' || parsed.kind === 'IAM_USER') {
    const refusing = share.types.filter((t) => !t.shareWithIamPrincipals);
    if (refusing.length > 0) {
      throw ramError(
        'InvalidParameterException',
        `${refusing.map((t) => t.type).join(', ')} cannot be shared with individual IAM roles or users; share with the account instead (${DOC}/shareable.html).`,
      );
    }
  }
  const external = !(ownerInOrg && members.has(parsed.accountId));
  if (external) {
    if (!share.allowExternalPrincipals) {
      throw ramError(
        'InvalidParameterException',
        `Principal ${text} is not in your AWS organization. You do not have permission to add external AWS accounts to a resource share (allowExternalPrincipals is false; ${DOC}/tshoot-sharing-outside-org.html).`,
      );
    }
    const orgOnly = share.types.filter((t) => !t.shareOutsideOrganization);
    if (orgOnly.length > 0) {
      throw ramError(
        'OperationNotPermittedException',
        `The resource you are attempting to share can only be shared within your AWS Organization: ${orgOnly.map((t) => t.type).join(', ')} cannot go to ${text} (${DOC}/tshoot-sharing-outside-org.html).`,
      );
    }
  }
  return { principal: text, kind: parsed.kind, external, invited: external || !org.sharingEnabled };
}

/** A permission as a share uses it. */
export interface CheckedPermission {
  type: ShareableResourceType;
  permissionArn: string;
  version: number;
}

/** The share a customer managed permission would join: its owner and Region. */
export interface PermissionShareFacts {
  owner: string;
  region: string;
}

/**
 * Reads a permission ARN the caller named for a share: an AWS managed one, or a customer managed one of the design
 * (`customer`, looked up by the caller), which must belong to the share's owner and Region (managed-permission-
 * considerations.html: "Customer managed permissions are only available in the AWS Region that you create them in").
 */
export function checkPermission(
  arn: string,
  version: number | undefined,
  shareTypes: readonly ShareableResourceType[],
  customer?: { permission: RamCustomerPermissionDto | null; share: PermissionShareFacts },
): CheckedPermission {
  const managed = managedPermissionByArn(arn);
  if (!managed) {
    if (isCustomerManagedPermissionArn(arn)) {
      const own = customer?.permission;
      if (!own || own.owner.accountId !== customer.share.owner || own.region !== customer.share.region) {
        throw ramError('UnknownResourceException', `Account ${customer?.share.owner ?? '(unknown)'} has no customer managed permission ${arn} in ${customer?.share.region ?? 'this Region'} (customer managed permissions belong to their account and Region).`);
      }
      const type = shareTypes.find((t) => t.type === own.resourceType);
      if (!type) throw ramError('InvalidParameterException', `${own.name} applies to ${own.resourceType}, and the resource share holds no resource of that type.`);
      if (version !== undefined && version !== own.defaultVersion) {
        throw ramError('InvalidParameterException', `${own.name} version ${version} is not its default version (${own.defaultVersion}); RAM attaches only the default version (${DOC}/working-with-sharing-create.html).`);
      }
      return { type, permissionArn: own.arn, version: own.defaultVersion };
    }
    if (!splitArn(arn)) throw ramError('MalformedArnException', `"${arn}" is not an ARN.`);
    throw ramError('UnknownResourceException', `There is no AWS RAM managed permission ${arn} for a shareable type known here.`);
  }
  if (!shareTypes.some((t) => t.type === managed.type.type)) {
    throw ramError('InvalidParameterException', `${managed.permission.name} applies to ${managed.type.type}, and the resource share holds no resource of that type.`);
  }
  if (version !== undefined && version !== managed.permission.defaultVersion) {
    throw ramError(
      'InvalidParameterException',
      `${managed.permission.name} version ${version} is not its default version (${managed.permission.defaultVersion}); RAM attaches only the default version (${DOC}/working-with-sharing-create.html).`,
    );
  }
  return { type: managed.type, permissionArn: managed.permission.arn, version: managed.permission.defaultVersion };
}

/** The shareable types of a share's stored resource type codes (types not known here carry no rule and are skipped). */
export function storedTypes(codes: readonly string[]): ShareableResourceType[] {
  const out = new Map<string, ShareableResourceType>();
  for (const code of codes) {
    const type = shareableType(code);
    if (type) out.set(type.type, type);
  }
  return [...out.values()];
}

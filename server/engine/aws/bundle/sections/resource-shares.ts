// AWS RAM, in the shapes of the AWS CLI's output (RAM's API uses camelCase names):
//   ResourceShares            = `aws ram get-resource-shares --resource-owner SELF` .resourceShares
//                               [{resourceShareArn, name, owningAccountId, allowExternalPrincipals, status, tags:[{key,value}], ...}]
//   ResourceShareResources    = `aws ram list-resources --resource-owner SELF` .resources
//                               [{arn, type, resourceShareArn, status, ...}]
//   ResourceShareAssociations = `aws ram get-resource-share-associations --association-type PRINCIPAL` and `... RESOURCE`
//                               .resourceShareAssociations [{resourceShareArn, resourceShareName, associatedEntity,
//                               associationType, status, statusMessage, external, ...}]
//   ResourceSharePermissions  = {"<resourceShareArn>": `aws ram list-resource-share-permissions --resource-share-arn ARN` .permissions}
//                               [{arn, version, defaultVersion, name, resourceType, permissionType, ...}]
//   ResourceShareInvitations  = `aws ram get-resource-share-invitations` .resourceShareInvitations
//                               [{resourceShareInvitationArn, resourceShareArn, senderAccountId, receiverAccountId, receiverArn, status}]
//   RamPermissions            = {"<permissionArn>": [`aws ram get-permission --permission-arn ARN --permission-version N`
//                               .permission for every version]} for customer managed permissions: [{arn, version,
//                               defaultVersion, name, resourceType, permission (the policy template), permissionType
//                               CUSTOMER_MANAGED, isResourceTypeDefault, status, tags}] (ResourceSharePermissionDetail)
// (docs.aws.amazon.com/cli/latest/reference/ram/ and the API reference's data types ResourceShare, Resource,
// ResourceShareAssociation, ResourceSharePermissionSummary, ResourceShareInvitation.)
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeRamPermission, InterchangeResourceShare } from '../model';
import type { Json } from '../shape-reader';
import { isSharePrincipalError, parseSharePrincipal } from '../../../ram/share-principals';
import { readPermissionTemplate } from '../../../ram/customer-permissions';
import { shareableType, shareableTypeOfArn } from '../../../ram/shareable-resource-types';

const SHARE_ARN = /^arn:aws[\w-]*:ram:([a-z0-9-]+):(\d{12}):resource-share\/[\w-]+$/;
const PERMISSION_ARN = /^arn:aws[\w-]*:ram:([a-z0-9-]+):(\d{12}):permission\/([\w+=,.@-]+)$/;
const SHARE_STATUS = new Set(['PENDING', 'ACTIVE', 'FAILED', 'DELETING', 'DELETED']);
const ASSOCIATION_STATUS = new Set(['ASSOCIATING', 'ASSOCIATED', 'FAILED', 'DISASSOCIATING', 'DISASSOCIATED']);
const INVITATION_STATUS = new Set(['PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED']);

/** RAM resource shares and their associations, permissions and invitations. */
export const resourceSharesSection: BundleSection = {
  keys: ['ResourceShares', 'ResourceShareResources', 'ResourceShareAssociations', 'ResourceSharePermissions', 'ResourceShareInvitations', 'RamPermissions'],
  read(context) {
    const { top, read, problems, design } = context;
    const shares = new Map<string, InterchangeResourceShare>();
    read.array(top.ResourceShares, '$.ResourceShares').forEach((entry, i) => {
      const path = `$.ResourceShares[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const arn = read.string(item.resourceShareArn, `${path}.resourceShareArn`);
      const name = read.string(item.name, `${path}.name`);
      const owner = read.id(item.owningAccountId, `${path}.owningAccountId`, ACCOUNT_ID, '12-digit account id');
      if (!arn || !name || !owner) return;
      const parts = SHARE_ARN.exec(arn);
      if (!parts) return problems.add(`${path}.resourceShareArn`, `"${arn}" is not a resource share ARN`, 'MalformedArnException');
      if (parts[2] !== owner) return problems.add(`${path}.owningAccountId`, `the share ARN names account ${parts[2]}, not ${owner}`, 'InvalidParameterException');
      if (shares.has(arn)) return problems.add(path, `resource share ${arn} is given twice`, 'InvalidParameterException');
      const status = item.status === undefined ? 'ACTIVE' : read.string(item.status, `${path}.status`);
      if (status && !SHARE_STATUS.has(status)) problems.add(`${path}.status`, `"${status}" is not a resource share status`, 'InvalidParameterException');
      context.addExternalAccount(owner);
      shares.set(arn, {
        arn, name, ownerAccountId: owner, region: parts[1],
        allowExternalPrincipals: item.allowExternalPrincipals !== false,
        status: status ?? 'ACTIVE',
        tags: ramTags(item.tags, `${path}.tags`, context),
        resources: [], principals: [], permissions: [],
      });
    });
    const shareOf = (arn: unknown, path: string): InterchangeResourceShare | undefined => {
      const text = read.string(arn, path);
      if (!text) return undefined;
      const share = shares.get(text);
      if (!share) problems.add(path, `resource share ${text} is not in $.ResourceShares`, 'UnknownResourceException');
      return share;
    };
    const addResource = (share: InterchangeResourceShare, arn: string, type: string | undefined, path: string) => {
      if (share.resources.some((r) => r.arn === arn)) return;
      const resolved = type ?? shareableTypeOfArn(arn)?.type;
      if (!resolved) return problems.add(path, `the RAM resource type of ${arn} cannot be told from its ARN: list it in $.ResourceShareResources with its type`, 'InvalidParameterException');
      share.resources.push({ arn, type: resolved });
    };
    read.array(top.ResourceShareResources, '$.ResourceShareResources').forEach((entry, i) => {
      const path = `$.ResourceShareResources[${i}]`;
      const item = read.object(entry, path);
      const share = item && shareOf(item.resourceShareArn, `${path}.resourceShareArn`);
      const arn = item && read.string(item.arn, `${path}.arn`);
      const type = item && read.string(item.type, `${path}.type`);
      if (share && arn && type) addResource(share, arn, type, path);
    });
    read.array(top.ResourceShareAssociations, '$.ResourceShareAssociations').forEach((entry, i) => {
      const path = `$.ResourceShareAssociations[${i}]`;
      const item = read.object(entry, path);
      const share = item && shareOf(item.resourceShareArn, `${path}.resourceShareArn`);
      const entity = item && read.string(item.associatedEntity, `${path}.associatedEntity`);
      if (!item || !share || !entity) return;
      const status = read.string(item.status, `${path}.status`) ?? 'ASSOCIATED';
      if (!ASSOCIATION_STATUS.has(status)) return problems.add(`${path}.status`, `"${status}" is not an association status`, 'InvalidParameterException');
      if (item.associationType === 'RESOURCE') return addResource(share, entity, undefined, path);
      if (item.associationType !== 'PRINCIPAL') return problems.add(`${path}.associationType`, 'associationType is PRINCIPAL or RESOURCE', 'InvalidParameterException');
      if (share.principals.some((p) => p.principal === entity)) return problems.add(path, `${entity} is associated twice with ${share.arn}`, 'InvalidParameterException');
      const parsed = parseSharePrincipal(entity);
      if (isSharePrincipalError(parsed)) return problems.add(`${path}.associatedEntity`, parsed.message, parsed.error);
      const statusMessage = read.optionalString(item.statusMessage, `${path}.statusMessage`) ?? null;
      share.principals.push({ principal: entity, status, statusMessage, invitationArn: null, invitationStatus: null });
    });
    const permissions = top.ResourceSharePermissions === undefined || top.ResourceSharePermissions === null ? {} : read.object(top.ResourceSharePermissions, '$.ResourceSharePermissions') ?? {};
    for (const [shareArn, list] of Object.entries(permissions)) {
      const share = shareOf(shareArn, `$.ResourceSharePermissions`);
      if (!share) continue;
      read.array(list, `$.ResourceSharePermissions["${shareArn}"]`).forEach((entry, i) => {
        const path = `$.ResourceSharePermissions["${shareArn}"][${i}]`;
        const item = read.object(entry, path);
        const arn = item && read.string(item.arn, `${path}.arn`);
        const resourceType = item && read.string(item.resourceType, `${path}.resourceType`);
        if (!item || !arn || !resourceType) return;
        const version = item.version === undefined || item.version === null ? null : Number(item.version);
        if (version !== null && (!Number.isInteger(version) || version < 1)) return problems.add(`${path}.version`, `"${String(item.version)}" is not a permission version`, 'InvalidParameterException');
        if (share.permissions.some((p) => p.resourceType.toLowerCase() === resourceType.toLowerCase())) return problems.add(path, `${share.arn} has two permissions for ${resourceType}`, 'InvalidParameterException');
        share.permissions.push({ resourceType, permissionArn: arn, permissionVersion: version });
      });
    }
    read.array(top.ResourceShareInvitations, '$.ResourceShareInvitations').forEach((entry, i) => {
      const path = `$.ResourceShareInvitations[${i}]`;
      const item = read.object(entry, path);
      const share = item && shareOf(item.resourceShareArn, `${path}.resourceShareArn`);
      const invitationArn = item && read.string(item.resourceShareInvitationArn, `${path}.resourceShareInvitationArn`);
      if (!item || !share || !invitationArn) return;
      const receiver = read.optionalString(item.receiverArn, `${path}.receiverArn`) ?? read.optionalString(item.receiverAccountId, `${path}.receiverAccountId`);
      const status = read.string(item.status, `${path}.status`);
      if (!status || !INVITATION_STATUS.has(status)) return problems.add(`${path}.status`, 'status is PENDING, ACCEPTED, REJECTED or EXPIRED', 'InvalidParameterException');
      const principal = share.principals.find((p) => p.principal === receiver);
      if (!principal) return problems.add(path, `the invitation's receiver ${receiver ?? '(none)'} is not a principal of ${share.arn}`, 'UnknownResourceException');
      principal.invitationArn = invitationArn;
      principal.invitationStatus = status;
    });
    if (shares.size > 0) design.resourceShares = [...shares.values()];
    const customer = readCustomerPermissions(context);
    if (customer.length > 0) design.ramPermissions = customer;
  },
};

/** $.RamPermissions: each customer managed permission's versions in get-permission's shape. */
function readCustomerPermissions(context: Parameters<BundleSection['read']>[0]): InterchangeRamPermission[] {
  const { top, read, problems } = context;
  if (top.RamPermissions === undefined || top.RamPermissions === null) return [];
  const out: InterchangeRamPermission[] = [];
  for (const [arn, list] of Object.entries(read.object(top.RamPermissions, '$.RamPermissions') ?? {})) {
    const base = `$.RamPermissions["${arn}"]`;
    const parts = PERMISSION_ARN.exec(arn);
    if (!parts) {
      problems.add(base, `"${arn}" is not a customer managed permission ARN (arn:aws:ram:REGION:ACCOUNT:permission/NAME)`, 'MalformedArnException');
      continue;
    }
    let permission: InterchangeRamPermission | undefined;
    read.array(list, base).forEach((entry, i) => {
      const path = `${base}[${i}]`;
      const item = read.object(entry, path);
      if (!item) return;
      const resourceType = read.string(item.resourceType, `${path}.resourceType`);
      const template = read.string(item.permission, `${path}.permission`);
      const version = Number(item.version);
      if (!resourceType || template === undefined) return;
      if (!Number.isInteger(version) || version < 1) return problems.add(`${path}.version`, `"${String(item.version)}" is not a permission version`, 'InvalidParameterException');
      if (item.arn !== undefined && item.arn !== arn) return problems.add(`${path}.arn`, `the entry names ${String(item.arn)}, not ${arn}`, 'InvalidParameterException');
      const type = shareableType(resourceType);
      if (!type) return problems.add(`${path}.resourceType`, `${resourceType} is not a resource type AWS RAM can share`, 'InvalidParameterException');
      if (!type.customerManagedPermissions) return problems.add(`${path}.resourceType`, `${type.type} does not accept customer managed permissions (shareable.html)`, 'InvalidParameterException');
      const checked = readPermissionTemplate(template, type.type);
      if ('problems' in checked) return checked.problems.forEach((problem) => problems.add(`${path}.permission`, problem.message, problem.error));
      permission ??= { arn, name: parts[3], ownerAccountId: parts[2], region: parts[1], resourceType: type.type, defaultVersion: version, versions: [], tags: ramTags(item.tags, `${path}.tags`, context) };
      if (permission.resourceType !== type.type) return problems.add(`${path}.resourceType`, `every version of ${arn} applies to ${permission.resourceType}`, 'InvalidParameterException');
      if (permission.versions.some((v) => v.version === version)) return problems.add(`${path}.version`, `version ${version} of ${arn} is given twice`, 'InvalidParameterException');
      permission.versions.push({ version, policyTemplate: template });
      if (item.defaultVersion === true) permission.defaultVersion = version;
    });
    if (!permission) continue;
    permission.versions.sort((a, b) => a.version - b.version);
    if (!permission.versions.some((v) => v.version === permission!.defaultVersion)) permission.defaultVersion = permission.versions[permission.versions.length - 1].version;
    context.addExternalAccount(permission.ownerAccountId);
    out.push(permission);
  }
  return out;
}

function ramTags(value: unknown, path: string, context: Parameters<BundleSection['read']>[0]): { key: string; value: string }[] {
  const { read, problems } = context;
  const out: { key: string; value: string }[] = [];
  read.array(value, path).forEach((entry, i) => {
    const tag = read.object(entry, `${path}[${i}]`) as Json | undefined;
    if (!tag) return;
    if (typeof tag.key !== 'string' || typeof tag.value !== 'string') return problems.add(`${path}[${i}]`, 'a RAM tag is {"key", "value"} with strings', 'InvalidParameterException');
    if (out.some((t) => t.key === tag.key)) return problems.add(`${path}[${i}].key`, `tag key "${tag.key}" is given twice`, 'InvalidParameterException');
    out.push({ key: tag.key, value: tag.value });
  });
  return out;
}

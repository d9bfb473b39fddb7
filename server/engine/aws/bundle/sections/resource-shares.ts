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
// (docs.aws.amazon.com/cli/latest/reference/ram/ and the API reference's data types ResourceShare, Resource,
// ResourceShareAssociation, ResourceSharePermissionSummary, ResourceShareInvitation.)
import type { BundleSection } from '../context';
import { ACCOUNT_ID } from '../identifiers';
import type { InterchangeResourceShare } from '../model';
import type { Json } from '../shape-reader';
import { isSharePrincipalError, parseSharePrincipal } from '../../../ram/share-principals';
import { shareableTypeOfArn } from '../../../ram/shareable-resource-types';

const SHARE_ARN = /^arn:aws[\w-]*:ram:([a-z0-9-]+):(\d{12}):resource-share\/[\w-]+$/;
const SHARE_STATUS = new Set(['PENDING', 'ACTIVE', 'FAILED', 'DELETING', 'DELETED']);
const ASSOCIATION_STATUS = new Set(['ASSOCIATING', 'ASSOCIATED', 'FAILED', 'DISASSOCIATING', 'DISASSOCIATED']);
const INVITATION_STATUS = new Set(['PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED']);

/** RAM resource shares and their associations, permissions and invitations. */
export const resourceSharesSection: BundleSection = {
  keys: ['ResourceShares', 'ResourceShareResources', 'ResourceShareAssociations', 'ResourceSharePermissions', 'ResourceShareInvitations'],
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
  },
};

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

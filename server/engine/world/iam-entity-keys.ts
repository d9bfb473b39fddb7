// Condition keys IAM sets from the role or user a request acts on. Both resource types carry aws:ResourceTag/* and
// iam:ResourceTag/* (Service Authorization Reference, IAM resource types "role" and "user";
// IAM User Guide access_iam-tags.html#access_iam-tags_control-resources). iam:PermissionsBoundary names the entity's
// current boundary on the calls that change or read an existing role or user: access_policies_boundaries.html lets
// the delegated administrator "manage permissions policies for users with this permissions boundary set" through
// iam:AttachUserPolicy, iam:PutUserPolicy, ... conditioned on it. On CreateRole, CreateUser and
// Put{Role,User}PermissionsBoundary the key is the boundary the request sets instead, a value only the caller knows.

import type { ContextEntry, IamRole, IamUser, Tag } from '../types';

/**
 * Lower-cased IAM actions whose iam:PermissionsBoundary is the target role's or user's current boundary: every action
 * the Service Authorization Reference lists with the key, except the four that set a new boundary.
 */
const CURRENT_BOUNDARY_ACTIONS: ReadonlySet<string> = new Set([
  'iam:attachrolepolicy', 'iam:attachuserpolicy', 'iam:deleterole', 'iam:deleterolepermissionsboundary',
  'iam:deleterolepolicy', 'iam:deleteuserpermissionsboundary', 'iam:deleteuserpolicy', 'iam:detachrolepolicy',
  'iam:detachuserpolicy', 'iam:getrole', 'iam:putrolepolicy', 'iam:putuserpolicy', 'iam:updateassumerolepolicy',
  'iam:updaterole', 'iam:updateroledescription',
]);

/** The lower-cased iam:PermissionsBoundary key. */
export const PERMISSIONS_BOUNDARY_KEY = 'iam:permissionsboundary';

/** An IAM role or user as the resource of a request. */
export type IamEntity = IamRole | IamUser;

/** True when the (lower-cased) action reads iam:PermissionsBoundary from the role or user it acts on. */
export function readsCurrentBoundary(actionLower: string): boolean {
  return CURRENT_BOUNDARY_ACTIONS.has(actionLower);
}

/**
 * The request keys of a resource's tags: aws:ResourceTag/* for every tagged resource, and iam:ResourceTag/* as well
 * when it is an IAM role or user. One entry per key.
 */
export function resourceTagEntries(tags: readonly Tag[], iamEntity: boolean): ContextEntry[] {
  const entries: ContextEntry[] = [];
  for (const tag of tags) {
    entries.push({ key: `aws:ResourceTag/${tag.key}`, values: [tag.value], type: 'string' });
    if (iamEntity) entries.push({ key: `iam:ResourceTag/${tag.key}`, values: [tag.value], type: 'string' });
  }
  return entries;
}

/** The iam:PermissionsBoundary entry of a call on the entity; undefined when it has no boundary (AWS leaves the key out). */
export function currentBoundaryEntry(entity: IamEntity): ContextEntry | undefined {
  const boundary = entity.permissionsBoundaryArn;
  return boundary === undefined ? undefined : { key: 'iam:PermissionsBoundary', values: [boundary], type: 'string' };
}

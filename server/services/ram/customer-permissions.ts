import 'server-only';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import * as orgQueries from '../../db/org-mutations-queries';
import * as ramQueries from '../../db/ram-queries';
import { tagsToJson } from '../../db/json-values';
import { readPermissionTemplate } from '../../engine/ram/customer-permissions';
import { shareableType } from '../../engine/ram/shareable-resource-types';
import { RAM_QUOTAS_DOC } from '../../engine/quotas';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import { ramError } from './ram-errors';
import { DEFAULT_SHARE_REGION } from './resource-shares';

// Customer managed permissions (API reference: CreatePermission, CreatePermissionVersion, SetDefaultPermissionVersion,
// DeletePermission; create-customer-managed-permissions.html), each one recorded edit of the design.
//   - only for the types shareable.html marks "Can use customer managed permissions" (InvalidParameterException);
//   - the template's rules are the engine's readPermissionTemplate (MalformedPolicyTemplateException, InvalidPolicyException);
//   - the name is unique in the account and Region (PermissionAlreadyExistsException);
//   - service-quotas.md: 1,500 per account and Region, 10 per resource type (PermissionLimitExceededException), 5 versions
//     (PermissionVersionsLimitExceededException: "If the specified customer managed permission already has the maximum
//     of 5 versions, then you must delete one of the existing versions before you can create a new one");
//   - CreatePermissionVersion: "The new version is automatically set as the default version … Existing resource shares
//     continue to use their original permission versions"; SetDefaultPermissionVersion moves the default the same way.

const NAME = /^[\w-]{1,36}$/;

function checkedTemplate(template: string, resourceType: string) {
  const read = readPermissionTemplate(template, resourceType);
  if ('problems' in read) {
    const [first] = read.problems;
    throw ramError(first.error, read.problems.map((p) => p.message).join(' '));
  }
}

async function requirePermission(scope: OperationScope, arn: string): Promise<ramQueries.RamCustomerPermissionDto> {
  const permission = await ramQueries.findCustomerPermission(scope.db, scope.context.designId, arn);
  if (!permission) throw ramError('UnknownResourceException', `There is no customer managed permission ${arn} in this design.`);
  return permission;
}

/** CreatePermission: a customer managed permission of an account, version 1 as its default. */
export async function createPermission(
  db: Db,
  input: MutationBase & { ownerAccountId: string; name: string; resourceType: string; policyTemplate: string; region?: string; tags?: TagDto[] },
) {
  return runMutation(db, 'createPermission', input, async (scope) => {
    const owner = await orgQueries.findAccount(scope.db, scope.context.designId, input.ownerAccountId);
    if (!owner) throw ramError('UnknownResourceException', `There is no account "${input.ownerAccountId}" in this design.`);
    if (!NAME.test(input.name)) throw ramError('InvalidParameterException', `"${input.name}" is not a permission name: up to 36 letters, digits, hyphens and underscores.`);
    const type = shareableType(input.resourceType);
    if (!type) throw ramError('InvalidParameterException', `${input.resourceType} is not a resource type AWS RAM can share.`);
    if (!type.customerManagedPermissions) {
      throw ramError('InvalidParameterException', `${type.type} does not accept customer managed permissions: only its AWS managed permission applies (shareable.html, "Can use customer managed permissions": No).`);
    }
    checkedTemplate(input.policyTemplate, type.type);
    const region = input.region ?? DEFAULT_SHARE_REGION;
    const arn = `arn:aws:ram:${region}:${owner.accountId}:permission/${input.name}`;
    const existing = (await ramQueries.listCustomerPermissions(scope.db, scope.context.designId)).filter((p) => p.owner.id === owner.id && p.region === region);
    if (existing.some((p) => p.arn === arn)) throw ramError('PermissionAlreadyExistsException', `Account ${owner.accountId} already has a customer managed permission named ${input.name} in ${region}.`);
    if (existing.length >= scope.quotas.ram.maxCustomerManagedPermissions) {
      throw ramError('PermissionLimitExceededException', `Account ${owner.accountId} has ${existing.length} customer managed permissions in ${region}, its quota (${RAM_QUOTAS_DOC}).`);
    }
    if (existing.filter((p) => p.resourceType === type.type).length >= scope.quotas.ram.maxCustomerManagedPermissionsPerResourceType) {
      throw ramError('PermissionLimitExceededException', `Account ${owner.accountId} has ${scope.quotas.ram.maxCustomerManagedPermissionsPerResourceType} customer managed permissions for ${type.type}, the quota per resource type (${RAM_QUOTAS_DOC}).`);
    }
    await scope.writer.create('ramCustomerPermission', {
      ownerAccountId: owner.id, arn, name: input.name, region, resourceType: type.type, defaultVersion: 1,
      versions: [{ version: 1, policyTemplate: input.policyTemplate, createdAt: new Date().toISOString() }],
      tags: tagsToJson(input.tags ?? []),
    });
    return { permissionArn: arn, version: 1 };
  });
}

/** CreatePermissionVersion: a new version, which becomes the default; shares keep the version they have. */
export async function createPermissionVersion(db: Db, input: MutationBase & { permissionArn: string; policyTemplate: string }) {
  return runMutation(db, 'createPermissionVersion', input, async (scope) => {
    const permission = await requirePermission(scope, input.permissionArn);
    if (permission.versions.length >= scope.quotas.ram.maxVersionsPerCustomerManagedPermission) {
      throw ramError('PermissionVersionsLimitExceededException', `${permission.name} already has ${permission.versions.length} versions, the maximum: delete one before creating another (${RAM_QUOTAS_DOC}).`);
    }
    checkedTemplate(input.policyTemplate, permission.resourceType);
    const version = Math.max(...permission.versions.map((v) => v.version)) + 1;
    await scope.writer.update('ramCustomerPermission', permission.id, {
      versions: [...permission.versions, { version, policyTemplate: input.policyTemplate, createdAt: new Date().toISOString() }],
      defaultVersion: version,
    });
    return { permissionArn: permission.arn, version };
  });
}

/** SetDefaultPermissionVersion: which version new shares get. */
export async function setDefaultPermissionVersion(db: Db, input: MutationBase & { permissionArn: string; permissionVersion: number }) {
  return runMutation(db, 'setDefaultPermissionVersion', input, async (scope) => {
    const permission = await requirePermission(scope, input.permissionArn);
    if (!permission.versions.some((v) => v.version === input.permissionVersion)) {
      throw ramError('InvalidParameterException', `${permission.name} has no version ${input.permissionVersion} (versions: ${permission.versions.map((v) => v.version).join(', ')}).`);
    }
    if (permission.defaultVersion !== input.permissionVersion) await scope.writer.update('ramCustomerPermission', permission.id, { defaultVersion: input.permissionVersion });
    return { permissionArn: permission.arn, version: input.permissionVersion };
  });
}

/** DeletePermission: refused while a share uses it (OperationNotPermittedException), as RAM refuses it. */
export async function deletePermission(db: Db, input: MutationBase & { permissionArn: string }) {
  return runMutation(db, 'deletePermission', input, async (scope) => {
    const permission = await requirePermission(scope, input.permissionArn);
    const users = (await ramQueries.listResourceShares(scope.db, scope.context.designId)).filter((share) => share.permissions.some((p) => p.permissionArn === permission.arn));
    if (users.length > 0) {
      throw ramError('OperationNotPermittedException', `${permission.name} is used by ${users.map((s) => s.name).join(', ')}: replace it there before deleting it.`);
    }
    await scope.writer.delete('ramCustomerPermission', permission.id);
    return { permissionArn: permission.arn, returnValue: true };
  });
}

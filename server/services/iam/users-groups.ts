import 'server-only';
import { newIamUniqueId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import * as iamQueries from '../../db/iam-queries';
import { tagsToJson } from '../../db/json-values';
import { membershipId } from '../../db/org-mutations';
import type { IamEditResult } from '../../schemas/iam';
import { runMutation } from '../organizations/mutation';
import {
  deleteConflict,
  entityAlreadyExists,
  iamEntityArn,
  limitExceeded,
  mergeIamTags,
  noSuchEntity,
  requireCustomerPath,
  requireGroup,
  requireIamAccount,
  requireUser,
} from './common';
import { requireAttachablePolicy } from './managed-policy-refs';
import type { IamEditBase } from './roles';

// CreateUser, UpdateUser, DeleteUser, CreateGroup, UpdateGroup, DeleteGroup, AddUserToGroup and
// RemoveUserFromGroup (IAM API reference). Names are unique in the account whatever their case
// (reference_iam-quotas.html); renaming keeps the user's or group's unique id, as UpdateUser/UpdateGroup do.

const userResult = (accountId: string, path: string, name: string) => ({ type: 'user' as const, name, arn: iamEntityArn(accountId, 'user', path, name) });
const groupResult = (accountId: string, path: string, name: string) => ({ type: 'group' as const, name, arn: iamEntityArn(accountId, 'group', path, name) });

/** CreateUser: a user with an optional path, permissions boundary and tags. */
export async function createUser(
  db: Db,
  input: IamEditBase & { userName: string; path?: string; permissionsBoundary?: string; tags?: TagDto[] },
): Promise<IamEditResult> {
  return runMutation(db, 'createUser', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const path = input.path ?? '/';
    requireCustomerPath(path);
    const existing = await iamQueries.findUserByName(scope.db, account.id, input.userName);
    if (existing) throw entityAlreadyExists(`User with name ${existing.name} already exists in account ${account.accountId}.`);
    const { users } = await iamQueries.countAccountIam(scope.db, account.id);
    if (users >= scope.quotas.iam.maxUsersPerAccount) throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${scope.quotas.iam.maxUsersPerAccount}.`);
    const tags = mergeIamTags([], input.tags ?? [], scope.quotas);
    const boundary = input.permissionsBoundary ? await requireAttachablePolicy(scope, account, input.permissionsBoundary) : null;
    await scope.writer.create('iamUser', {
      accountId: account.id, name: input.userName, path, userId: newIamUniqueId('AIDA'), boundaryPolicyId: boundary?.id ?? null, tags: tagsToJson(tags),
    });
    return { entity: userResult(account.accountId, path, input.userName), warnings: [] };
  });
}

/** UpdateUser: a new name and/or path. */
export async function updateUser(db: Db, input: IamEditBase & { userName: string; newUserName?: string; newPath?: string }): Promise<IamEditResult> {
  return runMutation(db, 'updateUser', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const user = await requireUser(scope, account, input.userName);
    if (input.newUserName !== undefined) {
      const clash = await iamQueries.findUserByName(scope.db, account.id, input.newUserName);
      if (clash && clash.id !== user.id) throw entityAlreadyExists(`User with name ${clash.name} already exists in account ${account.accountId}.`);
    }
    if (input.newPath !== undefined) requireCustomerPath(input.newPath);
    const name = input.newUserName ?? user.name;
    const path = input.newPath ?? user.path;
    await scope.writer.update('iamUser', user.id, { name, path });
    return { entity: userResult(account.accountId, path, name), warnings: [] };
  });
}

/**
 * DeleteUser: AWS refuses while the user is in groups or has managed or inline policies (DeleteConflict);
 * access keys, passwords, MFA devices and certificates are not modelled by the designer.
 */
export async function deleteUser(db: Db, input: IamEditBase & { userName: string }): Promise<IamEditResult> {
  return runMutation(db, 'deleteUser', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const user = await requireUser(scope, account, input.userName);
    const [attached, inline, memberships] = await Promise.all([
      iamQueries.listPrincipalAttachments(scope.db, 'userId', user.id),
      iamQueries.listInlinePolicies(scope.db, 'userId', user.id),
      iamQueries.listMemberships(scope.db, { userId: user.id }),
    ]);
    if (memberships.length > 0) throw deleteConflict(`Cannot delete entity, must remove users from group first: user ${user.name} is in ${memberships.length} group(s).`);
    if (attached.length > 0) throw deleteConflict(`Cannot delete entity, must detach all policies first: user ${user.name} has ${attached.length} managed policies attached.`);
    if (inline.length > 0) throw deleteConflict(`Cannot delete entity, must delete policies first: user ${user.name} has inline policies ${inline.map((p) => p.name).join(', ')}.`);
    await scope.writer.delete('iamUser', user.id);
    return { entity: userResult(account.accountId, user.path, user.name), warnings: [] };
  });
}

/** CreateGroup: a group with an optional path (groups cannot be tagged in IAM). */
export async function createGroup(db: Db, input: IamEditBase & { groupName: string; path?: string }): Promise<IamEditResult> {
  return runMutation(db, 'createGroup', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const path = input.path ?? '/';
    requireCustomerPath(path);
    const existing = await iamQueries.findGroupByName(scope.db, account.id, input.groupName);
    if (existing) throw entityAlreadyExists(`Group with name ${existing.name} already exists in account ${account.accountId}.`);
    const { groups } = await iamQueries.countAccountIam(scope.db, account.id);
    if (groups >= scope.quotas.iam.maxGroupsPerAccount) throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${scope.quotas.iam.maxGroupsPerAccount}.`);
    await scope.writer.create('iamGroup', { accountId: account.id, name: input.groupName, path, groupId: newIamUniqueId('AGPA') });
    return { entity: groupResult(account.accountId, path, input.groupName), warnings: [] };
  });
}

/** UpdateGroup: a new name and/or path. */
export async function updateGroup(db: Db, input: IamEditBase & { groupName: string; newGroupName?: string; newPath?: string }): Promise<IamEditResult> {
  return runMutation(db, 'updateGroup', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const group = await requireGroup(scope, account, input.groupName);
    if (input.newGroupName !== undefined) {
      const clash = await iamQueries.findGroupByName(scope.db, account.id, input.newGroupName);
      if (clash && clash.id !== group.id) throw entityAlreadyExists(`Group with name ${clash.name} already exists in account ${account.accountId}.`);
    }
    if (input.newPath !== undefined) requireCustomerPath(input.newPath);
    const name = input.newGroupName ?? group.name;
    const path = input.newPath ?? group.path;
    await scope.writer.update('iamGroup', group.id, { name, path });
    return { entity: groupResult(account.accountId, path, name), warnings: [] };
  });
}

/** DeleteGroup: AWS refuses while the group has members or managed or inline policies (DeleteConflict). */
export async function deleteGroup(db: Db, input: IamEditBase & { groupName: string }): Promise<IamEditResult> {
  return runMutation(db, 'deleteGroup', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const group = await requireGroup(scope, account, input.groupName);
    const [attached, inline, members] = await Promise.all([
      iamQueries.listPrincipalAttachments(scope.db, 'groupId', group.id),
      iamQueries.listInlinePolicies(scope.db, 'groupId', group.id),
      iamQueries.listMemberships(scope.db, { groupId: group.id }),
    ]);
    if (members.length > 0) throw deleteConflict(`Cannot delete entity, must remove users from group first: group ${group.name} has ${members.length} member(s).`);
    if (attached.length > 0) throw deleteConflict(`Cannot delete entity, must detach all policies first: group ${group.name} has ${attached.length} managed policies attached.`);
    if (inline.length > 0) throw deleteConflict(`Cannot delete entity, must delete policies first: group ${group.name} has inline policies ${inline.map((p) => p.name).join(', ')}.`);
    await scope.writer.delete('iamGroup', group.id);
    return { entity: groupResult(account.accountId, group.path, group.name), warnings: [] };
  });
}

/** AddUserToGroup: idempotent as in AWS; a user belongs to at most GroupsPerUser groups (LimitExceeded). */
export async function addUserToGroup(db: Db, input: IamEditBase & { groupName: string; userName: string }): Promise<IamEditResult> {
  return runMutation(db, 'addUserToGroup', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const group = await requireGroup(scope, account, input.groupName);
    const user = await requireUser(scope, account, input.userName);
    const memberships = await iamQueries.listMemberships(scope.db, { userId: user.id });
    if (!memberships.some((m) => m.groupId === group.id)) {
      const max = scope.quotas.iam.maxGroupsPerUser;
      if (memberships.length >= max) throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${max} (user ${user.name} is already in ${memberships.length} groups).`);
      await scope.writer.create('iamGroupMembership', { groupId: group.id, userId: user.id });
    }
    return { entity: groupResult(account.accountId, group.path, group.name), warnings: [] };
  });
}

/** RemoveUserFromGroup: NoSuchEntity when the user is not a member. */
export async function removeUserFromGroup(db: Db, input: IamEditBase & { groupName: string; userName: string }): Promise<IamEditResult> {
  return runMutation(db, 'removeUserFromGroup', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const group = await requireGroup(scope, account, input.groupName);
    const user = await requireUser(scope, account, input.userName);
    const memberships = await iamQueries.listMemberships(scope.db, { userId: user.id });
    if (!memberships.some((m) => m.groupId === group.id)) throw noSuchEntity(`User ${user.name} is not in group ${group.name}.`);
    await scope.writer.delete('iamGroupMembership', membershipId(group.id, user.id));
    return { entity: groupResult(account.accountId, group.path, group.name), warnings: [] };
  });
}

import 'server-only';
import { newIdentityStoreId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import * as icQueries from '../../db/identity-center';
import type { IdentityCenterEditResult } from '../../schemas/identity-center';
import { runMutation, type MutationBase } from '../organizations/mutation';
import { conflictException, requireInstance, resourceNotFound, validationException } from './common';
import type { OperationScope } from '../organizations/mutation';
import type { IdentityCenterInstanceRowDto } from '../../db/identity-center';

// The identity store's users, groups and memberships (identitystore API: CreateUser, DeleteUser, CreateGroup,
// DeleteGroup, CreateGroupMembership, DeleteGroupMembership). Names are unique in the store whatever their case
// (ConflictException with reason UNIQUENESS_CONSTRAINT_VIOLATION). Deleting a user or a group removes its
// memberships and its account assignments with it.

/** UserNames the identity store reserves (CreateUser UserName: "Administrator" and "AWSAdministrators"). */
const RESERVED_USER_NAMES = new Set(['administrator', 'awsadministrators']);

async function requireUser(scope: OperationScope, instance: IdentityCenterInstanceRowDto, ref: string) {
  const user = await icQueries.findUser(scope.db, instance.id, ref);
  if (!user) throw resourceNotFound(`User ${ref} does not exist in identity store ${instance.identityStoreId}.`);
  return user;
}

async function requireGroup(scope: OperationScope, instance: IdentityCenterInstanceRowDto, ref: string) {
  const group = await icQueries.findGroup(scope.db, instance.id, ref);
  if (!group) throw resourceNotFound(`Group ${ref} does not exist in identity store ${instance.identityStoreId}.`);
  return group;
}

/** CreateUser: a user of the identity store. */
export async function createIdentityStoreUser(
  db: Db, input: MutationBase & { userName: string; displayName: string; givenName?: string; familyName?: string; email?: string },
): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'createIdentityStoreUser', input, async (scope) => {
    const instance = await requireInstance(scope);
    if (RESERVED_USER_NAMES.has(input.userName.toLowerCase())) throw validationException(`The user name ${input.userName} is reserved by the identity store.`);
    const existing = await icQueries.findUser(scope.db, instance.id, input.userName);
    if (existing && existing.userName.toLowerCase() === input.userName.toLowerCase()) {
      throw conflictException(`A user named ${existing.userName} already exists in identity store ${instance.identityStoreId}.`, 'UNIQUENESS_CONSTRAINT_VIOLATION');
    }
    const userId = newIdentityStoreId();
    await scope.writer.create('identityStoreUser', {
      instanceId: instance.id, userId, userName: input.userName, displayName: input.displayName,
      givenName: input.givenName ?? '', familyName: input.familyName ?? '', email: input.email || null,
    });
    return { entity: { type: 'user' as const, id: userId, name: input.userName }, warnings: [] };
  });
}

/** DeleteUser: the user, its memberships and its account assignments. */
export async function deleteIdentityStoreUser(db: Db, input: MutationBase & { userId: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'deleteIdentityStoreUser', input, async (scope) => {
    const instance = await requireInstance(scope);
    const user = await requireUser(scope, instance, input.userId);
    const { membershipIds, assignmentIds } = await icQueries.listPrincipalDependents(scope.db, { userRowId: user.id });
    // Recorded with the user, so undo restores them together.
    await scope.writer.deleteMany('accountAssignment', assignmentIds);
    await scope.writer.deleteMany('identityStoreGroupMembership', membershipIds);
    await scope.writer.delete('identityStoreUser', user.id);
    return { entity: { type: 'user' as const, id: user.userId, name: user.userName }, warnings: [] };
  });
}

/** CreateGroup: a group of the identity store. */
export async function createIdentityStoreGroup(db: Db, input: MutationBase & { displayName: string; description?: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'createIdentityStoreGroup', input, async (scope) => {
    const instance = await requireInstance(scope);
    const existing = await icQueries.findGroup(scope.db, instance.id, input.displayName);
    if (existing && existing.displayName.toLowerCase() === input.displayName.toLowerCase()) {
      throw conflictException(`A group named ${existing.displayName} already exists in identity store ${instance.identityStoreId}.`, 'UNIQUENESS_CONSTRAINT_VIOLATION');
    }
    const groupId = newIdentityStoreId();
    await scope.writer.create('identityStoreGroup', { instanceId: instance.id, groupId, displayName: input.displayName, description: input.description ?? '' });
    return { entity: { type: 'group' as const, id: groupId, name: input.displayName }, warnings: [] };
  });
}

/** DeleteGroup: the group, its memberships and its account assignments. */
export async function deleteIdentityStoreGroup(db: Db, input: MutationBase & { groupId: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'deleteIdentityStoreGroup', input, async (scope) => {
    const instance = await requireInstance(scope);
    const group = await requireGroup(scope, instance, input.groupId);
    const { membershipIds, assignmentIds } = await icQueries.listPrincipalDependents(scope.db, { groupRowId: group.id });
    await scope.writer.deleteMany('accountAssignment', assignmentIds);
    await scope.writer.deleteMany('identityStoreGroupMembership', membershipIds);
    await scope.writer.delete('identityStoreGroup', group.id);
    return { entity: { type: 'group' as const, id: group.groupId, name: group.displayName }, warnings: [] };
  });
}

/** CreateGroupMembership: the user joins the group (ConflictException when already a member). */
export async function createGroupMembership(db: Db, input: MutationBase & { groupId: string; userId: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'createGroupMembership', input, async (scope) => {
    const instance = await requireInstance(scope);
    const group = await requireGroup(scope, instance, input.groupId);
    const user = await requireUser(scope, instance, input.userId);
    if (await icQueries.findMembership(scope.db, group.id, user.id)) {
      throw conflictException(`User ${user.userName} is already a member of group ${group.displayName}.`, 'UNIQUENESS_CONSTRAINT_VIOLATION');
    }
    const membershipId = newIdentityStoreId();
    await scope.writer.create('identityStoreGroupMembership', { membershipId, groupId: group.id, userId: user.id });
    return { entity: { type: 'membership' as const, id: membershipId, name: `${user.userName} in ${group.displayName}` }, warnings: [] };
  });
}

/** DeleteGroupMembership: the user leaves the group. */
export async function deleteGroupMembership(db: Db, input: MutationBase & { groupId: string; userId: string }): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'deleteGroupMembership', input, async (scope) => {
    const instance = await requireInstance(scope);
    const group = await requireGroup(scope, instance, input.groupId);
    const user = await requireUser(scope, instance, input.userId);
    const membership = await icQueries.findMembership(scope.db, group.id, user.id);
    if (!membership) throw resourceNotFound(`User ${user.userName} is not a member of group ${group.displayName}.`);
    await scope.writer.delete('identityStoreGroupMembership', membership.id);
    return { entity: { type: 'membership' as const, id: membership.membershipId, name: `${user.userName} in ${group.displayName}` }, warnings: [] };
  });
}

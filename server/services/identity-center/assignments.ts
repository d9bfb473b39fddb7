import 'server-only';
import type { Db } from '../../db/client';
import * as icQueries from '../../db/identity-center';
import * as queries from '../../db/org-mutations-queries';
import type { IdentityCenterEditResult } from '../../schemas/identity-center';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import type { IdentityCenterInstanceRowDto } from '../../db/identity-center';
import {
  conflictException,
  requireInstance,
  requirePermissionSet,
  resourceNotFound,
  serviceQuotaExceeded,
  validationException,
} from './common';

// CreateAccountAssignment and DeleteAccountAssignment (TargetType AWS_ACCOUNT). The role the assignment needs in
// the account is not written here: it is derived from the assignments whenever the World is built
// (server/engine/identity-center/reserved-roles.ts), as IAM Identity Center creates it with the first assignment of a
// permission set to an account and deletes it with the last.

type AssignmentInput = MutationBase & { permissionSetArn: string; targetId: string; principalType: 'USER' | 'GROUP'; principalId: string };

async function resolveAssignment(scope: OperationScope, instance: IdentityCenterInstanceRowDto, input: AssignmentInput) {
  const permissionSet = await requirePermissionSet(scope, instance, input.permissionSetArn);
  const account = await queries.findAccount(scope.db, scope.context.designId, input.targetId);
  if (!account) throw resourceNotFound(`Account ${input.targetId} is not in this design.`);
  if (!account.parentRootId && !account.parentOuId) {
    throw validationException(`Account ${account.accountId} is not a member of the organization: the organization instance assigns access to member accounts only.`);
  }
  const principal =
    input.principalType === 'USER'
      ? await icQueries.findUser(scope.db, instance.id, input.principalId).then((u) => u && { column: 'userId' as const, rowId: u.id, awsId: u.userId, name: u.userName })
      : await icQueries.findGroup(scope.db, instance.id, input.principalId).then((g) => g && { column: 'groupId' as const, rowId: g.id, awsId: g.groupId, name: g.displayName });
  if (!principal) throw resourceNotFound(`${input.principalType === 'USER' ? 'User' : 'Group'} ${input.principalId} does not exist in identity store ${instance.identityStoreId}.`);
  const existing = await icQueries.findAssignmentRow(scope.db, permissionSet.id, account.id, principal);
  const entity = {
    type: 'assignment' as const,
    id: `${permissionSet.permissionSetArn}|${account.accountId}|${input.principalType}:${principal.awsId}`,
    name: `${permissionSet.name} for ${principal.name} in ${account.accountId}`,
  };
  return { permissionSet, account, principal, existing, entity };
}

/** CreateAccountAssignment: a permission set for a user or group in a member account. */
export async function createAccountAssignment(db: Db, input: AssignmentInput): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'createAccountAssignment', input, async (scope) => {
    const instance = await requireInstance(scope);
    const { permissionSet, account, principal, existing, entity } = await resolveAssignment(scope, instance, input);
    if (existing) throw conflictException(`${entity.name}: the assignment already exists.`);
    const provisioned = await icQueries.listProvisionedPermissionSetIds(scope.db, account.id);
    const quota = scope.quotas.identityCenter.maxProvisionedPermissionSetsPerAccount;
    if (!provisioned.includes(permissionSet.id) && provisioned.length >= quota) {
      throw serviceQuotaExceeded('Number of provisioned permission sets allowed per AWS account', quota);
    }
    await scope.writer.create('accountAssignment', {
      permissionSetId: permissionSet.id,
      accountId: account.id,
      principalType: input.principalType,
      [principal.column]: principal.rowId,
    });
    return { entity, warnings: [] };
  });
}

/** DeleteAccountAssignment: the last assignment of a permission set to an account removes its role there. */
export async function deleteAccountAssignment(db: Db, input: AssignmentInput): Promise<IdentityCenterEditResult> {
  return runMutation(db, 'deleteAccountAssignment', input, async (scope) => {
    const instance = await requireInstance(scope);
    const { existing, entity } = await resolveAssignment(scope, instance, input);
    if (!existing) throw resourceNotFound(`${entity.name}: there is no such assignment.`);
    await scope.writer.delete('accountAssignment', existing.id);
    return { entity, warnings: [] };
  });
}

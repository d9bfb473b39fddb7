import 'server-only';
import { newIamUniqueId } from '../../db/aws-identifiers';
import type { Db } from '../../db/client';
import type { TagDto } from '../../db/dto';
import * as iamQueries from '../../db/iam-queries';
import { tagsToJson } from '../../db/json-values';
import type { IamEditResult } from '../../schemas/iam';
import type { AccountRowDto } from '../../db/org-mutations-queries';
import { runMutation, type MutationBase, type OperationScope } from '../organizations/mutation';
import {
  deleteConflict,
  entityAlreadyExists,
  iamEntityArn,
  limitExceeded,
  mergeIamTags,
  requireCustomerPath,
  requireIamAccount,
  requireModifiableRole,
  requireRole,
  requireValidIamDocument,
} from './common';
import { requireAttachablePolicy } from './managed-policy-refs';

// CreateRole, UpdateRole, UpdateAssumeRolePolicy and DeleteRole (IAM API reference, API_<Action>.html). The trust
// policy is checked by the engine as a TRUST document against the design's trust policy length quota (2,048
// characters by default, whitespace not counted). AWS cannot rename a role or change its path: both are fixed at
// creation, as here.

/** Input of every IAM edit: the design, its revision, and the account (row id or 12-digit id). */
export type IamEditBase = MutationBase & { accountId: string };

/** CreateRole: a role with its trust policy, optional path, description, maximum session, boundary and tags. */
export async function createRole(
  db: Db,
  input: IamEditBase & CreateRoleInput,
): Promise<IamEditResult> {
  return runMutation(db, 'createRole', input, async (scope) => createRoleIn(scope, await requireIamAccount(scope, input.accountId), input));
}

/** What CreateRole takes besides the account. */
export interface CreateRoleInput {
  roleName: string; path?: string; description?: string; assumeRolePolicyDocument: string; maxSessionDuration?: number;
  permissionsBoundary?: string; tags?: TagDto[];
}

/** CreateRole's work inside an edit already running (Control Tower creates AWSControlTowerExecution in enrolled accounts). */
export async function createRoleIn(scope: OperationScope, account: AccountRowDto, input: CreateRoleInput): Promise<Omit<IamEditResult, 'revision'>> {
  const path = input.path ?? '/';
  requireCustomerPath(path);
  const existing = await iamQueries.findRoleByName(scope.db, account.id, input.roleName);
  if (existing) throw entityAlreadyExists(`Role with name ${existing.name} already exists in account ${account.accountId}.`);
  const { roles } = await iamQueries.countAccountIam(scope.db, account.id);
  if (roles >= scope.quotas.iam.maxRolesPerAccount) throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${scope.quotas.iam.maxRolesPerAccount}.`);
  const warnings = requireValidIamDocument('trust', input.assumeRolePolicyDocument, scope.quotas);
  const tags = mergeIamTags([], input.tags ?? [], scope.quotas);
  const boundary = input.permissionsBoundary ? await requireAttachablePolicy(scope, account, input.permissionsBoundary) : null;
  await scope.writer.create('iamRole', {
    accountId: account.id,
    name: input.roleName,
    path,
    roleId: newIamUniqueId('AROA'),
    // IAM sets CreateDate when the role is created (RoleDetail.CreateDate); export writes it.
    createDate: new Date(),
    description: input.description ?? '',
    trustPolicy: input.assumeRolePolicyDocument,
    maxSessionDuration: input.maxSessionDuration ?? 3600,
    boundaryPolicyId: boundary?.id ?? null,
    tags: tagsToJson(tags),
  });
  return { entity: { type: 'role' as const, name: input.roleName, arn: iamEntityArn(account.accountId, 'role', path, input.roleName) }, warnings };
}

/** UpdateRole: the description and the maximum session duration (the fields AWS lets change). */
export async function updateRole(db: Db, input: IamEditBase & { roleName: string; description?: string; maxSessionDuration?: number }): Promise<IamEditResult> {
  return runMutation(db, 'updateRole', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const role = await requireRole(scope, account, input.roleName);
    requireModifiableRole(role);
    await scope.writer.update('iamRole', role.id, {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.maxSessionDuration !== undefined ? { maxSessionDuration: input.maxSessionDuration } : {}),
    });
    return { entity: { type: 'role' as const, name: role.name, arn: iamEntityArn(account.accountId, 'role', role.path, role.name) }, warnings: [] };
  });
}

/** UpdateAssumeRolePolicy: replaces the trust policy, checked as a TRUST document. */
export async function updateAssumeRolePolicy(db: Db, input: IamEditBase & { roleName: string; policyDocument: string }): Promise<IamEditResult> {
  return runMutation(db, 'updateAssumeRolePolicy', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const role = await requireRole(scope, account, input.roleName);
    requireModifiableRole(role);
    const warnings = requireValidIamDocument('trust', input.policyDocument, scope.quotas);
    await scope.writer.update('iamRole', role.id, { trustPolicy: input.policyDocument });
    return { entity: { type: 'role' as const, name: role.name, arn: iamEntityArn(account.accountId, 'role', role.path, role.name) }, warnings };
  });
}

/**
 * DeleteRole: AWS refuses while the role still has managed policies attached or inline policies
 * (DeleteConflict, "Cannot delete entity, must detach all policies first"); service-linked roles are deleted
 * by their service only (UnmodifiableEntity). The permissions boundary goes with the role.
 */
export async function deleteRole(db: Db, input: IamEditBase & { roleName: string }): Promise<IamEditResult> {
  return runMutation(db, 'deleteRole', input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const role = await requireRole(scope, account, input.roleName);
    requireModifiableRole(role);
    const [attached, inline] = await Promise.all([
      iamQueries.listPrincipalAttachments(scope.db, 'roleId', role.id),
      iamQueries.listInlinePolicies(scope.db, 'roleId', role.id),
    ]);
    if (attached.length > 0) throw deleteConflict(`Cannot delete entity, must detach all policies first: role ${role.name} has ${attached.length} managed polic${attached.length === 1 ? 'y' : 'ies'} attached.`);
    if (inline.length > 0) throw deleteConflict(`Cannot delete entity, must delete policies first: role ${role.name} has inline policies ${inline.map((p) => p.name).join(', ')}.`);
    await scope.writer.delete('iamRole', role.id);
    return { entity: { type: 'role' as const, name: role.name, arn: iamEntityArn(account.accountId, 'role', role.path, role.name) }, warnings: [] };
  });
}

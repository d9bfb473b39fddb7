import 'server-only';
import type { Db } from '../../db/client';
import * as iamQueries from '../../db/iam-queries';
import type { IamDocumentKind, IamEditResult, IamPrincipalType } from '../../schemas/iam';
import { runMutation, type EffectiveQuotas } from '../organizations/mutation';
import { iamPolicySize, limitExceeded, noSuchEntity, requireIamAccount, requirePrincipal, requireValidIamDocument, type ResolvedPrincipal } from './common';
import { requireAttachablePolicy } from './managed-policy-refs';
import type { IamEditBase } from './roles';

// What a role, user or group is given: managed policies (AttachRolePolicy / AttachUserPolicy /
// AttachGroupPolicy and their Detach*), inline policies (PutRolePolicy / PutUserPolicy / PutGroupPolicy, which
// create or replace, and Delete*Policy), and for roles and users a permissions boundary
// (PutRolePermissionsBoundary / PutUserPermissionsBoundary and Delete*PermissionsBoundary). IAM API reference,
// API_<Action>.html; quotas from reference_iam-quotas.html.

const TYPE_WORD: Record<IamPrincipalType, 'Role' | 'User' | 'Group'> = { role: 'Role', user: 'User', group: 'Group' };
const INLINE_KIND: Record<IamPrincipalType, IamDocumentKind> = { role: 'role-inline', user: 'user-inline', group: 'group-inline' };
const INLINE_QUOTA = { role: 'IAM_ROLE_INLINE_POLICIES', user: 'IAM_USER_INLINE_POLICIES', group: 'IAM_GROUP_INLINE_POLICIES' } as const;

type PrincipalRef = { principalType: IamPrincipalType; principalName: string };

function attachedQuota(quotas: EffectiveQuotas, type: IamPrincipalType): number {
  const { maxManagedPoliciesPerRole, maxManagedPoliciesPerUser, maxManagedPoliciesPerGroup } = quotas.iam;
  return { role: maxManagedPoliciesPerRole, user: maxManagedPoliciesPerUser, group: maxManagedPoliciesPerGroup }[type];
}

const principalEntity = (principal: ResolvedPrincipal) => ({ type: principal.type, name: principal.name, arn: principal.arn });

/**
 * AttachRolePolicy / AttachUserPolicy / AttachGroupPolicy: idempotent as in AWS (attaching an attached policy
 * changes nothing); LimitExceeded past the principal's managed policy quota (10 by default).
 */
export async function attachPrincipalPolicy(db: Db, input: IamEditBase & PrincipalRef & { policyArn: string }): Promise<IamEditResult> {
  return runMutation(db, `attach${TYPE_WORD[input.principalType]}Policy`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const policy = await requireAttachablePolicy(scope, account, input.policyArn);
    const attached = await iamQueries.listPrincipalAttachments(scope.db, principal.column, principal.id);
    if (!attached.some((a) => a.policyId === policy.id)) {
      const max = attachedQuota(scope.quotas, principal.type);
      if (attached.length >= max) {
        throw limitExceeded(`Cannot exceed quota for PoliciesPer${TYPE_WORD[principal.type]}: ${max} (${principal.type} ${principal.name} has ${attached.length} managed policies attached).`);
      }
      await scope.writer.create('iamPolicyAttachment', { policyId: policy.id, [principal.column]: principal.id });
    }
    return { entity: principalEntity(principal), warnings: [] };
  });
}

/** DetachRolePolicy / DetachUserPolicy / DetachGroupPolicy: NoSuchEntity when the policy is not attached. */
export async function detachPrincipalPolicy(db: Db, input: IamEditBase & PrincipalRef & { policyArn: string }): Promise<IamEditResult> {
  return runMutation(db, `detach${TYPE_WORD[input.principalType]}Policy`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const policy = await iamQueries.findManagedPolicyByArn(scope.db, scope.context.designId, input.policyArn);
    const attachment = policy ? (await iamQueries.listPrincipalAttachments(scope.db, principal.column, principal.id)).find((a) => a.policyId === policy.id) : undefined;
    if (!attachment) throw noSuchEntity(`Policy ${input.policyArn} was not found attached to ${principal.type} ${principal.name}.`);
    await scope.writer.delete('iamPolicyAttachment', attachment.id);
    return { entity: principalEntity(principal), warnings: [] };
  });
}

/**
 * PutRolePolicy / PutUserPolicy / PutGroupPolicy: adds or replaces an inline policy, checked by the engine as an
 * IDENTITY document. The principal's inline policies together must fit its aggregate quota (role 10,240, user
 * 2,048, group 5,120 characters, whitespace not counted): LimitExceeded otherwise.
 */
export async function putInlinePolicy(db: Db, input: IamEditBase & PrincipalRef & { policyName: string; policyDocument: string }): Promise<IamEditResult> {
  return runMutation(db, `put${TYPE_WORD[input.principalType]}Policy`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const warnings = requireValidIamDocument(INLINE_KIND[principal.type], input.policyDocument, scope.quotas);
    const inline = await iamQueries.listInlinePolicies(scope.db, principal.column, principal.id);
    const existing = inline.find((p) => p.name === input.policyName);
    const total = inline.filter((p) => p !== existing).reduce((sum, p) => sum + iamPolicySize(p.document), iamPolicySize(input.policyDocument));
    const quota = scope.quotas.policySizes[INLINE_QUOTA[principal.type]];
    if (total > quota) {
      throw limitExceeded(`Maximum policy size of ${quota} bytes exceeded for ${principal.type} ${principal.name}: its inline policies would total ${total} characters (whitespace not counted).`);
    }
    if (existing) await scope.writer.update('iamInlinePolicy', existing.id, { document: input.policyDocument });
    else await scope.writer.create('iamInlinePolicy', { [principal.column]: principal.id, name: input.policyName, document: input.policyDocument });
    return { entity: principalEntity(principal), warnings };
  });
}

/** DeleteRolePolicy / DeleteUserPolicy / DeleteGroupPolicy: NoSuchEntity when there is no inline policy of that name. */
export async function deleteInlinePolicy(db: Db, input: IamEditBase & PrincipalRef & { policyName: string }): Promise<IamEditResult> {
  return runMutation(db, `delete${TYPE_WORD[input.principalType]}Policy`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const existing = (await iamQueries.listInlinePolicies(scope.db, principal.column, principal.id)).find((p) => p.name === input.policyName);
    if (!existing) throw noSuchEntity(`The ${principal.type} policy with name ${input.policyName} cannot be found on ${principal.name}.`);
    await scope.writer.delete('iamInlinePolicy', existing.id);
    return { entity: principalEntity(principal), warnings: [] };
  });
}

/** PutRolePermissionsBoundary / PutUserPermissionsBoundary: a managed policy (AWS or this account's) as the boundary. */
export async function putPermissionsBoundary(
  db: Db,
  input: IamEditBase & { principalType: 'role' | 'user'; principalName: string; permissionsBoundary: string },
): Promise<IamEditResult> {
  return runMutation(db, `put${TYPE_WORD[input.principalType]}PermissionsBoundary`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const policy = await requireAttachablePolicy(scope, account, input.permissionsBoundary);
    await scope.writer.update(principal.kind, principal.id, { boundaryPolicyId: policy.id, permissionsBoundaryArn: null });
    return { entity: principalEntity(principal), warnings: [] };
  });
}

/** DeleteRolePermissionsBoundary / DeleteUserPermissionsBoundary. */
export async function deletePermissionsBoundary(db: Db, input: IamEditBase & { principalType: 'role' | 'user'; principalName: string }): Promise<IamEditResult> {
  return runMutation(db, `delete${TYPE_WORD[input.principalType]}PermissionsBoundary`, input, async (scope) => {
    const account = await requireIamAccount(scope, input.accountId);
    const principal = await requirePrincipal(scope, account, input.principalType, input.principalName);
    const row = principal.type === 'role'
      ? await iamQueries.findRoleByName(scope.db, account.id, principal.name)
      : await iamQueries.findUserByName(scope.db, account.id, principal.name);
    if (!row?.boundaryPolicyId && !row?.permissionsBoundaryArn) throw noSuchEntity(`${TYPE_WORD[principal.type]} ${principal.name} has no permissions boundary.`);
    await scope.writer.update(principal.kind, principal.id, { boundaryPolicyId: null, permissionsBoundaryArn: null });
    return { entity: principalEntity(principal), warnings: [] };
  });
}
